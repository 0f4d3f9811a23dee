"""A queue nobody in the spec consumes fills up until its messages expire."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_


def check(spec, plan):
    consumed = {c.queue for _, c in components(spec, "worker")}
    for name, queue in components(spec, "sqs"):
        if name not in consumed:
            yield RULE.finding(("components", name), N_(
                "no worker of the spec consumes queue '%(name)s': its messages wait %(days)s days and are then "
                "lost") % {"name": name, "days": queue.message_retention_days})


RULE = Rule(
    "MSG003", "warning", "Queue without a consumer",
    "Messages nobody receives expire after the retention period, silently; the web side sees no error.",
    "add a worker with queue set to it (or ignore this when something outside the spec consumes it)",
    check,
)
