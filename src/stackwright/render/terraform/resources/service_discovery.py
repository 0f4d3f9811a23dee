"""Cloud Map: a private DNS namespace in the VPC and a service per registered workload, answering A
records for its tasks with a short TTL and dropping unhealthy tasks as ECS reports them."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.plan.operations import DNS_TTL_SECONDS, Namespace, of_type
from stackwright.render.terraform._shared import attribute, name_tags, resource
from stackwright.render.terraform.hcl import Block, Expr
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "operations"


def render(component: str, plan: Plan, stack: Stack) -> None:
    for namespace in of_type(plan, Namespace, component):
        name = local_name(namespace.id)
        address = resource(stack, MODULE, "aws_service_discovery_private_dns_namespace", name, {
            "name": namespace.name, "vpc": Ref("vpc"), "description": f"{plan.name} {component}",
            "tags": name_tags(plan, namespace.id)}, element=namespace, represents=namespace.id)
        if not namespace.services:
            continue
        services = f"aws_service_discovery_service.{name}"
        resource(stack, MODULE, "aws_service_discovery_service", name, {
            "for_each": Expr(f"toset({_list(namespace.services)})"), "name": Expr("each.key"),
            "dns_config": Block("dns_config", (), {
                "namespace_id": attribute(address, "id"), "routing_policy": "MULTIVALUE",
                "dns_records": [Block("dns_records", (), {"type": record, "ttl": DNS_TTL_SECONDS})
                                for record in ("A", "SRV")]}),
            "health_check_custom_config": Block("health_check_custom_config", (), {"failure_threshold": 1}),
            "tags": {"Name": Expr(f'"{plan.name}-{namespace.id}-${{each.key}}"')}}, element=namespace)
        for service in namespace.services:
            stack.represent(f"{namespace.id}-{service}", MODULE, None, f'{services}["{service}"]', "")


def _list(items) -> str:
    return "[" + ", ".join(f'"{item}"' for item in items) + "]"
