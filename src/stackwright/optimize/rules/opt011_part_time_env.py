"""Run development and staging environments only in working hours."""

from stackwright.optimize.rule import Proposal, Rule
from stackwright.translatable import N_

WORKING_HOURS_PER_WEEK = 12 * 5  # 08:00–20:00, Monday to Friday


def propose(spec):
    if spec.environment != "production" and spec.running_hours_per_week > WORKING_HOURS_PER_WEEK:
        yield Proposal(
            spec.model_copy(update={"running_hours_per_week": WORKING_HOURS_PER_WEEK}),
            N_("%(environment)s: run compute and databases %(hours)s h a week (weekdays 08–20)") % {
                "environment": spec.environment, "hours": WORKING_HOURS_PER_WEEK},
            N_("Stop tasks, instances and databases out of hours (an EventBridge schedule); RDS restarts a stopped "
               "instance by itself after 7 days, and storage, NAT gateways, load balancers and caches still bill."),
            frozenset(spec.components),
        )


RULE = Rule("OPT011", "Part-time non-production environment", propose)
