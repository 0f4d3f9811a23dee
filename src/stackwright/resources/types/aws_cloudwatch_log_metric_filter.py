"""Amazon CloudWatch Logs metric filter: each metric it publishes is a custom metric."""

from stackwright.cost.component import CostComponent
from stackwright.importer.resources import items
from stackwright.resources.registry import register
from stackwright.translatable import N_


def components(resource, usage):
    yield CostComponent("cloudwatch", N_("Custom metrics"), "cloudwatch/custom-metric", resource.attrs["metrics"],
                        assumption=N_("%(count)s metric(s)") % {"count": resource.attrs["metrics"]})


def count(r, key: str) -> dict:
    return {"metrics": len(items(r.props.get(key), key))}


register("aws_cloudwatch_log_metric_filter", cloudformation_types="AWS::Logs::MetricFilter", components=components,
         terraform=lambda r, ctx: count(r, "metric_transformation"),
         cloudformation=lambda r, ctx: count(r, "MetricTransformations"),
         service="cloudwatch")
