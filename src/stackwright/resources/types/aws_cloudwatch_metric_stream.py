"""Amazon CloudWatch metric stream: metric updates streamed."""

from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    yield used("cloudwatch", "Metric updates", "cloudwatch/metric-stream-updates", usage, "monthly_metric_updates",
               per=1e3)


register("aws_cloudwatch_metric_stream", cloudformation_types="AWS::CloudWatch::MetricStream", components=components,
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {},
         usage={"monthly_metric_updates": UsageKey(0, "metric updates/month")})
