"""Alarms sent to a topic nobody subscribes to reach nobody."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_


def check(spec, plan):
    for name, topic in components(spec, "sns"):
        planned = plan.of(plan.topics, name)
        if not topic.subscriptions and planned and plan.alarm_topic == planned[0].id:
            yield RULE.finding(("components", name, "subscriptions"), N_(
                "the plan's %(count)s alarms notify topic '%(name)s', which has no subscription: nobody hears "
                "them") % {"count": len(plan.alarms), "name": name})


RULE = Rule(
    "MSG004", "warning", "Alarm topic without subscribers",
    "An alarm that notifies an empty topic changes state in the console only; an outage goes unnoticed until users "
    "report it.",
    "add an email or https subscription to the topic",
    check,
)
