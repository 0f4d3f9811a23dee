"""Flow logs delivered to CloudWatch Logs cost about twice the per-GB rate of delivery to S3 (vended logs:
$0.50 vs $0.25 per GB in us-east-1), and then pay CloudWatch storage too: at volume, S3 is the usual home."""

from stackwright.checks.rule import Rule, components
from stackwright.cost.usage import Usage
from stackwright.resources.from_plan._operations import flow_log_gb
from stackwright.translatable import N_

GB_FLAGGED = 100  # GB a month: delivery to S3 saves about $25 a month from here on (us-east-1)


def check(spec, plan):
    for name, flow in components(spec, "vpc_flow_logs"):
        if flow.destination != "cloudwatch_logs":
            continue
        gb = flow.log_gb_month if flow.log_gb_month is not None else flow_log_gb(Usage(spec.traffic),
                                                                                 flow.traffic_type).value
        if gb >= GB_FLAGGED:
            yield RULE.finding(("components", name, "destination"),
                               N_("'%(name)s' sends %(gb)s GB of %(type)s flow records a month to CloudWatch Logs, "
                                  "about twice the per-GB delivery price of S3") % {
                                   "name": name, "gb": f"{gb:,.0f}", "type": flow.traffic_type},
                               N_("set destination: s3 (query with Athena), or traffic_type: REJECT if only "
                                  "blocked traffic is reviewed"))


RULE = Rule(
    "MON003", "info", "High-volume flow logs to CloudWatch Logs",
    "CloudWatch Logs charges about twice S3's per-GB rate for vended flow logs, plus its own storage; flow logs are "
    "searched rarely, so S3 with Athena costs less for the same records.",
    "set destination: s3",
    check,
)
