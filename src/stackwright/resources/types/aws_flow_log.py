"""VPC Flow Logs: the logs delivered, as vended logs, to CloudWatch Logs or S3 (their storage is the log
group's or bucket's)."""

from stackwright.resources.helpers import text, used
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_


def components(resource, usage):
    to_s3 = resource.attrs["destination"] == "s3"
    yield used("cloudwatch", N_("Flow logs delivered to S3") if to_s3 else N_("Flow logs delivered to CloudWatch Logs"),
               "s3/vended-logs" if to_s3 else "cloudwatch/vended-logs", usage, "monthly_logs_gb")


def read(destination_type):
    return {"destination": (destination_type or "cloud-watch-logs").lower()}


register("aws_flow_log", cloudformation_types="AWS::EC2::FlowLog", components=components,
         terraform=lambda r, ctx: read(text(r, "log_destination_type")),
         cloudformation=lambda r, ctx: read(text(r, "LogDestinationType")),
         usage={"monthly_logs_gb": UsageKey(0, "GB")})
