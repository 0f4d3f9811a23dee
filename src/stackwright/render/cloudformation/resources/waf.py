"""WAF (v2): a web ACL of AWS managed rule groups, attached to the ALB (regional) or, in us-east-1, to
the CloudFront distribution."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.render.cloudformation.template import Template, logical_id


def _visibility(metric: str) -> dict:
    return {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": metric}


def render(component: str, plan: Plan, template: Template) -> None:
    for acl in plan.of(plan.web_acls, component):
        logical = template.add(logical_id(acl.id), "AWS::WAFv2::WebACL", {
            "Scope": acl.scope,
            "DefaultAction": {"Allow": {}},
            "VisibilityConfig": _visibility(logical_id(acl.id)),
            "Rules": [{"Name": group, "Priority": priority, "OverrideAction": {"None": {}},
                       "Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": group}},
                       "VisibilityConfig": _visibility(group)}
                      for priority, group in enumerate(acl.managed_rule_groups)],
        }, represents=acl.id)
        if acl.scope == "REGIONAL":
            template.add(f"{logical}Association", "AWS::WAFv2::WebACLAssociation",
                         {"ResourceArn": Ref(acl.protects, "arn"), "WebACLArn": Ref(acl.id, "arn")})
