"""Amazon EventBridge event bus: custom events published to it (AWS service events are free)."""

from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    yield used("eventbridge", "Custom events", "events/custom-events", usage, "monthly_custom_events", per=1e6)


register("aws_cloudwatch_event_bus", cloudformation_types="AWS::Events::EventBus", components=components,
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {},
         usage={"monthly_custom_events": UsageKey(0, "events/month")})
