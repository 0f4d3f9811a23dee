"""Stack parameters: what the deployer supplies, each checked by a pattern before anything is created."""

from __future__ import annotations

from stackwright import json_text
from stackwright.plan.model import Parameter, Plan
from stackwright.render.cloudformation.template import (
    IMAGE_CONDITION, NEW_ZONE_CONDITION, NOTIFY_CONDITION, Template, logical_id,
)

TYPES = {
    "certificate_arn": {"Type": "String", "AllowedPattern": r"^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/.+$",
                        "ConstraintDescription": "an ACM certificate ARN"},
    "image": {"Type": "String", "MinLength": 1},
    "image_tag": {"Type": "String", "AllowedPattern": r"^([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$",
                  "ConstraintDescription": "a Docker image tag, or empty before the first image is pushed",
                  "Default": ""},
    "machine_image": {"Type": "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"},
    "domain_name": {"Type": "String", "AllowedPattern": r"^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$",
                    "ConstraintDescription": "a lower-case domain name such as example.com"},
    "notification_topic": {"Type": "String", "AllowedPattern": r"^(arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:.+)?$",
                           "ConstraintDescription": "an SNS topic ARN, or empty"},
    "hosted_zone_id": {"Type": "String", "AllowedPattern": r"^(Z[A-Z0-9]{1,32})?$",
                       "ConstraintDescription": "a Route 53 hosted zone id such as Z0123456789ABCDEFGHIJ, or empty"},
    "email_address": {"Type": "String", "AllowedPattern": r"^[^@ ]+@[^@ ]+[.][^@ ]+$",
                      "ConstraintDescription": "an e-mail address such as alerts@example.com"},
    "https_url": {"Type": "String", "AllowedPattern": r"^https://[^ ]+$",
                  "ConstraintDescription": "an https:// URL"},
    "time_zone": {"Type": "String", "AllowedPattern": r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$",
                  "ConstraintDescription": "an IANA time zone such as UTC or Asia/Seoul"},
}


def render(plan: Plan, template: Template) -> None:
    for parameter in plan.parameters:
        definition = {**TYPES[parameter.kind], "Description": parameter.description}
        if parameter.kind == "image_tag":
            definition["Description"] += "; empty (the first deploy) runs no tasks until an image is pushed"
        if parameter.default is not None:
            definition["Default"] = parameter.default
        if parameter.kind == "certificate_arn" and parameter.default == "":  # empty: the stack requests one
            definition |= {"AllowedPattern": f"^({definition['AllowedPattern'][1:-1]})?$",
                           "ConstraintDescription": "an ACM certificate ARN, or empty to request one"}
        template.add_parameter(parameter, definition)
        if parameter.kind == "notification_topic":
            template.conditions[NOTIFY_CONDITION] = {
                "Fn::Not": [{"Fn::Equals": [{"Ref": logical_id(parameter.id)}, ""]}]}
        if parameter.kind == "hosted_zone_id":
            template.conditions[NEW_ZONE_CONDITION] = {"Fn::Equals": [{"Ref": logical_id(parameter.id)}, ""]}
        if parameter.kind == "image_tag":
            template.conditions[IMAGE_CONDITION] = {
                "Fn::Not": [{"Fn::Equals": [{"Ref": logical_id(parameter.id)}, ""]}]}


HOW = {  # how to choose a kind's value, beyond "replace the example"
    "image_tag": "example: the tag you push; empty runs no tasks (a deploy before any image is pushed)",
}


def value_and_how(parameter: Parameter) -> tuple[str, str]:
    """The value parameters.json gives a parameter, and how to choose it: the running system's, so
    `stackwright import` of the template (which reads the parameters.json beside it) prices what
    `stackwright cost` prices."""
    if parameter.kind in HOW:
        return parameter.example, HOW[parameter.kind]
    if parameter.default is not None:
        return parameter.default, "default; may stay"
    return parameter.example, "example: replace it"


def parameters_file(plan: Plan, declared: dict) -> str:
    """`parameters.json`: the form `aws cloudformation create-stack --parameters file://…`, `stackwright
    deploy --parameters-file` and `stackwright import --parameters` read."""
    return json_text.dumps([{"ParameterKey": logical_id(p.id), "ParameterValue": value_and_how(p)[0]}
                            for p in plan.parameters if logical_id(p.id) in declared], end="\n")
