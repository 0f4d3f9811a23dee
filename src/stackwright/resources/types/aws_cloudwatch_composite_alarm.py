"""Amazon CloudWatch composite alarm: per alarm-month."""

from stackwright.resources.helpers import monthly
from stackwright.resources.registry import register


def components(resource, usage):
    yield monthly("cloudwatch", "Composite alarm", "cloudwatch/alarm-composite", 1)


register("aws_cloudwatch_composite_alarm", cloudformation_types="AWS::CloudWatch::CompositeAlarm",
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {}, components=components)
