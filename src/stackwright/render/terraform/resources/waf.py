"""WAF (v2): a web ACL of AWS managed rule groups, attached to the ALB (regional) or, in us-east-1, to
the CloudFront distribution (which names the ACL itself)."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.plan.naming import resource_name
from stackwright.render.terraform._shared import attribute, name_tags, resource
from stackwright.render.terraform.hcl import Block
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "edge"


def _visibility(metric: str) -> Block:
    return Block("visibility_config", (), {"sampled_requests_enabled": True, "cloudwatch_metrics_enabled": True,
                                           "metric_name": metric})


def render(component: str, plan: Plan, stack: Stack) -> None:
    for acl in plan.of(plan.web_acls, component):
        name = local_name(acl.id)
        address = resource(stack, MODULE, "aws_wafv2_web_acl", name, {
            "name": resource_name(plan.name, acl.id, limit=128),
            "scope": acl.scope,
            "tags": name_tags(plan, acl.id),
            "default_action": Block("default_action", (), {"allow": Block("allow")}),
            "visibility_config": _visibility(resource_name(plan.name, acl.id, limit=128)),
            "rule": [Block("rule", (), {
                "name": group, "priority": priority,
                "override_action": Block("override_action", (), {"none": Block("none")}),
                "statement": Block("statement", (), {"managed_rule_group_statement": Block(
                    "managed_rule_group_statement", (), {"name": group, "vendor_name": "AWS"})}),
                "visibility_config": _visibility(group),
            }) for priority, group in enumerate(acl.managed_rule_groups)],
        }, element=acl, represents=acl.id)
        if acl.scope == "REGIONAL":
            stack.resource(MODULE, "aws_wafv2_web_acl_association", name, {
                "resource_arn": Ref(acl.protects, "arn"), "web_acl_arn": attribute(address, "arn")})
