"""Security groups. Rules naming another group become separate ingress/egress resources (inline they
would make the groups depend on each other in a cycle); a group with no CIDR egress gets AWS's
"disallow all" placeholder so the default allow-all egress rule is removed."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref, Rule
from stackwright.render.cloudformation._shared import name_tags
from stackwright.render.cloudformation.template import Template, logical_id

# An egress rule no packet matches: declaring any egress rule removes the default 0.0.0.0/0 one.
NO_EGRESS = {"CidrIp": "255.255.255.255/32", "IpProtocol": "icmp", "FromPort": 252, "ToPort": 86,
             "Description": "Disallow all traffic"}


def _cidr_rule(rule: Rule) -> dict:
    return {"IpProtocol": rule.protocol, "FromPort": rule.from_port, "ToPort": rule.to_port,
            "CidrIp": rule.cidr, "Description": rule.description}


def render(plan: Plan, template: Template) -> None:
    for group in plan.security_groups:
        properties = {"GroupDescription": group.description, "VpcId": Ref("vpc")}
        cidr_ingress = [_cidr_rule(r) for r in group.ingress if r.cidr]
        if cidr_ingress:
            properties["SecurityGroupIngress"] = cidr_ingress
        properties["SecurityGroupEgress"] = [_cidr_rule(r) for r in group.egress if r.cidr] or [NO_EGRESS]
        properties["Tags"] = name_tags(plan, group.id)
        logical = template.add(logical_id(group.id), "AWS::EC2::SecurityGroup", properties, represents=group.id)
        for index, rule in enumerate((r for r in group.ingress if r.group), start=1):
            template.add(f"{logical}Ingress{index}", "AWS::EC2::SecurityGroupIngress", {
                "GroupId": {"Ref": logical}, "IpProtocol": rule.protocol, "FromPort": rule.from_port,
                "ToPort": rule.to_port, "SourceSecurityGroupId": Ref(rule.group), "Description": rule.description})
        for index, rule in enumerate((r for r in group.egress if r.group), start=1):
            template.add(f"{logical}Egress{index}", "AWS::EC2::SecurityGroupEgress", {
                "GroupId": {"Ref": logical}, "IpProtocol": rule.protocol, "FromPort": rule.from_port,
                "ToPort": rule.to_port, "DestinationSecurityGroupId": Ref(rule.group),
                "Description": rule.description})
