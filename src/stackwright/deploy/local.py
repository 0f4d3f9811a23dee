"""What the local target knows about moto: which resource types its CloudFormation creates as the
template says, which it skips or gets wrong (so stackwright creates them through the service's own
API), and the stand-ins it needs for what a real account would already hold: certificates, and a bucket
for templates over CloudFormation's inline limit."""

from __future__ import annotations

from typing import Literal

from stackwright.deploy.kinds import KINDS
from stackwright.deploy.kinds.base import absent_if_missing
from stackwright.deploy.kinds.storage import bucket_location

Mode = Literal["cloudformation", "service-api", "not-emulated"]

# Created by moto's CloudFormation as the template says (checked against moto 5.2.5 by the deploy tests).
MOTO_CLOUDFORMATION = frozenset({
    "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::RouteTable", "AWS::EC2::Route", "AWS::EC2::InternetGateway",
    "AWS::EC2::VPCGatewayAttachment", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::EIP", "AWS::EC2::NatGateway",
    "AWS::EC2::LaunchTemplate", "AWS::EC2::VPCEndpoint",
    "AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancingV2::TargetGroup",
    "AWS::ElasticLoadBalancingV2::Listener", "AWS::ElasticLoadBalancingV2::ListenerRule",
    "AWS::IAM::InstanceProfile", "AWS::Logs::LogGroup", "AWS::Route53::HostedZone",
    "AWS::Route53::RecordSet",
    "AWS::CloudWatch::Dashboard", "AWS::AutoScaling::AutoScalingGroup", "AWS::AutoScaling::ScheduledAction",
})

_SKIPPED = "moto's CloudFormation does not implement this type: it logs a warning and creates nothing"
# Types moto's CloudFormation skips or gets wrong, and why.
MOTO_GAPS: dict[str, str] = {
    "AWS::ApplicationAutoScaling::ScalableTarget": _SKIPPED,
    "AWS::ApplicationAutoScaling::ScalingPolicy": _SKIPPED,
    "AWS::AutoScaling::ScalingPolicy": _SKIPPED,
    "AWS::CertificateManager::Certificate": _SKIPPED,
    "AWS::CloudFront::Distribution": _SKIPPED,
    "AWS::CloudFront::OriginAccessControl": _SKIPPED,
    "AWS::CloudWatch::Alarm": _SKIPPED,
    "AWS::EC2::SecurityGroupEgress": _SKIPPED,
    "AWS::ElastiCache::CacheCluster": _SKIPPED,
    "AWS::ElastiCache::ReplicationGroup": _SKIPPED,
    "AWS::ElastiCache::SubnetGroup": "moto's CloudFormation does not implement this type, and moto cannot delete a "
                                     "cache subnet group made through its API (no delete_cache_subnet_group): one "
                                     "made locally would outlive every destroy, so none is made; the cache only "
                                     "names it",
    "AWS::RDS::DBCluster": _SKIPPED,
    "AWS::S3::BucketPolicy": _SKIPPED,
    "AWS::SecretsManager::Secret": _SKIPPED,
    "AWS::WAFv2::WebACL": _SKIPPED,
    "AWS::WAFv2::WebACLAssociation": _SKIPPED,
    "AWS::EC2::Instance": "moto's CloudFormation reads ImageId from the instance only and fails on one that "
                          "takes it from a launch template",
    "AWS::ECS::TaskDefinition": "moto's CloudFormation keeps only the family, containers, volumes and memory: "
                                "CPU, network mode, compatibilities and roles are lost",
    "AWS::ECS::Service": "moto's CloudFormation keeps only the cluster, task definition and desired count: the "
                         "network configuration and load balancers are lost and the launch type becomes EC2",
    "AWS::RDS::DBInstance": "moto's CloudFormation drops VPCSecurityGroups and DBClusterIdentifier and defaults "
                            "the port to 3306",
    "AWS::RDS::DBSubnetGroup": "moto's CloudFormation lists it without a physical id, so nothing outside the "
                               "stack can refer to it or find it",
    "AWS::EC2::SubnetRouteTableAssociation": "moto's CloudFormation records the association apart from the route "
                                             "table: the subnet stays on the main route table",
    "AWS::EC2::SecurityGroup": "moto's CloudFormation ignores SecurityGroupEgress and keeps the allow-all egress "
                               "rule",
    "AWS::ECS::Cluster": "moto's CloudFormation drops CapacityProviders",
    "AWS::IAM::Role": "moto's CloudFormation drops ManagedPolicyArns",
    "AWS::ECR::Repository": "moto's CloudFormation drops ImageScanningConfiguration",
    "AWS::S3::Bucket": "moto's CloudFormation keeps only the encryption and tags: versioning, the public access "
                       "block, ownership controls and lifecycle rules are lost",
}


# moto marks deleted ElastiCache groups and clusters "deleting" and keeps them, and their ids, for good.
DELETING_FOREVER = {"AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::CacheCluster"}
DELETING_NOTE = ("moto lists deleted ElastiCache replication groups and clusters as 'deleting' for good: stackwright "
                 "counts them as gone, and a later local deploy names new ones -2, -3 while the ids stay taken")
UNKNOWN = "moto's CloudFormation is not known to create it as the template says"


# Listeners of Network Load Balancers: moto's ELBv2 takes HTTP and HTTPS listeners only.
NETWORK_LISTENER = "moto's Elastic Load Balancing accepts only HTTP and HTTPS listeners (not TCP, TLS or UDP)"
NETWORK_LOAD_BALANCER = "moto's CloudFormation makes every load balancer an Application Load Balancer"


def route(resource_type: str, properties: dict | None = None) -> tuple[Mode, str]:
    """How the local target makes a resource of this type (with these properties), and why when not through
    CloudFormation."""
    if resource_type == "AWS::ElasticLoadBalancingV2::Listener" and (properties or {}).get("Protocol") not in (
            None, "HTTP", "HTTPS"):
        return "not-emulated", NETWORK_LISTENER
    if resource_type == "AWS::ElasticLoadBalancingV2::LoadBalancer" and (properties or {}).get("Type") == "network":
        return "not-emulated", NETWORK_LOAD_BALANCER
    if resource_type in MOTO_CLOUDFORMATION:
        return "cloudformation", "moto's CloudFormation creates it as the template says"
    kind = KINDS.get(resource_type)
    if kind and kind.service_api:
        return "service-api", MOTO_GAPS.get(resource_type, UNKNOWN)
    return "not-emulated", MOTO_GAPS.get(resource_type, f"{UNKNOWN}, and stackwright has no service-API emulation for it")


def certificate(aws, domain: str, region: str) -> str:
    """An ACM certificate in moto, standing in for the one a real account would hold."""
    return aws("acm", region).request_certificate(DomainName=domain, SubjectAlternativeNames=[f"*.{domain}"])[
        "CertificateArn"]


def certificate_exists(aws, arn: str, region: str) -> bool:
    return absent_if_missing(aws("acm", region).describe_certificate, CertificateArn=arn) is not None


def bucket_exists(aws, name: str) -> bool:
    return absent_if_missing(aws("s3").head_bucket, Bucket=name, missing=("404",)) is not None


def create_bucket(aws, name: str) -> None:
    aws("s3").create_bucket(Bucket=name, **bucket_location(aws.region))


def delete_bucket(aws, name: str) -> None:
    s3 = aws("s3")
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=name):
        for item in page.get("Contents", []):
            s3.delete_object(Bucket=name, Key=item["Key"])
    s3.delete_bucket(Bucket=name)
