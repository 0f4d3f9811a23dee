"""KMS: symmetric customer managed keys, rotated yearly, each with an alias; the key policy lets the
account administer and use them through IAM (as AWS's default policy does)."""

from __future__ import annotations

from stackwright.plan.model import Plan
from stackwright.plan.operations import EncryptionKey, of_type
from stackwright.render.cloudformation._shared import name_tags
from stackwright.render.cloudformation.template import Template, logical_id

PENDING_DAYS = {"production": 30, "other": 7}  # AWS's longest wait for production, its shortest elsewhere


def render(component: str, plan: Plan, template: Template) -> None:
    pending = PENDING_DAYS["production" if plan.environment == "production" else "other"]
    for key in of_type(plan, EncryptionKey, component):
        logical = template.add(logical_id(key.id), "AWS::KMS::Key", {
            "Description": f"{plan.name} {key.id}: customer managed key",
            "KeySpec": "SYMMETRIC_DEFAULT",
            "EnableKeyRotation": key.spec.rotation,
            "PendingWindowInDays": pending,
            "KeyPolicy": {"Version": "2012-10-17", "Statement": [{
                "Sid": "AccountAdministersThroughIam", "Effect": "Allow",
                "Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}},
                "Action": "kms:*", "Resource": "*"}]},
            "Tags": name_tags(plan, key.id),
        }, represents=key.id)
        template.add(f"{logical}Alias", "AWS::KMS::Alias", {"AliasName": key.alias, "TargetKeyId": {"Ref": logical}})
        template.output(f"{logical}Arn", f"ARN of key {key.alias}", {"Fn::GetAtt": [logical, "Arn"]})
