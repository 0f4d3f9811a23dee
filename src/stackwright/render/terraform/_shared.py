"""Pieces several component kinds render the same way: tags, secrets, IAM roles, launch templates,
and the checkov skips the spec's choices call for."""

from __future__ import annotations

import math
from typing import Any

from stackwright.memo import last_plan
from stackwright.plan.model import Plan, Ref, Role, Secret
from stackwright.render.plan_index import plan_role  # noqa: F401  (the resources import it from here)
from stackwright.render.terraform.hcl import Block, Call, Expr, Template
from stackwright.render.terraform.stack import Stack, local_name
from stackwright.spec.model import Ebs
from stackwright.validate.checkov_skips import EBS_OPTIMIZED_NOT_INCLUDED, skips, terraform_comments

ROOT_DEVICE = "/dev/xvda"  # Amazon Linux 2023's root volume
# The app's containers (Docker's bridge network) reach instance metadata one hop further than the host.
CONTAINER_HOST_HOP_LIMIT = 2


def name_tags(plan: Plan, name: str) -> dict:
    """A Name tag, for the console; the provider's default tags reach every resource."""
    return {"Name": f"{plan.name}-{name}"}


def skip_comments(plan: Plan, resource_type: str, element: Any = None) -> tuple[str, ...]:
    return terraform_comments(skips(plan, resource_type, element))


def resource(stack: Stack, module: str, resource_type: str, name: str, body: dict, *, element: Any = None,
             represents: str | None = None, attributes: dict | None = None) -> str:
    """A resource carrying the checkov skips its plan `element` calls for (see validate.checkov_skips)."""
    comments = () if stack.addresses_only else skip_comments(stack.plan, resource_type, element)
    return stack.resource(module, resource_type, name, body, represents=represents, attributes=attributes,
                          comments=comments)


def attribute(address: str, name: str) -> Expr:
    return Expr(f"{address}.{name}")


def secret(stack: Stack, module: str, planned: Secret, extra: dict | None = None, *,
           replaced_after_deploy: bool = False) -> str:
    """A generated secret: the value exists only in Secrets Manager and Terraform's state, never in the
    code. With a username the value is JSON {"username", "password", ...`extra`}. A value the team
    replaces after deploy is left alone by later applies. Returns the address of the generated value."""
    name = local_name(planned.id)
    # Letters and digits only: valid as an RDS password and an ElastiCache AUTH token alike.
    password = stack.resource(module, "random_password", name, {"length": planned.length, "special": False})
    arn = resource(stack, module, "aws_secretsmanager_secret", name, {
        "name_prefix": f"{stack.plan.name}/{planned.id}-",
        "description": planned.description,
        "tags": name_tags(stack.plan, planned.id),
    }, element=planned, represents=planned.id)
    value: Any = attribute(password, "result")
    if planned.username:
        value = Call("jsonencode", ({"username": planned.username, "password": value, **(extra or {})},))
    version: dict[str, Any] = {"secret_id": attribute(arn, "id"), "secret_string": value}
    if replaced_after_deploy:
        version["lifecycle"] = Block("lifecycle", (), {"ignore_changes": [Expr("secret_string")]})
    stack.resource(module, "aws_secretsmanager_secret_version", name, version)
    return password


def role(stack: Stack, module: str, planned: Role) -> str:
    """The role, its inline least-privilege policy, its AWS managed policies and instance profile."""
    plan = stack.plan
    name = local_name(planned.id)
    assume = stack.data(module, "aws_iam_policy_document", f"{name}_assume", {"statement": Block("statement", (), {
        "actions": ["sts:AssumeRole"],
        "principals": Block("principals", (), {"type": "Service", "identifiers": [planned.service]}),
    })})
    address = resource(stack, module, "aws_iam_role", name, {
        "name_prefix": f"{plan.name}-{planned.id}"[:38],
        "description": planned.description,
        "assume_role_policy": attribute(assume, "json"),
        "tags": name_tags(plan, planned.id),
    }, element=planned, represents=planned.id)
    if planned.statements:
        document = stack.data(module, "aws_iam_policy_document", name, {"statement": [
            Block("statement", (), {"sid": s.sid, "actions": list(s.actions), "resources": list(s.resources)})
            for s in planned.statements]})
        stack.resource(module, "aws_iam_role_policy", name, {
            "name": "least-privilege", "role": attribute(address, "id"), "policy": attribute(document, "json")})
    for policy in planned.managed_policies:
        partition = stack.data(module, "aws_partition", "current")
        stack.resource(module, "aws_iam_role_policy_attachment", f"{name}_{local_name(policy)}", {
            "role": attribute(address, "name"),
            "policy_arn": Template(("arn:", attribute(partition, "partition"), f":iam::aws:policy/{policy}")),
        })
    if planned.instance_profile:
        stack.resource(module, "aws_iam_instance_profile", name, {
            "name_prefix": f"{plan.name}-{planned.id}"[:38], "role": attribute(address, "name"),
            "tags": name_tags(plan, planned.id)})
    return address


def plan_secret(plan: Plan, secret_id: str) -> Secret:
    return next(s for s in plan.secrets if s.id == secret_id)


def _ebs(volume: Ebs) -> dict[str, Any]:
    ebs: dict[str, Any] = {"volume_type": volume.type, "volume_size": math.ceil(volume.gb), "encrypted": True,
                           "delete_on_termination": True}
    if volume.iops and volume.type in ("gp3", "io1", "io2"):
        ebs["iops"] = volume.iops
    if volume.throughput_mibps and volume.type == "gp3":
        ebs["throughput"] = volume.throughput_mibps
    return ebs


def _metadata(hop_limit: int) -> dict[str, Any]:
    """IMDSv2 only. A hop limit of 2 lets containers on the instance (Docker's bridge network) reach it."""
    return {"http_tokens": "required", "http_endpoint": "enabled", "http_put_response_hop_limit": hop_limit}


def ebs_optimized(instance_type: str) -> bool:
    """Current generations are EBS-optimized at no charge; older families cannot be or bill it extra."""
    return instance_type.split(".")[0] not in EBS_OPTIMIZED_NOT_INCLUDED


def instance(stack: Stack, module: str, name: str, *, machine_image: str, instance_type: str, role_id: str,
             volume: Ebs, subnet: str, security_group: str, public_ip: bool, hop_limit: int, element: Any,
             represents: str, spot: bool = False, user_data: str | None = None,
             source_dest_check: bool = True) -> str:
    """One EC2 instance, configured on the resource itself (not through a launch template) so every
    setting is visible where it applies: IMDSv2 required, root volume encrypted, its role's profile."""
    body: dict[str, Any] = {
        "ami": Ref(machine_image),
        "instance_type": instance_type,
        "subnet_id": Ref(subnet),
        "vpc_security_group_ids": [Ref(security_group)],
        "associate_public_ip_address": public_ip,
        "iam_instance_profile": attribute(f"aws_iam_instance_profile.{local_name(role_id)}", "name"),
    }
    if ebs_optimized(instance_type):
        body["ebs_optimized"] = True
    if not source_dest_check:
        body["source_dest_check"] = False
    if user_data:
        body["user_data"] = user_data
    body["tags"] = name_tags(stack.plan, represents)
    body["metadata_options"] = Block("metadata_options", (), _metadata(hop_limit))
    body["root_block_device"] = Block("root_block_device", (), _ebs(volume))
    if spot:
        body["instance_market_options"] = Block("instance_market_options", (), {"market_type": "spot"})
    return resource(stack, module, "aws_instance", name, body, element=element, represents=represents)


def launch_template(stack: Stack, module: str, name: str, *, machine_image: str, instance_type: str, role_id: str,
                    volume: Ebs, network_interface: dict, hop_limit: int, element: Any, spot: bool = False) -> str:
    """What an auto scaling group launches: IMDSv2 required, root volume encrypted, its role's profile."""
    body: dict[str, Any] = {
        "name_prefix": f"{stack.plan.name}-{name.replace('_', '-')}-",
        "image_id": Ref(machine_image),
        "instance_type": instance_type,
    }
    if ebs_optimized(instance_type):
        body["ebs_optimized"] = True
    body["iam_instance_profile"] = Block("iam_instance_profile", (), {
        "arn": attribute(f"aws_iam_instance_profile.{local_name(role_id)}", "arn")})
    body["metadata_options"] = Block("metadata_options", (), _metadata(hop_limit))
    body["block_device_mappings"] = Block("block_device_mappings", (), {
        "device_name": ROOT_DEVICE, "ebs": Block("ebs", (), _ebs(volume))})
    body["network_interfaces"] = Block("network_interfaces", (), network_interface)
    if spot:
        body["instance_market_options"] = Block("instance_market_options", (), {"market_type": "spot"})
    return resource(stack, module, "aws_launch_template", name, body, element=element)


def launch_template_version(address: str) -> Block:
    return Block("launch_template", (), {"id": attribute(address, "id"),
                                         "version": attribute(address, "latest_version")})


@last_plan
def scaling_by_workload(plan: Plan) -> tuple[dict[str, list], dict[str, list]]:
    """The plan's scaling policies and schedules, and its queue backlog scaling, by workload, in plan order."""
    scaling: dict[str, list] = {}
    for policy in (*plan.scaling_policies, *plan.scheduled_scaling):
        scaling.setdefault(policy.workload, []).append(policy)
    backlogs: dict[str, list] = {}
    for backlog in plan.queue_scaling:
        backlogs.setdefault(backlog.workload, []).append(backlog)
    return scaling, backlogs
