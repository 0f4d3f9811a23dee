"""What carries a stack's tags, whatever the stack lists: the Resource Groups Tagging API for the stack's
region (and us-east-1, where CloudFront and its WAF live), and IAM, which that API does not cover. After a
stack delete, or with no stack at all (a deploy interrupted before the stack recorded its resources),
`destroy` deletes what is still tagged and checks it with describe calls. On AWS a delete can wait on
another going away (a security group on its instance, a subnet on its network interfaces): those are
tried again, pass after pass, until they go or the patience given runs out.

An ARN becomes the CloudFormation type and physical id the deployer's kinds describe (`ARN_TYPES`);
a tagged resource of another type is reported by its ARN, never passed over."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Callable

from botocore.exceptions import ClientError

from stackwright.deploy.aws import GLOBAL_REGION, Clients
from stackwright.deploy.bound import LOOKUP_ERRORS
from stackwright.deploy.kinds import KINDS, Resource
from stackwright.deploy.kinds.base import brief
from stackwright.deploy.report import Leftover

STACK_NAME_TAG = "aws:cloudformation:stack-name"  # CloudFormation's own tag on what a stack creates
LOGICAL_ID_TAG = "aws:cloudformation:logical-id"
ROLE_PREFIX = 20  # CloudFormation shortens a long stack name in the role names it makes

Physical = Callable[[str, str], tuple[str, dict]]  # (resource part of the ARN, whole ARN) -> (id, properties)


def _after_slash(resource: str, arn: str) -> tuple[str, dict]:
    return resource.split("/", 1)[1], {}


def _after_colon(resource: str, arn: str) -> tuple[str, dict]:
    return resource.split(":", 1)[1], {}


def _arn(resource: str, arn: str) -> tuple[str, dict]:
    return arn, {}


def _log_group(resource: str, arn: str) -> tuple[str, dict]:
    return resource.split(":", 1)[1].removesuffix(":*"), {}


def _ecs_service(resource: str, arn: str) -> tuple[str, dict]:
    _, cluster, _ = resource.split("/", 2)
    return arn, {"Cluster": cluster}


def _web_acl(resource: str, arn: str) -> tuple[str, dict]:
    scope, _, name, acl_id = resource.split("/", 3)  # regional|global/webacl/NAME/ID
    return f"{name}|{acl_id}|{'CLOUDFRONT' if scope == 'global' else 'REGIONAL'}", {}


def _hosted_zone(resource: str, arn: str) -> tuple[str, dict]:
    return resource.split("/", 1)[1], {}


# (service, resource type in the ARN) -> (CloudFormation type, the physical id its kind finds)
ARN_TYPES: dict[tuple[str, str], tuple[str, Physical]] = {
    ("ec2", "instance"): ("AWS::EC2::Instance", _after_slash),
    ("ec2", "security-group"): ("AWS::EC2::SecurityGroup", _after_slash),
    ("ec2", "vpc"): ("AWS::EC2::VPC", _after_slash),
    ("ec2", "subnet"): ("AWS::EC2::Subnet", _after_slash),
    ("ec2", "route-table"): ("AWS::EC2::RouteTable", _after_slash),
    ("ec2", "internet-gateway"): ("AWS::EC2::InternetGateway", _after_slash),
    ("ec2", "natgateway"): ("AWS::EC2::NatGateway", _after_slash),
    ("ec2", "launch-template"): ("AWS::EC2::LaunchTemplate", _after_slash),
    ("ec2", "vpc-endpoint"): ("AWS::EC2::VPCEndpoint", _after_slash),
    ("cloudwatch", "alarm"): ("AWS::CloudWatch::Alarm", _after_colon),
    ("logs", "log-group"): ("AWS::Logs::LogGroup", _log_group),
    ("secretsmanager", "secret"): ("AWS::SecretsManager::Secret", _arn),
    ("rds", "db"): ("AWS::RDS::DBInstance", _after_colon),
    ("rds", "cluster"): ("AWS::RDS::DBCluster", _after_colon),
    ("rds", "subgrp"): ("AWS::RDS::DBSubnetGroup", _after_colon),
    ("rds", "snapshot"): ("AWS::RDS::DBSnapshot", _after_colon),
    ("rds", "cluster-snapshot"): ("AWS::RDS::DBClusterSnapshot", _after_colon),
    ("elasticache", "replicationgroup"): ("AWS::ElastiCache::ReplicationGroup", _after_colon),
    ("elasticache", "cluster"): ("AWS::ElastiCache::CacheCluster", _after_colon),
    ("elasticache", "subnetgroup"): ("AWS::ElastiCache::SubnetGroup", _after_colon),
    ("elasticloadbalancing", "loadbalancer"): ("AWS::ElasticLoadBalancingV2::LoadBalancer", _arn),
    ("elasticloadbalancing", "targetgroup"): ("AWS::ElasticLoadBalancingV2::TargetGroup", _arn),
    ("ecs", "cluster"): ("AWS::ECS::Cluster", _after_slash),
    ("ecs", "service"): ("AWS::ECS::Service", _ecs_service),
    ("ecs", "task-definition"): ("AWS::ECS::TaskDefinition", _arn),
    ("ecr", "repository"): ("AWS::ECR::Repository", _after_slash),
    ("s3", ""): ("AWS::S3::Bucket", lambda resource, arn: (resource, {})),
    ("sns", ""): ("AWS::SNS::Topic", lambda resource, arn: (resource, {})),  # arn:...:sns:REGION:ACCOUNT:NAME
    ("sqs", ""): ("AWS::SQS::Queue", lambda resource, arn: (resource, {})),
    ("cloudfront", "distribution"): ("AWS::CloudFront::Distribution", _after_slash),
    ("wafv2", "regional"): ("AWS::WAFv2::WebACL", _web_acl),
    ("wafv2", "global"): ("AWS::WAFv2::WebACL", _web_acl),
    ("route53", "hostedzone"): ("AWS::Route53::HostedZone", _hosted_zone),
    ("iam", "role"): ("AWS::IAM::Role", _after_slash),
    ("iam", "instance-profile"): ("AWS::IAM::InstanceProfile", _after_slash),
}
# Dependents first, so each delete finds what it needs gone already gone; types not named go last.
DELETE_ORDER = ("AWS::ECS::Service", "AWS::EC2::Instance", "AWS::ElastiCache::ReplicationGroup",
                "AWS::ElastiCache::CacheCluster", "AWS::RDS::DBInstance", "AWS::RDS::DBCluster",
                "AWS::RDS::DBSnapshot", "AWS::RDS::DBClusterSnapshot",
                "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::TargetGroup",
                "AWS::CloudFront::Distribution", "AWS::WAFv2::WebACL", "AWS::EC2::NatGateway", "AWS::EC2::VPCEndpoint",
                "AWS::EC2::LaunchTemplate", "AWS::ECS::TaskDefinition", "AWS::ECS::Cluster", "AWS::CloudWatch::Alarm",
                "AWS::SecretsManager::Secret", "AWS::Logs::LogGroup", "AWS::RDS::DBSubnetGroup",
                "AWS::ElastiCache::SubnetGroup", "AWS::EC2::SecurityGroup", "AWS::EC2::Subnet",
                "AWS::EC2::RouteTable", "AWS::EC2::InternetGateway", "AWS::EC2::VPC", "AWS::IAM::InstanceProfile",
                "AWS::IAM::Role")
# Error codes of a delete that waits on something else going away first (AWS deletes asynchronously):
# tried again on the next pass rather than reported.
RETRY_LATER = re.compile(r"DependencyViolation|DeleteConflict|InUse|Invalid\w*State|NotDisabled|ConflictException|"
                         r"ResourceNotReady|PreconditionFailed|OptimisticLock|WAFAssociatedItem")
_ARN = re.compile(r"^arn:[^:]+:(?P<service>[^:]+):[^:]*:[^:]*:(?P<resource>.*)$")


@dataclass(frozen=True)
class Tagged:
    arn: str
    type: str | None  # the CloudFormation type, when stackwright knows the ARN's form
    physical_id: str
    tags: dict[str, str]
    properties: dict = field(default_factory=dict, compare=False)

    @property
    def label(self) -> str:
        """Its logical id, when CloudFormation tagged it with one, else its Name tag."""
        return self.tags.get(LOGICAL_ID_TAG) or self.tags.get("Name") or "(tagged)"


def parse_arn(arn: str, tags: dict[str, str]) -> Tagged:
    match = _ARN.match(arn)
    if match:
        service, resource = match["service"], match["resource"]
        kind_part = re.split(r"[/:]", resource, maxsplit=1)[0] if re.search(r"[/:]", resource) else ""
        known = ARN_TYPES.get((service, kind_part))
        if known:
            resource_type, physical = known
            with_properties = physical(resource, arn)
            return Tagged(arn, resource_type, with_properties[0], tags, with_properties[1])
    return Tagged(arn, None, arn, tags)


def find_tagged(aws: Clients, tags: dict[str, str], stack_name: str) -> list[Tagged]:
    """Every resource carrying all of `tags` that no other stack claims, in the stack's region and
    us-east-1, the IAM roles named after the stack that carry them, and the instance profiles named after
    the stack that carry them or hold one of those roles."""
    found: dict[str, Tagged] = {}
    filters = [{"Key": key, "Values": [value]} for key, value in tags.items()]
    for region in dict.fromkeys([aws.region, GLOBAL_REGION]):
        pages = aws("resourcegroupstaggingapi", region).get_paginator("get_resources").paginate(TagFilters=filters)
        for page in pages:
            for mapping in page["ResourceTagMappingList"]:
                carried = {t["Key"]: t["Value"] for t in mapping.get("Tags", [])}
                tagged = parse_arn(mapping["ResourceARN"], carried)
                if region != aws.region and tagged.type not in ("AWS::CloudFront::Distribution", "AWS::WAFv2::WebACL"):
                    continue  # us-east-1 only for what CloudFront needs there
                if tagged.type == "AWS::CloudFormation::Stack" or ":cloudformation:" in tagged.arn:
                    continue  # the stack itself: its delete is the stack delete
                if carried.get(STACK_NAME_TAG, stack_name) == stack_name:
                    found.setdefault(tagged.arn, tagged)
    roles = _tagged_roles(aws, tags, stack_name)
    for item in [*roles, *_tagged_instance_profiles(aws, tags, stack_name, {role.physical_id for role in roles})]:
        found.setdefault(item.arn, item)
    return list(found.values())


def _ours(carried: dict[str, str], tags: dict[str, str], stack_name: str) -> bool:
    return all(carried.get(key) == value for key, value in tags.items()) and \
        carried.get(STACK_NAME_TAG, stack_name) == stack_name


def _tagged_roles(aws: Clients, tags: dict[str, str], stack_name: str) -> list[Tagged]:
    """IAM roles whose name starts as the stack's names them (CloudFormation's `stack-Logical-RANDOM`
    and the local target's `stack-Logical`) and that carry the tags."""
    iam = aws("iam")
    roles = []
    for page in iam.get_paginator("list_roles").paginate():
        for role in page["Roles"]:
            if not role["RoleName"].startswith(stack_name[:ROLE_PREFIX]):
                continue
            carried = {t["Key"]: t["Value"] for t in iam.list_role_tags(RoleName=role["RoleName"])["Tags"]}
            if _ours(carried, tags, stack_name):
                roles.append(Tagged(role["Arn"], "AWS::IAM::Role", role["RoleName"], carried))
    return roles


def _tagged_instance_profiles(aws: Clients, tags: dict[str, str], stack_name: str, roles: set[str]) -> list[Tagged]:
    """Instance profiles named as the stack names them that carry the tags or hold one of the stack's
    tagged `roles`: CloudFormation does not tag an instance profile, the role in it says whose it is.
    (Listing instance profiles leaves their tags out; GetInstanceProfile has them.)"""
    iam = aws("iam")
    profiles = []
    for page in iam.get_paginator("list_instance_profiles").paginate():
        for profile in page["InstanceProfiles"]:
            name = profile["InstanceProfileName"]
            if not name.startswith(stack_name[:ROLE_PREFIX]):
                continue
            described = iam.get_instance_profile(InstanceProfileName=name)["InstanceProfile"]
            carried = {t["Key"]: t["Value"] for t in described.get("Tags", [])}
            held = {role["RoleName"] for role in described.get("Roles", [])}
            if (carried and _ours(carried, tags, stack_name)) or held & roles:
                profiles.append(Tagged(profile["Arn"], "AWS::IAM::InstanceProfile", name, carried))
    return profiles


@dataclass
class Sweep:
    removed: list[Leftover] = field(default_factory=list)
    remaining: list[Leftover] = field(default_factory=list)
    kept: list[Leftover] = field(default_factory=list)  # tagged, still there, and left on purpose


def kept_on_purpose(tagged: Tagged, state: dict) -> str | None:
    """Why a tagged resource stays: a manual database snapshot is what `DeletionPolicy: Snapshot` leaves
    when the database goes (automated snapshots go with their database)."""
    if tagged.type in ("AWS::RDS::DBSnapshot", "AWS::RDS::DBClusterSnapshot") and state.get("SnapshotType") == "manual":
        return "a manual snapshot, as DeletionPolicy: Snapshot leaves: kept; delete it when no longer needed"
    return None


def sweep(aws: Clients, found: list[Tagged], *, delete: bool, keep: set[str], patience: float = 0.0,
          poll_seconds: float = 5.0, lift_protection: bool = True,
          say: Callable[[str], None] = lambda message: None) -> Sweep:
    """Delete (when `delete`) what is tagged and still exists, dependents first, then check each with
    describe calls: `remaining` says precisely what is left and why. What `keep` names by physical id,
    ARN or logical id (kept by a DeletionPolicy, or reported already) is left alone. A delete that waits
    on another (`RETRY_LATER`) is tried again every `poll_seconds` for up to `patience` seconds. Without
    `lift_protection` a resource under deletion protection is reported, not unprotected and deleted."""
    result = Sweep()
    order = {t: i for i, t in enumerate(DELETE_ORDER)}
    pending = [tagged for tagged in sorted(found, key=lambda t: (order.get(t.type, len(order)), t.arn))
               if not keep & {tagged.physical_id, tagged.arn, tagged.tags.get(LOGICAL_ID_TAG)}]
    deadline = time.monotonic() + patience
    while True:
        waiting: list[tuple[Tagged, Exception]] = []
        for tagged in pending:
            error = _sweep_one(aws, tagged, result, delete=delete, lift_protection=lift_protection, say=say)
            if error is not None:
                waiting.append((tagged, error))
        if not waiting or time.monotonic() + poll_seconds > deadline:
            break
        say(f"{len(waiting)} tagged resource(s) wait on others going away; trying again in {poll_seconds:.0f} s")
        time.sleep(poll_seconds)
        pending = [tagged for tagged, _ in waiting]
    result.remaining += [_leftover(tagged, f"tagged for this stack; could not delete it: {brief(error)}")
                         for tagged, error in waiting]
    return result


def _sweep_one(aws: Clients, tagged: Tagged, result: Sweep, *, delete: bool, lift_protection: bool,
               say: Callable[[str], None]) -> Exception | None:
    """Check, and delete, one tagged resource into `result`; the error of a delete to try again later."""
    kind = KINDS.get(tagged.type) if tagged.type else None
    if kind is None:
        result.remaining.append(_leftover(tagged, "tagged for this stack; stackwright has no describe call for "
                                                  "this type: check and delete it yourself"))
        return None
    probe = _probe(tagged)
    try:
        state = kind.find(aws, probe)
    except LOOKUP_ERRORS as error:
        result.remaining.append(_leftover(tagged, f"tagged for this stack; describe failed: {brief(error)}"))
        return None
    if state is None:
        return None  # gone, or going: terminated, deleting, scheduled for deletion
    kept = kept_on_purpose(tagged, state)
    if kept:
        result.kept.append(_leftover(tagged, kept))
        return None
    if not delete:
        result.remaining.append(_leftover(tagged, "tagged for this stack, not in it, and still there"))
        return None
    if state.get("DeletionProtection") and not lift_protection:
        result.remaining.append(_leftover(tagged, "tagged for this stack, not in it, and under deletion protection: "
                                                  "turn the protection off and run destroy again"))
        return None
    say(f"deleting {tagged.type} {tagged.physical_id} (tagged for this stack, not in it)")
    try:
        kind.delete(aws, probe, state)
        gone = kind.find(aws, probe) is None
    except ClientError as error:
        if RETRY_LATER.search(error.response.get("Error", {}).get("Code", "")):
            return error
        result.remaining.append(_leftover(tagged, f"tagged for this stack; could not delete it: {brief(error)}"))
        return None
    except (*LOOKUP_ERRORS, NotImplementedError) as error:
        result.remaining.append(_leftover(tagged, f"tagged for this stack; could not delete it: {brief(error)}"))
        return None
    (result.removed if gone else result.remaining).append(
        _leftover(tagged, "tagged for this stack but not in it: deleted" if gone else
                  "tagged for this stack; deleted, yet describe calls still find it"))
    return None


def _probe(tagged: Tagged) -> Resource:
    resource = Resource(tagged.label, {"Type": tagged.type, "Properties": tagged.properties}, lambda value: value,
                        tagged.physical_id, {})
    resource.physical_id = tagged.physical_id
    return resource


def _leftover(tagged: Tagged, reason: str) -> Leftover:
    """Named by its ARN: the region and account say where to look."""
    return Leftover(tagged.label, tagged.type or "unknown", tagged.arn, reason)
