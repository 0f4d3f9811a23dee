"""Billable things the plan creates beyond what the spec prices."""

from stackwright.checks.rule import Rule, components


def check(spec, plan):
    watches = list(components(spec, "cloudwatch"))
    if watches:
        priced = sum(w.alarms for _, w in watches)
        if len(plan.alarms) > priced:
            yield RULE.finding(("components", watches[0][0], "alarms"),
                               f"the plan creates {len(plan.alarms)} alarms; the spec prices {priced}",
                               f"set alarms: {len(plan.alarms)}")
    vaults = list(components(spec, "secrets_manager"))
    if vaults:
        priced = sum(v.secrets for _, v in vaults)
        if len(plan.secrets) > priced:
            yield RULE.finding(("components", vaults[0][0], "secrets"),
                               f"the plan creates {len(plan.secrets)} secrets (database credentials and cache tokens "
                               f"included); the spec prices {priced}", f"set secrets: {len(plan.secrets)}")


RULE = Rule(
    "BIL001", "info", "Plan creates more than the bill prices",
    "The bill counts what the spec says; alarms and secrets the plan adds for safety cost a little each month.",
    "raise the counts in the spec so the bill matches the plan",
    check,
)
