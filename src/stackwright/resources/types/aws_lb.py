"""Elastic Load Balancing v2: Application, Network and Gateway Load Balancers, by the hour and by capacity
units (the largest of new connections, active connections and processed bytes). An internet-facing
Application Load Balancer also holds one public IPv4 address per AZ node."""

from stackwright.cost.component import CostComponent
from stackwright.resources import egress
from stackwright.resources.helpers import hourly, text
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_

# (price family, service, new connections/s, active connections/min, GB/h) per capacity unit
KINDS = {"application": ("alb", "alb", 25, 3000, 1.0), "network": ("nlb", "elb", 800, 100_000, 1.0),
         "gateway": ("gwlb", "elb", 600, 60_000, 1.0)}
UNKNOWN_SUBNETS_AZS = 2


def components(resource, usage):
    kind = resource.attrs["kind"]
    family, service, per_new, per_active, per_gb = KINDS[kind]
    yield hourly(service, N_("Load balancer hours"), f"{family}/hour")
    average = usage["lcu"]
    if kind == "application" and float(average.value):  # stated as average LCUs (Infracost's dimensions count)
        units, why = float(average.value), average.assumption
    else:
        new, active, gb = usage["new_connections"], usage["active_connections"], usage["processed_bytes_gb"]
        units = max(float(new.value) / per_new, float(active.value) / per_active, float(gb.value) / per_gb)
        why = (f"max of {new.assumption} ÷ {per_new}, {active.assumption} ÷ {per_active:,}, "
               f"{gb.assumption} ÷ {per_gb:g} = {units:.3f} units")
    yield CostComponent(service, N_("Load balancer capacity units"), f"{family}/lcu-hour", units * 730,
                        usage_based=True, assumption=N_("%(why)s × 730 h") % {"why": why})
    azs = resource.attrs.get("public_azs", 0)
    if kind == "application" and azs:
        yield CostComponent("public_ipv4", N_("Public IPv4 address (%(why)s)") % {
            "why": N_("one per ALB node, %(azs)s AZs") % {"azs": azs}}, "public_ipv4/in-use", azs * 730,
            assumption=N_("%(count)s address(es) × %(hours)s") % {"count": azs, "hours": N_("730 h")})
    yield from egress.component(usage)


USAGE = {"lcu": UsageKey(0, "LCU", "average capacity units (Application Load Balancers)"),
         "new_connections": UsageKey(0, "new connections/s"), "active_connections": UsageKey(0, "active connections/min"),
         "processed_bytes_gb": UsageKey(0, "GB/h"), **egress.USAGE}


def kind(value: str | None) -> dict:
    return {"kind": (value or "application").lower()}


def attributes(r, ctx, lb_type, subnets, internal: bool) -> dict:
    """The kind and, for an internet-facing load balancer, the AZs whose nodes hold a public address."""
    from stackwright.importer.mapping.network import MAX_AZS, known_length

    found = kind(lb_type)
    if not internal:
        azs = known_length(subnets)
        if azs is None:
            ctx.assume(r, f"its subnets are not known statically: {UNKNOWN_SUBNETS_AZS} AZs assumed")
            azs = UNKNOWN_SUBNETS_AZS
        found["public_azs"] = min(azs, MAX_AZS)
    return found


def terraform(r, ctx):
    from stackwright.importer.resources import to_bool

    return attributes(r, ctx, text(r, "load_balancer_type"), r.props.get("subnets") or r.props.get("subnet_mapping"),
                      to_bool(r.get("internal", default=False), "internal"))


def cloudformation(r, ctx):
    return attributes(r, ctx, text(r, "Type"), r.props.get("Subnets") or r.props.get("SubnetMappings"),
                      r.get("Scheme", default="internet-facing") == "internal")


register("aws_lb", cloudformation_types="AWS::ElasticLoadBalancingV2::LoadBalancer", components=components,
         terraform=terraform, cloudformation=cloudformation, usage=USAGE)
