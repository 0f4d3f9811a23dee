"""Which of the plan's resources send the spec's responses out to the internet, and how much each sends:
the spec's data out (a data_transfer component's internet_out_gb_month, else the traffic's) less what its
CloudFront distributions serve, shared evenly among the front doors: the APIs and the load balancers no API
fronts; without those, the instances with a public address no load balancer fronts; without those, the
Fargate services with one."""

from __future__ import annotations

from stackwright.resources.egress import KEY
from stackwright.resources.record import UsageValue
from stackwright.translatable import N_


def cloudfront_share(spec) -> float:
    """Share of the internet data out the spec's distributions serve (their share_of_traffic, at most all)."""
    return min(1.0, sum(c.share_of_traffic for c in spec.components.values() if c.kind == "cloudfront"))


def internet_out(ctx) -> UsageValue:
    """The spec's internet data out that leaves from its own resources, not through CloudFront."""
    stated = next((c.internet_out_gb_month for c in ctx.spec.components.values()
                   if c.kind == "data_transfer" and c.internet_out_gb_month is not None), None)
    if stated is not None:
        return UsageValue(stated, f"internet_out_gb_month = {stated:g} GB")
    usage = ctx.usage.data_out_gb
    if not ctx.has_kind("cloudfront"):
        return UsageValue(usage.value, usage.assumption)
    share = cloudfront_share(ctx.spec)
    if share >= 1:
        return UsageValue(0.0, N_("served through CloudFront (origin fetches to CloudFront are free)"))
    return UsageValue(usage.value * (1 - share), N_("%(share)s not served through CloudFront: %(usage)s") % {
        "share": f"{1 - share:.0%}", "usage": usage.assumption})


def carriers(ctx) -> tuple[str, ...]:
    """Plan element ids of the resources the spec's internet data out leaves from."""
    return ctx.once("internet carriers", lambda: _carriers(ctx.plan))


def _carriers(plan) -> tuple[str, ...]:
    fronted = {api.target for api in plan.apis if api.target_kind == "load_balancer"}
    doors = tuple(api.id for api in plan.apis) + tuple(lb.id for lb in plan.load_balancers if lb.id not in fronted)
    if doors:
        return doors
    instances = tuple(element for group in plan.instance_groups if group.public_ip
                      for element in (group.instances or (group.id,)))
    return instances or tuple(service.id for service in plan.services if service.public_ip)


def usage(ctx, element_id: str) -> dict[str, UsageValue]:
    """The internet data out usage of one plan element: its even share, or nothing if it sends none."""
    if element_id not in ctx.once("internet carrier set", lambda: set(carriers(ctx))):
        return {}  # most elements: asked once per bill for each, so the set first
    found = carriers(ctx)
    total = ctx.once("internet out", lambda: internet_out(ctx))
    if len(found) == 1:
        return {KEY: total}
    return {KEY: UsageValue(total.value / len(found), N_("%(total)s ÷ %(count)s resources serving the internet") % {
        "total": total.assumption, "count": len(found)})}
