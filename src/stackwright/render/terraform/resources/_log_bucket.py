"""A bucket one AWS service writes logs to (CloudTrail, VPC Flow Logs): private, encrypted, TLS-only,
versioned, its objects expiring after the component's retention."""

from __future__ import annotations

from stackwright.plan.model import Join, Plan, Ref
from stackwright.plan.naming import resource_name
from stackwright.plan.operations import LogBucket
from stackwright.render.terraform._shared import attribute, name_tags, resource
from stackwright.render.terraform.hcl import Block
from stackwright.render.terraform.stack import Stack, local_name

OLD_VERSIONS_KEPT_DAYS = 1
INCOMPLETE_UPLOAD_DAYS = 1
BUCKET_PREFIX_LIMIT = 37  # Terraform adds 26 characters; bucket names stop at 63


def render(plan: Plan, stack: Stack, module: str, bucket: LogBucket) -> str:
    name = local_name(bucket.id)
    address = resource(stack, module, "aws_s3_bucket", name, {
        "bucket_prefix": f"{resource_name(plan.name, bucket.id, limit=BUCKET_PREFIX_LIMIT - 1)}-",
        "force_destroy": plan.environment != "production",
        "tags": name_tags(plan, bucket.id),
    }, element=bucket, represents=bucket.id)
    bucket_id = attribute(address, "id")
    stack.resource(module, "aws_s3_bucket_public_access_block", name, {
        "bucket": bucket_id, "block_public_acls": True, "block_public_policy": True,
        "ignore_public_acls": True, "restrict_public_buckets": True})
    stack.resource(module, "aws_s3_bucket_ownership_controls", name, {
        "bucket": bucket_id, "rule": Block("rule", (), {"object_ownership": "BucketOwnerEnforced"})})
    stack.resource(module, "aws_s3_bucket_server_side_encryption_configuration", name, {
        "bucket": bucket_id, "rule": Block("rule", (), {"apply_server_side_encryption_by_default": Block(
            "apply_server_side_encryption_by_default", (), {"sse_algorithm": "AES256"})})})
    stack.resource(module, "aws_s3_bucket_versioning", name, {
        "bucket": bucket_id, "versioning_configuration": Block("versioning_configuration", (), {"status": "Enabled"})})
    stack.resource(module, "aws_s3_bucket_lifecycle_configuration", name, {"bucket": bucket_id, "rule": Block(
        "rule", (), {"id": "expire-logs", "status": "Enabled", "filter": Block("filter", (), {}),
                     "expiration": Block("expiration", (), {"days": bucket.retention_days}),
                     "noncurrent_version_expiration": Block("noncurrent_version_expiration", (), {
                         "noncurrent_days": OLD_VERSIONS_KEPT_DAYS}),
                     "abort_incomplete_multipart_upload": Block("abort_incomplete_multipart_upload", (), {
                         "days_after_initiation": INCOMPLETE_UPLOAD_DAYS})})})
    account = attribute(stack.data(module, "aws_caller_identity", "current"), "account_id")
    arn = Ref(bucket.id, "arn")
    writer = Block("principals", (), {"type": "Service", "identifiers": [bucket.writer]})
    same_account = Block("condition", (), {"test": "StringEquals", "variable": "aws:SourceAccount",
                                           "values": [account]})
    document = stack.data(module, "aws_iam_policy_document", f"{name}_bucket", {"statement": [
        Block("statement", (), {
            "sid": "DenyInsecureTransport", "effect": "Deny", "actions": ["s3:*"],
            "resources": [arn, Join((arn, "/*"))],
            "principals": Block("principals", (), {"type": "*", "identifiers": ["*"]}),
            "condition": Block("condition", (), {"test": "Bool", "variable": "aws:SecureTransport",
                                                 "values": ["false"]})}),
        Block("statement", (), {"sid": "LogWriterAclCheck", "actions": ["s3:GetBucketAcl"], "resources": [arn],
                                "principals": writer, "condition": same_account}),
        Block("statement", (), {
            "sid": "LogWriterPut", "actions": ["s3:PutObject"],
            "resources": [Join((arn, "/AWSLogs/", account, "/*"))], "principals": writer,
            "condition": [Block("condition", (), {"test": "StringEquals", "variable": "s3:x-amz-acl",
                                                  "values": ["bucket-owner-full-control"]}), same_account]}),
    ]})
    return stack.resource(module, "aws_s3_bucket_policy", name, {
        "bucket": Ref(bucket.id), "policy": attribute(document, "json")})
