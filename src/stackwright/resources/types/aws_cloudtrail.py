"""AWS CloudTrail trail: additional copies of management events, data events, Insights events (the first
copy of management events is free)."""

from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_


def components(resource, usage):
    yield used("cloudtrail", N_("Additional management events"), "cloudtrail/management-events", usage,
               "monthly_additional_management_events", per=1e5)
    yield used("cloudtrail", N_("Data events"), "cloudtrail/data-events", usage, "monthly_data_events", per=1e5)
    yield used("cloudtrail", N_("Insights events"), "cloudtrail/insight-events", usage, "monthly_insight_events", per=1e5)


register("aws_cloudtrail", cloudformation_types="AWS::CloudTrail::Trail", components=components,
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {}, usage={
             "monthly_additional_management_events": UsageKey(0, "events/month"),
             "monthly_data_events": UsageKey(0, "events/month"), "monthly_insight_events": UsageKey(0, "events/month")})
