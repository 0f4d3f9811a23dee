"""S3: private, encrypted (SSE-S3), versioned, TLS-only; readable by CloudFront through origin access
control when a distribution serves it; lifecycle keeps objects in the spec's storage class."""

from __future__ import annotations

from stackwright.plan.model import Join, Plan, Ref
from stackwright.plan.naming import resource_name
from stackwright.render.terraform._shared import attribute, name_tags, resource
from stackwright.render.terraform.hcl import Block
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "edge"
OLD_VERSIONS_KEPT_DAYS = 30
INCOMPLETE_UPLOAD_DAYS = 7
BUCKET_PREFIX_LIMIT = 37  # Terraform adds 26 characters; bucket names stop at 63


def render(component: str, plan: Plan, stack: Stack) -> None:
    for bucket in plan.of(plan.buckets, component):
        name = local_name(bucket.id)
        # Production buckets refuse to be destroyed while they hold objects.
        address = resource(stack, MODULE, "aws_s3_bucket", name, {
            "bucket_prefix": f"{resource_name(plan.name, bucket.id, limit=BUCKET_PREFIX_LIMIT - 1)}-",
            "force_destroy": plan.environment != "production",
            "tags": name_tags(plan, bucket.id),
        }, element=bucket, represents=bucket.id)
        bucket_id = attribute(address, "id")
        stack.resource(MODULE, "aws_s3_bucket_public_access_block", name, {
            "bucket": bucket_id, "block_public_acls": True, "block_public_policy": True,
            "ignore_public_acls": True, "restrict_public_buckets": True})
        stack.resource(MODULE, "aws_s3_bucket_ownership_controls", name, {
            "bucket": bucket_id, "rule": Block("rule", (), {"object_ownership": "BucketOwnerEnforced"})})
        stack.resource(MODULE, "aws_s3_bucket_server_side_encryption_configuration", name, {
            "bucket": bucket_id, "rule": Block("rule", (), {"apply_server_side_encryption_by_default": Block(
                "apply_server_side_encryption_by_default", (), {"sse_algorithm": "AES256"})})})
        stack.resource(MODULE, "aws_s3_bucket_versioning", name, {
            "bucket": bucket_id,
            "versioning_configuration": Block("versioning_configuration", (), {"status": "Enabled"})})
        _lifecycle(stack, name, bucket_id, bucket.transitions)
        _policy(stack, name, bucket)
        stack.output(f"{name}_bucket", f"Bucket of {component}", Ref(bucket.id))


def _lifecycle(stack: Stack, name: str, bucket_id, transitions: tuple[tuple[str, int], ...]) -> None:
    rules = [Block("rule", (), {
        "id": "expire-old-versions", "status": "Enabled",
        "filter": Block("filter", (), {}),
        "noncurrent_version_expiration": Block("noncurrent_version_expiration", (), {
            "noncurrent_days": OLD_VERSIONS_KEPT_DAYS}),
        "abort_incomplete_multipart_upload": Block("abort_incomplete_multipart_upload", (), {
            "days_after_initiation": INCOMPLETE_UPLOAD_DAYS}),
    })]
    if transitions:
        rules.append(Block("rule", (), {
            "id": "storage-class", "status": "Enabled", "filter": Block("filter", (), {}),
            "transition": [Block("transition", (), {"storage_class": storage_class, "days": days})
                           for storage_class, days in transitions],
        }))
    stack.resource(MODULE, "aws_s3_bucket_lifecycle_configuration", name, {"bucket": bucket_id, "rule": rules})


def _policy(stack: Stack, name: str, bucket) -> None:
    objects = Join((Ref(bucket.id, "arn"), "/*"))
    statements = [Block("statement", (), {
        "sid": "DenyInsecureTransport", "effect": "Deny", "actions": ["s3:*"],
        "resources": [Ref(bucket.id, "arn"), objects],
        "principals": Block("principals", (), {"type": "*", "identifiers": ["*"]}),
        "condition": Block("condition", (), {"test": "Bool", "variable": "aws:SecureTransport", "values": ["false"]}),
    })]
    for distribution in bucket.served_by:
        statements.append(Block("statement", (), {
            "sid": f"CloudFrontRead{''.join(p.capitalize() for p in distribution.split('-'))}",
            "actions": ["s3:GetObject"], "resources": [objects],
            "principals": Block("principals", (), {"type": "Service", "identifiers": ["cloudfront.amazonaws.com"]}),
            "condition": Block("condition", (), {"test": "StringEquals", "variable": "AWS:SourceArn",
                                                 "values": [Ref(distribution, "arn")]}),
        }))
    document = stack.data(MODULE, "aws_iam_policy_document", f"{name}_bucket", {"statement": statements})
    stack.resource(MODULE, "aws_s3_bucket_policy", name, {
        "bucket": Ref(bucket.id), "policy": attribute(document, "json")})
