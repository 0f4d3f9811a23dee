"""Amazon GuardDuty detector: CloudTrail management events, VPC Flow and DNS logs, S3 data events analysed."""

from stackwright.resources.helpers import flag, used
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_


def components(resource, usage):
    yield used("guardduty", N_("CloudTrail management events"), "guardduty/cloudtrail-events", usage,
               "monthly_cloudtrail_management_events", per=1e6)
    yield used("guardduty", N_("VPC Flow Logs and DNS logs"), "guardduty/flow-dns-logs", usage,
               "monthly_vpc_flow_and_dns_logs_gb")
    yield used("guardduty", N_("S3 data events"), "guardduty/s3-data-events", usage, "monthly_s3_data_events", per=1e6)


def read(enabled):
    return {} if enabled else None  # a disabled detector analyses nothing


register("aws_guardduty_detector", cloudformation_types="AWS::GuardDuty::Detector", components=components,
         terraform=lambda r, ctx: read(flag(r, "enable", default=True)),
         cloudformation=lambda r, ctx: read(flag(r, "Enable", default=True)), usage={
             "monthly_cloudtrail_management_events": UsageKey(0, "events/month"),
             "monthly_vpc_flow_and_dns_logs_gb": UsageKey(0, "GB"), "monthly_s3_data_events": UsageKey(0, "events/month")})
