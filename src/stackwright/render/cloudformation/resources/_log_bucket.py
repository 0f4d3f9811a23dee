"""A bucket one AWS service writes logs to (CloudTrail, VPC Flow Logs): private, encrypted, TLS-only,
versioned, its objects expiring after the component's retention."""

from __future__ import annotations

from stackwright.plan.model import Join, Plan, Ref
from stackwright.plan.operations import LogBucket
from stackwright.render.cloudformation._shared import name_tags
from stackwright.render.cloudformation.template import Template, logical_id

OLD_VERSIONS_KEPT_DAYS = 1
INCOMPLETE_UPLOAD_DAYS = 1


def render(plan: Plan, template: Template, bucket: LogBucket) -> str:
    retain = "Retain" if plan.environment == "production" else "Delete"
    logical = template.add(logical_id(bucket.id), "AWS::S3::Bucket", {
        "BucketEncryption": {"ServerSideEncryptionConfiguration": [
            {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
        "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "BlockPublicPolicy": True,
                                           "IgnorePublicAcls": True, "RestrictPublicBuckets": True},
        "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
        "VersioningConfiguration": {"Status": "Enabled"},
        "LifecycleConfiguration": {"Rules": [{
            "Id": "expire-logs", "Status": "Enabled", "ExpirationInDays": bucket.retention_days,
            "NoncurrentVersionExpiration": {"NoncurrentDays": OLD_VERSIONS_KEPT_DAYS},
            "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": INCOMPLETE_UPLOAD_DAYS}}]},
        "Tags": name_tags(plan, bucket.id),
    }, represents=bucket.id, DeletionPolicy=retain, UpdateReplacePolicy=retain)
    arn = Ref(bucket.id, "arn")
    account_logs = Join((arn, "/AWSLogs/", {"Ref": "AWS::AccountId"}, "/*"))
    template.add(f"{logical}Policy", "AWS::S3::BucketPolicy", {"Bucket": {"Ref": logical}, "PolicyDocument": {
        "Version": "2012-10-17", "Statement": [
            {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
             "Resource": [arn, Join((arn, "/*"))], "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
            {"Sid": "LogWriterAclCheck", "Effect": "Allow", "Principal": {"Service": bucket.writer},
             "Action": "s3:GetBucketAcl", "Resource": arn,
             "Condition": {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}}},
            {"Sid": "LogWriterPut", "Effect": "Allow", "Principal": {"Service": bucket.writer},
             "Action": "s3:PutObject", "Resource": account_logs,
             "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control",
                                            "aws:SourceAccount": {"Ref": "AWS::AccountId"}}}},
        ]}})
    return logical
