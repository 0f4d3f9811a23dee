"""Backlog scaling needs a queue to watch."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_


def check(spec, plan):
    for name, worker in components(spec, "worker"):
        if worker.scaling.metric == "queue_backlog" and worker.queue is None:
            yield RULE.finding(("components", name, "scaling", "metric"), N_(
                "worker '%(name)s' scales on its queue's backlog but names no queue: the plan scales it on CPU "
                "instead") % {"name": name})


RULE = Rule(
    "MSG002", "warning", "Worker scales on a backlog without a queue",
    "Without a queue there is no ApproximateNumberOfMessagesVisible to follow; CPU scaling lags behind a burst of "
    "jobs that wait in a queue.",
    "set queue to the sqs component it consumes, or set scaling.metric: cpu",
    check,
)
