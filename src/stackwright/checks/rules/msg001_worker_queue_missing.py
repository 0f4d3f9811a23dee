"""A worker's queue must be an sqs component of the spec."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_


def check(spec, plan):
    queues = {name for name, c in spec.components.items() if c.kind == "sqs"}
    for name, worker in components(spec, "worker"):
        if worker.queue is not None and worker.queue not in queues:
            yield RULE.finding(("components", name, "queue"), N_(
                "worker '%(name)s' consumes queue '%(queue)s', which is not an sqs component of the spec: its task "
                "role gets no queue access and it cannot scale on the backlog") % {
                "name": name, "queue": worker.queue})


RULE = Rule(
    "MSG001", "error", "Worker consumes a queue the spec does not have",
    "The worker's code would find no queue to read and no permission to read it, and its task count would never "
    "follow the work waiting.",
    "name an sqs component of the spec as its queue, or add one",
    check,
)
