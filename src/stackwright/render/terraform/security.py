"""Security groups, each in the Terraform module of what it protects, every rule its own resource:
rules naming another group would otherwise make the groups depend on each other in a cycle. Terraform
removes AWS's default allow-all egress rule from the groups it creates, so a group with no egress rule
allows no egress."""

from __future__ import annotations

import importlib

from stackwright.plan.model import Plan, Ref, Rule
from stackwright.plan.naming import resource_name
from stackwright.render.terraform._shared import attribute, name_tags, resource
from stackwright.render.terraform.service_module import mirrored_rules
from stackwright.render.terraform.stack import Stack, local_name

NETWORK_MODULE = "networking"  # groups of no component: the interface endpoints


def render(plan: Plan, stack: Stack) -> None:
    in_service_module = {s.security_group for s in plan.services}
    mirrored = set() if stack.addresses_only else mirrored_rules(plan)
    for group in plan.security_groups:
        if group.id in in_service_module:
            continue  # the service module writes the groups of Fargate services
        module = _module(plan, group.component)
        name = local_name(group.id)
        address = resource(stack, module, "aws_security_group", name, {
            "name": resource_name(plan.name, group.id, limit=255),
            "description": group.description,
            "vpc_id": Ref("vpc"),
            "tags": name_tags(plan, group.id),
        }, element=group, represents=group.id)
        if stack.addresses_only:
            continue  # the rules stand for no plan element
        for direction, all_rules in (("ingress", group.ingress), ("egress", group.egress)):
            # and the rules on other groups that mirror theirs
            rules = [r for r in all_rules if (group.id, direction, r) not in mirrored]
            for index, rule in enumerate(rules, start=1):
                resource(stack, module, f"aws_vpc_security_group_{direction}_rule", f"{name}_{direction}_{index}", {
                    "security_group_id": attribute(address, "id"),
                    "description": rule.description,
                    "ip_protocol": rule.protocol,
                    "from_port": rule.from_port,
                    "to_port": rule.to_port,
                    **_peer(rule),
                }, element=rule)


def _module(plan: Plan, component: str | None) -> str:
    """The Terraform module of what the group protects, which attaches it there."""
    if component is None:
        return NETWORK_MODULE
    kind = dict(plan.components)[component]
    return importlib.import_module(f"stackwright.render.terraform.resources.{kind}").MODULE


def _peer(rule: Rule) -> dict:
    if rule.cidr:
        return {"cidr_ipv4": rule.cidr}
    return {"referenced_security_group_id": Ref(rule.group)}
