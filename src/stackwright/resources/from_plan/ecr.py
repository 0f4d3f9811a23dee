"""ecr: the plan's repositories (one per workload), sharing the registry's stated storage evenly."""

from __future__ import annotations

from stackwright.resources.from_plan import planned
from stackwright.resources.record import UsageValue
from stackwright.translatable import N_


def depends_on(name, registry, ctx) -> tuple:
    """What `records` reads besides the component, its name and the region (spec_bill's memo of its lines): its
    repositories, at their addresses."""
    return tuple(ctx.addresses[r.id] for r in ctx.plan.of(ctx.plan.repositories, name))


def records(name, registry, ctx):
    repositories = list(ctx.plan.of(ctx.plan.repositories, name))
    values = {"gb": f"{registry.storage_gb:g}", "count": len(repositories)}
    why = (N_("%(gb)s GB of images ÷ %(count)s repositories") if len(repositories) > 1
           else N_("%(gb)s GB of images")) % values
    for repository in repositories:
        usage = {"storage_gb": UsageValue(registry.storage_gb / len(repositories), why)}
        yield planned(ctx, "aws_ecr_repository", repository.id, {}, usage)
