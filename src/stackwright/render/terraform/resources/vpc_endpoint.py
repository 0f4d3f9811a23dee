"""VPC endpoints: interface endpoints with private DNS in the workloads' subnets, gateway endpoints on
their route tables."""

from __future__ import annotations

from stackwright.plan.model import Endpoint, Plan, Ref
from stackwright.render.terraform._shared import name_tags, resource
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "networking"


def endpoint(plan: Plan, stack: Stack, planned: Endpoint) -> str:
    body = {"vpc_id": Ref("vpc"), "service_name": f"com.amazonaws.{plan.region}.{planned.service}"}
    if planned.type == "gateway":
        body |= {"vpc_endpoint_type": "Gateway", "route_table_ids": [Ref(t) for t in planned.route_tables]}
    else:
        body |= {"vpc_endpoint_type": "Interface", "private_dns_enabled": True,
                 "subnet_ids": [Ref(s) for s in planned.subnets], "security_group_ids": [Ref(planned.security_group)]}
    body["tags"] = name_tags(plan, planned.id)
    return resource(stack, MODULE, "aws_vpc_endpoint", local_name(planned.id), body, element=planned,
                    represents=planned.id)


def render(component: str, plan: Plan, stack: Stack) -> None:
    for planned in plan.of(plan.network.endpoints, component):
        endpoint(plan, stack, planned)
