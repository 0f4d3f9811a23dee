"""Amazon CloudWatch metric alarm: one alarm-metric a month per metric it evaluates (each metric of a metric
math query; an anomaly detection band counts three), at the high-resolution rate when its period is under a
minute. Custom metrics the application publishes (PutMetricData) are usage no code shows: `custom_metrics`,
given on any of the account's CloudWatch resources."""

from stackwright.cost.component import CostComponent
from stackwright.importer.resources import items
from stackwright.resources.helpers import number
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_

ANOMALY_METRICS = 3  # AWS bills an anomaly detection alarm as three standard-resolution metrics
CUSTOM_METRICS = UsageKey(0, "metrics", "custom metrics the application publishes (PutMetricData)")


def custom_metrics(usage):
    """The custom metrics the usage gives this resource, if any."""
    count = usage["custom_metrics"]
    if float(count.value):
        yield CostComponent("cloudwatch", N_("Custom metrics"), "cloudwatch/custom-metric", float(count.value),
                            usage_based=True, assumption=count.assumption)


def components(resource, usage):
    a = resource.attrs
    metrics = a["metrics"] * (ANOMALY_METRICS if a["anomaly_detection"] else 1)
    if a["high_resolution"]:
        yield CostComponent("cloudwatch", N_("High-resolution alarms"), "cloudwatch/alarm-high-resolution", metrics,
                            assumption=N_("%(count)s metric(s), period under 60 s") % {"count": metrics})
    else:
        yield CostComponent("cloudwatch", N_("Standard-resolution alarms"), "cloudwatch/alarm-standard", metrics,
                            assumption=N_("%(count)s metric(s)") % {"count": metrics})
    yield from custom_metrics(usage)


def read(period, queries: list, metric_key: str, expression_key: str) -> dict:
    expressions = [str(q.get(expression_key) or "") for q in queries if isinstance(q, dict)]
    metrics = sum(1 for q in queries if isinstance(q, dict) and q.get(metric_key))
    return {"metrics": max(metrics, 1), "high_resolution": period is not None and period < 60,
            "anomaly_detection": any("ANOMALY_DETECTION_BAND" in e for e in expressions)}


def terraform(r, ctx):
    return read(number(r, "period"), items(r.props.get("metric_query"), "metric_query"), "metric", "expression")


def cloudformation(r, ctx):
    return read(number(r, "Period"), items(r.props.get("Metrics"), "Metrics"), "MetricStat", "Expression")


register("aws_cloudwatch_metric_alarm", cloudformation_types="AWS::CloudWatch::Alarm", components=components,
         terraform=terraform, cloudformation=cloudformation,
         service="cloudwatch", usage={"custom_metrics": CUSTOM_METRICS})
