"""S3: private, encrypted (SSE-S3), versioned, TLS-only; readable by CloudFront through origin access
control when a distribution serves it; lifecycle keeps objects in the spec's storage class."""

from __future__ import annotations

from stackwright.plan.model import Join, Plan, Ref
from stackwright.render.cloudformation.template import Template, logical_id

OLD_VERSIONS_KEPT_DAYS = 30
INCOMPLETE_UPLOAD_DAYS = 7


def render(component: str, plan: Plan, template: Template) -> None:
    for bucket in plan.of(plan.buckets, component):
        rules = [{"Id": "expire-old-versions", "Status": "Enabled",
                  "NoncurrentVersionExpiration": {"NoncurrentDays": OLD_VERSIONS_KEPT_DAYS},
                  "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": INCOMPLETE_UPLOAD_DAYS}}]
        if bucket.transitions:
            rules.append({"Id": "storage-class", "Status": "Enabled",
                          "Transitions": [{"StorageClass": storage_class, "TransitionInDays": days}
                                          for storage_class, days in bucket.transitions]})
        retain = "Retain" if plan.environment == "production" else "Delete"
        logical = template.add(logical_id(bucket.id), "AWS::S3::Bucket", {
            "BucketEncryption": {"ServerSideEncryptionConfiguration": [
                {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]},
            "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "BlockPublicPolicy": True,
                                               "IgnorePublicAcls": True, "RestrictPublicBuckets": True},
            "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
            "VersioningConfiguration": {"Status": "Enabled"},
            "LifecycleConfiguration": {"Rules": rules},
        }, represents=bucket.id, DeletionPolicy=retain, UpdateReplacePolicy=retain)
        objects = Join((Ref(bucket.id, "arn"), "/*"))
        statements = [{
            "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": [Ref(bucket.id, "arn"), objects],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }]
        for distribution in bucket.served_by:
            statements.append({
                "Sid": f"CloudFrontRead{logical_id(distribution)}", "Effect": "Allow",
                "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject", "Resource": objects,
                "Condition": {"StringEquals": {"AWS:SourceArn": Ref(distribution, "arn")}},
            })
        template.add(f"{logical}Policy", "AWS::S3::BucketPolicy", {
            "Bucket": {"Ref": logical}, "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}})
        template.output(f"{logical}Name", f"Bucket of {component}", {"Ref": logical})
