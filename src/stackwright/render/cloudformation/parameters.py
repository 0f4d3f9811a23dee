"""Stack parameters: what the deployer supplies, each checked by a pattern before anything is created."""

from __future__ import annotations

from stackwright.plan.model import Plan
from stackwright.render.cloudformation.template import NOTIFY_CONDITION, Template, logical_id

TYPES = {
    "certificate_arn": {"Type": "String", "AllowedPattern": r"^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/.+$",
                        "ConstraintDescription": "an ACM certificate ARN"},
    "image": {"Type": "String", "MinLength": 1},
    "image_tag": {"Type": "String", "AllowedPattern": r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$",
                  "ConstraintDescription": "a Docker image tag"},
    "machine_image": {"Type": "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"},
    "domain_name": {"Type": "String", "AllowedPattern": r"^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$",
                    "ConstraintDescription": "a lower-case domain name such as example.com"},
    "notification_topic": {"Type": "String", "AllowedPattern": r"^(arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:.+)?$",
                           "ConstraintDescription": "an SNS topic ARN, or empty"},
    "time_zone": {"Type": "String", "AllowedPattern": r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$",
                  "ConstraintDescription": "an IANA time zone such as UTC or Asia/Seoul"},
}


def render(plan: Plan, template: Template) -> None:
    for parameter in plan.parameters:
        definition = {**TYPES[parameter.kind], "Description": parameter.description}
        if parameter.default is not None:
            definition["Default"] = parameter.default
        template.add_parameter(parameter, definition)
        if parameter.kind == "notification_topic":
            template.conditions[NOTIFY_CONDITION] = {
                "Fn::Not": [{"Fn::Equals": [{"Ref": logical_id(parameter.id)}, ""]}]}
