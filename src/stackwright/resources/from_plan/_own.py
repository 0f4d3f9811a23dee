"""The resources the plan makes that no spec component asks for, priced because the plan declares them:
the VPC endpoints private workloads need to start when there is no NAT, the secrets it generates for
database and cache credentials, and, with no cloudwatch component, its alarms and log groups."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.resources.from_plan import Planned


def records(ctx) -> Iterator[tuple[str, Planned]]:
    """(the name the bill lists it under, the planned resource)."""
    from stackwright.resources.from_plan.secrets_manager import generated
    from stackwright.resources.from_plan.vpc_endpoint import interface

    for endpoint in ctx.plan.network.endpoints:
        if endpoint.component is None:
            for record in interface(ctx, endpoint):
                yield f"plan-endpoint-{endpoint.service.replace('.', '-')}", record
    yield from generated(ctx)
    if not any(c.kind == "cloudwatch" for c in ctx.spec.components.values()):
        from stackwright.resources.from_plan.cloudwatch import monitoring

        for record in monitoring(ctx):  # the alarms and log groups the plan gives what it runs
            yield "monitoring", record
