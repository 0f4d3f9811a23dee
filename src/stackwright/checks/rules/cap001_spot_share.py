"""Fargate Spot may carry no larger share of a service's tasks than the spec's constraints allow."""

from stackwright.checks.rule import Rule, components
from stackwright.resources.types.aws_ecs_service import place_tasks
from stackwright.translatable import N_


def check(spec, plan):
    limit = spec.constraints.max_spot_share
    for name, service in components(spec, "fargate_service"):
        for moment, count in (("desired", service.tasks.desired), ("max", service.tasks.max)):
            if not count:
                continue
            share = place_tasks(count, service.capacity_providers).get("FARGATE_SPOT", 0) / count
            if share > limit:
                yield RULE.finding(("components", name, "capacity_providers"),
                                   N_("'%(name)s' puts %(share)s of its %(count)s %(moment)s tasks on FARGATE_SPOT; "
                                      "constraints.max_spot_share is %(limit)s") % {
                                       "name": name, "share": f"{share:.0%}", "count": count, "moment": moment,
                                       "limit": f"{limit:.0%}"},
                                   N_("lower the FARGATE_SPOT weight or give FARGATE a base"))
                break


RULE = Rule(
    "CAP001", "error", "Fargate Spot share above the spec's limit",
    "Spot tasks are reclaimed with two minutes' notice; the spec caps how much capacity may vanish at once.",
    "lower the FARGATE_SPOT weight or raise the FARGATE base",
    check,
)
