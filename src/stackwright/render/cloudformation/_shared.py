"""Pieces several component kinds render the same way: tags, secrets, IAM roles, launch templates."""

from __future__ import annotations

import json
import math

from stackwright.plan.model import Plan, Ref, Role, Secret
from stackwright.render.plan_index import plan_role  # noqa: F401  (the resources import it from here)
from stackwright.render.cloudformation.template import Template, get_att, logical_id
from stackwright.spec.model import Ebs

ROOT_DEVICE = "/dev/xvda"  # Amazon Linux 2023's root volume


def name_tags(plan: Plan, name: str) -> list[dict]:
    """A Name tag, for the console; the stack's own tags reach every resource at deploy time."""
    return [{"Key": "Name", "Value": f"{plan.name}-{name}"}]


def secret(template: Template, secret_plan: Secret) -> str:
    generate = {"PasswordLength": secret_plan.length, "ExcludePunctuation": True}
    if secret_plan.username:
        generate = {"SecretStringTemplate": json.dumps({"username": secret_plan.username}),
                    "GenerateStringKey": "password", **generate}
    # Generated values are worthless without the resource they protect: they go with the stack.
    return template.add(logical_id(secret_plan.id), "AWS::SecretsManager::Secret",
                        {"Description": secret_plan.description, "GenerateSecretString": generate},
                        represents=secret_plan.id, DeletionPolicy="Delete", UpdateReplacePolicy="Delete")


def resolve_secret(secret_id: str, key: str | None = None) -> dict:
    """A dynamic reference: CloudFormation reads the value at deploy time; the template never holds it."""
    path = f":SecretString:{key}" if key else ""
    return {"Fn::Sub": f"{{{{resolve:secretsmanager:${{{logical_id(secret_id)}}}{path}}}}}"}


def role(template: Template, role_plan: Role) -> str:
    properties = {
        "Description": role_plan.description,
        "AssumeRolePolicyDocument": {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"Service": role_plan.service}, "Action": "sts:AssumeRole"}],
        },
    }
    if role_plan.managed_policies:
        properties["ManagedPolicyArns"] = [{"Fn::Sub": f"arn:${{AWS::Partition}}:iam::aws:policy/{name}"}
                                           for name in role_plan.managed_policies]
    if role_plan.statements:
        properties["Policies"] = [{
            "PolicyName": "least-privilege",
            "PolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [{"Sid": s.sid, "Effect": "Allow", "Action": list(s.actions), "Resource": list(s.resources)}
                              for s in role_plan.statements],
            },
        }]
    logical = template.add(logical_id(role_plan.id), "AWS::IAM::Role", properties, represents=role_plan.id)
    if role_plan.instance_profile:
        template.add(instance_profile_id(role_plan.id), "AWS::IAM::InstanceProfile", {"Roles": [{"Ref": logical}]})
    return logical


def instance_profile_id(role_id: str) -> str:
    return f"{logical_id(role_id)}Profile"


def root_volume(volume: Ebs) -> dict:
    ebs = {"VolumeType": volume.type, "VolumeSize": math.ceil(volume.gb), "Encrypted": True, "DeleteOnTermination": True}
    if volume.iops and volume.type in ("gp3", "io1", "io2"):
        ebs["Iops"] = volume.iops
    if volume.throughput_mibps and volume.type == "gp3":
        ebs["Throughput"] = volume.throughput_mibps
    return {"DeviceName": ROOT_DEVICE, "Ebs": ebs}


def launch_template(template: Template, logical: str, *, machine_image: str, instance_type: str, role_id: str,
                    volume: Ebs, spot: bool = False, network_interface: dict | None = None,
                    user_data: str | None = None) -> str:
    """Instances only through a launch template: IMDSv2 required, root volume encrypted."""
    data = {
        "ImageId": Ref(machine_image),
        "InstanceType": instance_type,
        "IamInstanceProfile": {"Arn": get_att(instance_profile_id(role_id), "Arn")},
        "MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled", "HttpPutResponseHopLimit": 2},
        "BlockDeviceMappings": [root_volume(volume)],
    }
    if network_interface:
        data["NetworkInterfaces"] = [network_interface]
    if spot:
        data["InstanceMarketOptions"] = {"MarketType": "spot"}
    if user_data:
        data["UserData"] = {"Fn::Base64": user_data}
    return template.add(logical, "AWS::EC2::LaunchTemplate", {"LaunchTemplateData": data})


def launch_template_version(logical: str) -> dict:
    return {"LaunchTemplateId": {"Ref": logical}, "Version": get_att(logical, "LatestVersionNumber")}
