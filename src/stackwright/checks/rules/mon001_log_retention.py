"""CloudWatch Logs keeps logs only for a fixed set of periods."""

from stackwright.checks.rule import Rule, components
from stackwright.plan.monitoring import LOG_RETENTION_DAYS, retention_days
from stackwright.translatable import N_


def check(spec, plan):
    for name, watch in components(spec, "cloudwatch"):
        if watch.log_retention_days not in LOG_RETENTION_DAYS:
            used = retention_days(watch.log_retention_days)
            yield RULE.finding(("components", name, "log_retention_days"),
                               N_("CloudWatch cannot keep logs %(days)s days; the plan keeps them %(used)s (the bill "
                                  "assumes %(days)s)") % {"days": watch.log_retention_days, "used": used},
                               N_("set log_retention_days: %(used)s") % {"used": used})


RULE = Rule(
    "MON001", "warning", "Log retention CloudWatch does not offer",
    "CloudWatch accepts only 1, 3, 5, 7, 14, 30, 60, 90 ... days; the plan rounds up, so logs cost more than billed.",
    "use one of CloudWatch's retention periods",
    check,
)
