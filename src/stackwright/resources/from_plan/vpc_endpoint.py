"""vpc_endpoint: the plan's endpoint for the component's service (an interface endpoint in one subnet per
AZ; a gateway endpoint is free), processing the data the spec states."""

from __future__ import annotations

from stackwright.resources.from_plan import planned
from stackwright.resources.record import UsageValue


def records(name, endpoint, ctx):
    for element in ctx.plan.of(ctx.plan.network.endpoints, name):
        yield from interface(ctx, element, endpoint.data_gb_month)


def interface(ctx, element, data_gb_month: float = 0):
    """The interface endpoint standing for plan element `element` (nothing for a gateway endpoint)."""
    if element.type != "interface":
        return
    usage = {"data_gb_month": UsageValue(data_gb_month, f"data_gb_month = {data_gb_month:g} GB")}
    yield planned(ctx, "aws_vpc_endpoint", element.id, {"service": element.service, "azs": max(1, len(element.subnets))},
                  usage)
