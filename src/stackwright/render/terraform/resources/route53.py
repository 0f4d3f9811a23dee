"""Route 53: the hosted zone for the domain variable, and alias records for the ALB (api.<domain>) and
the distribution (the apex) with the spec's routing policy."""

from __future__ import annotations

from stackwright.plan.model import Join, Plan, Ref
from stackwright.render.terraform._shared import attribute, name_tags, resource
from stackwright.render.terraform.hcl import Block
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "edge"


def render(component: str, plan: Plan, stack: Stack) -> None:
    distributions = {d.id for d in plan.distributions}
    for zone in plan.of(plan.dns_zones, component):
        name = local_name(zone.id)
        address = resource(stack, MODULE, "aws_route53_zone", name, {
            "name": Ref(zone.domain), "comment": f"{plan.name} {component}", "tags": name_tags(plan, zone.id),
        }, element=zone, represents=zone.id)
        stack.output(f"{name}_name_servers", f"Name servers to delegate the domain to ({component})",
                     Ref(zone.id, "name_servers"))
        for record in zone.records:
            body = {
                "zone_id": attribute(address, "zone_id"),
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
