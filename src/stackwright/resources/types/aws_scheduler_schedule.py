"""Amazon EventBridge Scheduler schedule: invocations."""

from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    yield used("eventbridge", "Scheduler invocations", "scheduler/invocations", usage, "monthly_invocations", per=1e6)


register("aws_scheduler_schedule", cloudformation_types="AWS::Scheduler::Schedule", components=components,
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {},
         usage={"monthly_invocations": UsageKey(0, "invocations/month")})
