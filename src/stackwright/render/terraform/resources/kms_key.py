"""KMS: symmetric customer managed keys, rotated yearly, each with an alias; the key policy lets the
account administer and use them through IAM (as AWS's default policy does)."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.plan.operations import EncryptionKey, of_type
from stackwright.render.terraform._shared import attribute, name_tags, resource
from stackwright.render.terraform.hcl import Call, Template
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "operations"
PENDING_DAYS = {"production": 30, "other": 7}  # AWS's longest wait for production, its shortest elsewhere


def render(component: str, plan: Plan, stack: Stack) -> None:
    pending = PENDING_DAYS["production" if plan.environment == "production" else "other"]
    for key in of_type(plan, EncryptionKey, component):
        name = local_name(key.id)
        partition = attribute(stack.data(MODULE, "aws_partition", "current"), "partition")
        account = attribute(stack.data(MODULE, "aws_caller_identity", "current"), "account_id")
        address = resource(stack, MODULE, "aws_kms_key", name, {
            "description": f"{plan.name} {key.id}: customer managed key",
            "customer_master_key_spec": "SYMMETRIC_DEFAULT",
            "enable_key_rotation": key.spec.rotation,
            "deletion_window_in_days": pending,
            "policy": Call("jsonencode", ({"Version": "2012-10-17", "Statement": [{
                "Sid": "AccountAdministersThroughIam", "Effect": "Allow",
                "Principal": {"AWS": Template(("arn:", partition, ":iam::", account, ":root"))},
                "Action": "kms:*", "Resource": "*"}]},)),
            "tags": name_tags(plan, key.id),
        }, element=key, represents=key.id)
        stack.resource(MODULE, "aws_kms_alias", name, {"name": key.alias, "target_key_id": attribute(address, "key_id")})
        stack.output(f"{name}_key_arn", f"ARN of key {key.alias}", Ref(key.id, "arn"))
