"""S3 buckets and bucket policies, ECR repositories, CloudWatch Logs log groups."""

from __future__ import annotations

import json

from stackwright.deploy.kinds.base import Kind, absent_if_missing, camel, differences, tag_list, undone_on_error

BUCKET_MISSING = ("404", "NoSuchBucket")


def bucket_location(region: str) -> dict:
    """CreateBucket's location argument: none for us-east-1, which refuses its own name."""
    return {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}


def _lifecycle_rule(rule: dict) -> dict:
    """A CloudFormation lifecycle rule in the shape of S3's API."""
    converted = {"ID": rule["Id"], "Status": rule["Status"], "Filter": {"Prefix": rule.get("Prefix", "")}}
    converted |= {key: rule[key] for key in ("NoncurrentVersionExpiration", "AbortIncompleteMultipartUpload")
                  if key in rule}
    if "Transitions" in rule:
        converted["Transitions"] = [{"StorageClass": t["StorageClass"], "Days": int(t["TransitionInDays"])}
                                    for t in rule["Transitions"]]
    if "ExpirationInDays" in rule:
        converted["Expiration"] = {"Days": int(rule["ExpirationInDays"])}
    return converted


class Bucket(Kind):
    type = "AWS::S3::Bucket"
    service_api = "s3.create_bucket"
    emulates = frozenset({"BucketName", "BucketEncryption", "PublicAccessBlockConfiguration", "OwnershipControls",
                          "VersioningConfiguration", "LifecycleConfiguration", "Tags"})

    def find(self, aws, r):
        s3, name = aws("s3"), r.physical_id
        if absent_if_missing(s3.head_bucket, Bucket=name, missing=BUCKET_MISSING) is None:
            return None
        encryption = absent_if_missing(s3.get_bucket_encryption, Bucket=name,
                                       missing=("ServerSideEncryptionConfigurationNotFoundError",))
        blocked = absent_if_missing(s3.get_public_access_block, Bucket=name)
        lifecycle = absent_if_missing(s3.get_bucket_lifecycle_configuration, Bucket=name)
        return {"Name": name, "Region": aws.region, "Partition": aws.partition,
                "Versioning": s3.get_bucket_versioning(Bucket=name).get("Status"),
                "Encryption": [rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] for rule in
                               (encryption or {}).get("ServerSideEncryptionConfiguration", {}).get("Rules", [])],
                "PublicAccessBlock": (blocked or {}).get("PublicAccessBlockConfiguration", {}),
                "Lifecycle": [rule["ID"] for rule in (lifecycle or {}).get("Rules", [])]}

    def check(self, state, r):
        encryption = (r.get("BucketEncryption") or {}).get("ServerSideEncryptionConfiguration", [])
        blocked = r.get("PublicAccessBlockConfiguration") or {}
        return differences(
            ("VersioningConfiguration", state["Versioning"], (r.get("VersioningConfiguration") or {}).get("Status")),
            ("BucketEncryption", state["Encryption"],
             [rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] for rule in encryption] or None),
            *((f"PublicAccessBlockConfiguration.{key}", state["PublicAccessBlock"].get(key), value)
              for key, value in blocked.items()),
            ("LifecycleConfiguration", state["Lifecycle"],
             [rule["Id"] for rule in (r.get("LifecycleConfiguration") or {}).get("Rules", [])] or None))

    def attribute(self, state, r, name):
        values = {"Arn": f"arn:{state['Partition']}:s3:::{state['Name']}",
                  "DomainName": f"{state['Name']}.s3.amazonaws.com",
                  "RegionalDomainName": f"{state['Name']}.s3.{state['Region']}.amazonaws.com"}
        return values[name] if name in values else super().attribute(state, r, name)

    def create(self, aws, r):
        s3 = aws("s3")
        name = r.get("BucketName", r.name.lower())
        s3.create_bucket(Bucket=name, **bucket_location(aws.region))
        with undone_on_error(lambda: s3.delete_bucket(Bucket=name)):
            if r.get("BucketEncryption"):
                s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": [
                    {"ApplyServerSideEncryptionByDefault": rule["ServerSideEncryptionByDefault"]}
                    for rule in r["BucketEncryption"]["ServerSideEncryptionConfiguration"]]})
            if r.get("PublicAccessBlockConfiguration"):
                s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=r["PublicAccessBlockConfiguration"])
            if r.get("OwnershipControls"):
                s3.put_bucket_ownership_controls(Bucket=name, OwnershipControls=r["OwnershipControls"])
            if r.get("VersioningConfiguration"):
                s3.put_bucket_versioning(Bucket=name, VersioningConfiguration=r["VersioningConfiguration"])
            if r.get("LifecycleConfiguration"):
                s3.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={
                    "Rules": [_lifecycle_rule(rule) for rule in r["LifecycleConfiguration"]["Rules"]]})
            tags = {t["Key"]: t["Value"] for t in r.get("Tags", [])} | r.tags
            s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": tag_list(tags)})
        return name

    def delete(self, aws, r, state):
        s3 = aws("s3")
        for page in s3.get_paginator("list_object_versions").paginate(Bucket=state["Name"]):
            for version in page.get("Versions", []) + page.get("DeleteMarkers", []):
                s3.delete_object(Bucket=state["Name"], Key=version["Key"], VersionId=version["VersionId"])
        s3.delete_bucket(Bucket=state["Name"])


class BucketPolicy(Kind):
    type = "AWS::S3::BucketPolicy"
    service_api = "s3.put_bucket_policy"
    emulates = frozenset({"Bucket", "PolicyDocument"})

    def find(self, aws, r):
        found = absent_if_missing(aws("s3").get_bucket_policy, Bucket=r["Bucket"], missing=BUCKET_MISSING)
        return json.loads(found["Policy"]) if found else None

    def check(self, state, r):
        return differences(("PolicyDocument", [s.get("Sid") for s in state.get("Statement", [])],
                            [s.get("Sid") for s in r["PolicyDocument"]["Statement"]]))

    def create(self, aws, r):
        aws("s3").put_bucket_policy(Bucket=r["Bucket"], Policy=json.dumps(r["PolicyDocument"]))
        return r["Bucket"]

    def delete(self, aws, r, state):
        aws("s3").delete_bucket_policy(Bucket=r["Bucket"])


class Repository(Kind):
    type = "AWS::ECR::Repository"
    service_api = "ecr.create_repository"
    # EmptyOnDelete: stackwright's delete empties the repository first.
    emulates = frozenset({"RepositoryName", "ImageTagMutability", "ImageScanningConfiguration",
                          "EncryptionConfiguration", "LifecyclePolicy", "EmptyOnDelete", "Tags"})

    def find(self, aws, r):
        found = absent_if_missing(aws("ecr").describe_repositories, repositoryNames=[r.physical_id])
        return found["repositories"][0] if found else None

    def check(self, state, r):
        scanning = r.get("ImageScanningConfiguration") or {}
        return differences(("RepositoryName", state["repositoryName"], r.get("RepositoryName")),
                           ("ImageTagMutability", state.get("imageTagMutability"), r.get("ImageTagMutability")),
                           ("ImageScanningConfiguration", state.get("imageScanningConfiguration", {}).get("scanOnPush"),
                            scanning.get("ScanOnPush")))

    def attribute(self, state, r, name):
        values = {"Arn": state["repositoryArn"], "RepositoryUri": state["repositoryUri"]}
        return values[name] if name in values else super().attribute(state, r, name)

    def create(self, aws, r):
        ecr = aws("ecr")
        name = r.get("RepositoryName", r.name.lower())
        optional = {"imageTagMutability": r.get("ImageTagMutability"),
                    "imageScanningConfiguration": camel(r.get("ImageScanningConfiguration")),
                    "encryptionConfiguration": camel(r.get("EncryptionConfiguration"))}
        ecr.create_repository(repositoryName=name, tags=tag_list({t["Key"]: t["Value"] for t in r.get("Tags", [])} | r.tags),
                              **{key: value for key, value in optional.items() if value is not None})
        if r.get("LifecyclePolicy"):
            with undone_on_error(lambda: ecr.delete_repository(repositoryName=name, force=True)):
                ecr.put_lifecycle_policy(repositoryName=name,
                                         lifecyclePolicyText=r["LifecyclePolicy"]["LifecyclePolicyText"])
        return name

    def delete(self, aws, r, state):
        aws("ecr").delete_repository(repositoryName=state["repositoryName"], force=True)


class LogGroup(Kind):
    type = "AWS::Logs::LogGroup"

    def inventory(self, aws):
        return {g["logGroupName"] for g in aws("logs").describe_log_groups()["logGroups"]}

    def find(self, aws, r):
        groups = aws("logs").describe_log_groups(logGroupNamePrefix=r.physical_id)["logGroups"]
        return next((g for g in groups if g["logGroupName"] == r.physical_id), None)

    def check(self, state, r):
        return differences(("RetentionInDays", state.get("retentionInDays"), r.get("RetentionInDays")))

    def attribute(self, state, r, name):
        if name == "Arn":  # CloudFormation's Arn of a log group ends in ":*"
            return state["arn"] if state["arn"].endswith(":*") else f"{state['arn']}:*"
        return super().attribute(state, r, name)
