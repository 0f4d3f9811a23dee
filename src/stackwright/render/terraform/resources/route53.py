"""Route 53: the hosted zone for the domain variable (unless an existing one is given), and alias records for the ALB (api.<domain>) and
the distribution (the apex) with the spec's routing policy."""

from __future__ import annotations

from stackwright.plan.edge import HOSTED_ZONE_PARAMETER
from stackwright.plan.model import DnsZone, Join, Plan, Ref
from stackwright.render.terraform._shared import name_tags, resource
from stackwright.render.terraform.hcl import Block, Expr
from stackwright.render.terraform.stack import Formula, Stack, local_name

MODULE = "edge"


def zone_id(stack: Stack, zone: DnsZone) -> Formula:
    """The existing hosted zone given, or the one the configuration creates when none is."""
    return Formula(f'{{0}} != "" ? {{0}} : aws_route53_zone.{local_name(zone.id)}[0].zone_id',
                   (Ref(HOSTED_ZONE_PARAMETER),))


def render(component: str, plan: Plan, stack: Stack) -> None:
    distributions = {d.id for d in plan.distributions}
    for zone in plan.of(plan.dns_zones, component):
        name = local_name(zone.id)
        address = resource(stack, MODULE, "aws_route53_zone", name, {
            "count": Formula('{0} == "" ? 1 : 0', (Ref(HOSTED_ZONE_PARAMETER),)),  # never a second zone for it
            "name": Ref(zone.domain), "comment": f"{plan.name} {component}", "tags": name_tags(plan, zone.id),
        }, element=zone)
        stack.represent(zone.id, MODULE, None, f"{address}[0]", "",
                        {"name_servers": Expr(f"one({address}[*].name_servers)")})
        stack.output(f"{name}_name_servers", f"Name servers to delegate the domain to ({component}); null when an "
                     "existing hosted zone is given", Ref(zone.id, "name_servers"))
        for record in zone.records:
            body = {
                "zone_id": zone_id(stack, zone),
                "name": Join((f"{record.subdomain}." if record.subdomain else "", Ref(zone.domain))),
                "type": "A",
            }
            if record.set_identifier:
                body["set_identifier"] = record.set_identifier
            body["alias"] = Block("alias", (), {
                "name": Ref(record.target, "dns_name"), "zone_id": Ref(record.target, "zone_id"),
                "evaluate_target_health": record.target not in distributions})
            if record.continent == "*":
                body["geolocation_routing_policy"] = Block("geolocation_routing_policy", (), {"country": "*"})
            elif record.continent:
                body["geolocation_routing_policy"] = Block("geolocation_routing_policy", (),
                                                           {"continent": record.continent})
            if record.region:
                body["latency_routing_policy"] = Block("latency_routing_policy", (), {"region": record.region})
            stack.resource(MODULE, "aws_route53_record", local_name(record.id), body)
