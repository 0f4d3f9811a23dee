"""public_ipv4: the component's Elastic IPs, one resource each; the team attaches those in use to what the
plan does not make."""

from __future__ import annotations

from stackwright.plan.elastic_ips import ElasticIp
from stackwright.plan.model import Plan
from stackwright.plan.operations import of_type
from stackwright.render.cloudformation._shared import name_tags
from stackwright.render.cloudformation.template import Template, logical_id


def render(component: str, plan: Plan, template: Template) -> None:
    for address in of_type(plan, ElasticIp, component):
        template.add(logical_id(address.id), "AWS::EC2::EIP", {"Domain": "vpc", "Tags": name_tags(plan, address.id)},
                     represents=address.id)
