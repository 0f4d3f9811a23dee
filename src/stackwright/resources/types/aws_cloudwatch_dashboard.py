"""Amazon CloudWatch dashboard: one dashboard-month (and the usage file's custom metrics, if given here)."""

from stackwright.cost.component import CostComponent
from stackwright.resources.registry import register
from stackwright.resources.types.aws_cloudwatch_metric_alarm import CUSTOM_METRICS, custom_metrics
from stackwright.translatable import N_


def components(resource, usage):
    yield CostComponent("cloudwatch", N_("Dashboards"), "cloudwatch/dashboard", 1)
    yield from custom_metrics(usage)


register("aws_cloudwatch_dashboard", cloudformation_types="AWS::CloudWatch::Dashboard", components=components,
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {}, service="cloudwatch",
         usage={"custom_metrics": CUSTOM_METRICS})
