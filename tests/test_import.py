"""Importing Terraform and CloudFormation: the seed fragments, every mapped type, static evaluation,
Fargate Spot strategies, usage files, unsupported resources, located errors and the output forms."""

import json
from pathlib import Path

import pytest

from stackwright.errors import UserError
from stackwright.importer import import_path, price_import, render_import
from stackwright.importer.resources import ASSUMED, TRAFFIC_DEFAULT, USAGE_FILE
from stackwright.render.cost_report import to_json as cost_json
from stackwright.spec.loader import load, parse_yaml, validate
from stackwright.spec_bill import price

IAC = Path(__file__).parent / "fixtures" / "iac"
TYPES = IAC / "types"


def components(result) -> dict:
    return {name: c.model_dump(mode="json") for name, c in result.spec.components.items()}


def contains(actual, expected) -> bool:
    """Every key in `expected` has that value in `actual` (recursively for nested mappings)."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and contains(actual[k], v) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and len(actual) == len(expected) and all(map(contains, actual, expected))
    return actual == expected


def assert_accounted_for(result, addresses) -> None:
    """Each resource is in exactly one place: priced in a component, free, or unsupported."""
    free = {f.address for f in result.free}
    unsupported = {u.address for u in result.unsupported}
    for address in addresses:
        places = [address in result.priced_as, address in free, address in unsupported]
        assert sum(places) == 1, (address, places)


# --- the seed fragments ------------------------------------------------------------------------------

def test_ecommerce_terraform_seed():
    result = import_path(IAC / "ecommerce")
    assert result.spec.region == "ap-northeast-2"  # from the vpc module's AZs: the fragment has no provider
    found = components(result)
    assert contains(found["module.vpc"], {"kind": "nat", "mode": "gateway", "count": 1})  # single_nat_gateway
    assert contains(found["aws_db_instance.main"], {
        "kind": "rds", "engine": "mysql", "instance_class": "db.t4g.medium", "multi_az": False,
        "storage": {"type": "gp3", "gb": 50}, "backup_retention_days": 7})
    assert contains(found["aws_elasticache_cluster.main"], {
        "kind": "elasticache", "engine": "redis", "node_type": "cache.t4g.small", "shards": 1, "replicas_per_shard": 0})
    assert result.unsupported == [] and result.free == []
    bill = price_import(result)
    assert bill.unknown == []
    # the module's NAT gateway is priced at its address inside the module
    assert {"module.vpc.aws_nat_gateway.this[0]", "aws_db_instance.main", "aws_elasticache_cluster.main"} <= set(
        bill.by_resource())
    assert any(a.subject == "region" and a.source == ASSUMED for a in result.assumptions)


def test_glimpse_terraform_seed_lists_what_it_cannot_read():
    result = import_path(IAC / "glimpse")
    assert result.spec.region == "ap-northeast-2"  # from the networking module's availability_zones
    unsupported = {u.address: u.reason for u in result.unsupported}
    for module in ("networking", "ecs", "rds", "elasticache"):
        assert f"../../modules/{module}" in unsupported[f"module.{module}"]
    assert "task definition is not in this code" in unsupported["aws_ecs_service.api"]
    assert {f.type for f in result.free} == {"aws_iam_role", "aws_iam_policy", "aws_security_group"}
    assert result.spec.components == {}
    bill = price_import(result)
    assert bill.items == []  # nothing declared, nothing billed: no implicit data out


def test_bowwow_cloudformation_seed():
    result = import_path(IAC / "bowwow" / "bowwow-infrastructure.yaml", region="us-east-1")
    found = components(result)
    assert contains(found["Database"], {"kind": "aurora_serverless_v2", "engine": "postgresql", "min_acu": 0.5,
                                        "max_acu": 16, "instances": 1})
    assert contains(found["LoadBalancer"], {"kind": "alb", "azs": 2})
    assert contains(found["CloudFrontDistribution"], {"kind": "cloudfront"})
    assert contains(found["cloudwatch"], {"kind": "cloudwatch", "alarms": 1, "dashboards": 1, "log_gb_month": 0})
    assert [(u.address, u.type) for u in result.unsupported] == [("BowWowRecordSet", "AWS::Route53::RecordSet")]
    assert {f.address for f in result.free} == {"BowWowCluster", "GatewayTargetGroup", "GatewayAutoScalingTarget",
                                                "GatewayScalingPolicy"}
    assert any(a.subject == "Database" and "one writer assumed" in a.text for a in result.assumptions)
    bill = price_import(result)
    assert bill.unknown == [] and bill.total > 0


@pytest.mark.parametrize("path", [IAC / "ecommerce", IAC / "glimpse", IAC / "bowwow" / "bowwow-infrastructure.yaml",
                                  IAC / "evaluation", IAC / "evaluation.yaml", IAC / "references",
                                  IAC / "unsupported"], ids=lambda p: p.name)
def test_every_resource_is_priced_free_or_unsupported(path):
    from stackwright.importer.cloudformation import read_cloudformation
    from stackwright.importer.terraform import read_terraform

    read = read_terraform(path) if path.is_dir() else read_cloudformation(path)
    assert_accounted_for(import_path(path), [r.address for r in read.resources])


# --- one fixture per mapped type, Terraform and CloudFormation ---------------------------------------

EC2 = {"kind": "ec2_instance", "instance_type": "t3.small", "count": 1, "public_ip": True,
       "ebs": {"type": "gp3", "gb": 30}}
NAT_INSTANCE = {"kind": "nat", "mode": "instance", "instance_type": "t4g.nano", "count": 1, "ebs": {"gb": 8}}
ASG = {"kind": "ec2_asg", "instance_type": "t3.small", "instances": {"min": 2, "desired": 3, "max": 6},
       "ebs": {"type": "gp3", "gb": 20}, "purchase_option": "on_demand"}
FARGATE_ARM = {"kind": "fargate_service", "cpu": 0.5, "memory_gb": 1, "arch": "arm",
               "tasks": {"min": 2, "desired": 2, "max": 6},
               "capacity_providers": [{"provider": "FARGATE", "base": 0, "weight": 1}]}
RDS = {"kind": "rds", "engine": "postgresql", "instance_class": "db.t4g.micro", "multi_az": True,
       "storage": {"type": "gp3", "gb": 20}, "backup_retention_days": 7}
AURORA = {"kind": "aurora_serverless_v2", "engine": "postgresql", "min_acu": 0.5, "max_acu": 8, "instances": 2}
MEMCACHED = {"kind": "elasticache", "engine": "memcached", "node_type": "cache.t4g.small", "shards": 3,
             "replicas_per_shard": 0}
REDIS_CLUSTER = {"kind": "elasticache", "engine": "redis", "node_type": "cache.t4g.small", "shards": 2,
                 "replicas_per_shard": 1}

TYPE_CASES = [
    ("tf/aws_instance.tf", "aws_instance.web", EC2),
    ("cfn/AWS-EC2-Instance.yaml", "Web", EC2),
    ("tf/aws_instance_nat.tf", "aws_instance.nat", NAT_INSTANCE),
    ("cfn/AWS-EC2-Instance-nat.yaml", "Nat", NAT_INSTANCE),
    ("tf/aws_autoscaling_group.tf", "aws_autoscaling_group.app", ASG),
    ("cfn/AWS-AutoScaling-AutoScalingGroup.yaml", "App", ASG),
    ("tf/aws_ecs_service.tf", "aws_ecs_service.api", FARGATE_ARM),
    ("cfn/AWS-ECS-Service.yaml", "Api", FARGATE_ARM),
    ("tf/aws_db_instance.tf", "aws_db_instance.main", RDS),
    ("cfn/AWS-RDS-DBInstance.yaml", "Database", RDS),
    ("tf/aws_rds_cluster.tf", "aws_rds_cluster.main", AURORA),
    ("cfn/AWS-RDS-DBCluster.yaml", "Cluster", AURORA),
    ("tf/aws_elasticache_cluster.tf", "aws_elasticache_cluster.sessions", MEMCACHED),
    ("cfn/AWS-ElastiCache-CacheCluster.yaml", "Sessions", MEMCACHED),
    ("tf/aws_elasticache_replication_group.tf", "aws_elasticache_replication_group.cache", REDIS_CLUSTER),
    ("cfn/AWS-ElastiCache-ReplicationGroup.yaml", "Cache", REDIS_CLUSTER),
    ("tf/aws_lb.tf", "aws_lb.web", {"kind": "alb", "azs": 3, "lcu": 0}),
    ("cfn/AWS-ElasticLoadBalancingV2-LoadBalancer.yaml", "Web", {"kind": "alb", "azs": 3, "lcu": 0}),
    ("tf/aws_nat_gateway.tf", "aws_nat_gateway.main", {"kind": "nat", "mode": "gateway", "count": 2}),
    ("cfn/AWS-EC2-NatGateway.yaml", "Nat", {"kind": "nat", "mode": "gateway", "count": 1}),
    ("tf/aws_eip.tf", "aws_eip.spare", {"kind": "public_ipv4", "in_use": 0, "idle": 1}),
    ("cfn/AWS-EC2-EIP.yaml", "Spare", {"kind": "public_ipv4", "in_use": 0, "idle": 1}),
    ("tf/aws_s3_bucket.tf", "aws_s3_bucket.assets", {"kind": "s3", "storage_class": "standard"}),
    ("cfn/AWS-S3-Bucket.yaml", "Assets", {"kind": "s3", "storage_class": "standard"}),
    ("tf/aws_cloudfront_distribution.tf", "aws_cloudfront_distribution.cdn", {"kind": "cloudfront"}),
    ("cfn/AWS-CloudFront-Distribution.yaml", "Cdn", {"kind": "cloudfront"}),
    ("tf/aws_route53_zone.tf", "route53", {"kind": "route53", "hosted_zones": 1, "routing": "latency"}),
    ("cfn/AWS-Route53-HostedZone.yaml", "route53", {"kind": "route53", "hosted_zones": 1, "routing": "latency"}),
    ("tf/aws_wafv2_web_acl.tf", "waf", {"kind": "waf", "web_acls": 1, "rules": 2}),
    ("cfn/AWS-WAFv2-WebACL.yaml", "waf", {"kind": "waf", "web_acls": 1, "rules": 2}),
    ("tf/aws_cloudwatch_metric_alarm.tf", "cloudwatch", {"kind": "cloudwatch", "alarms": 3, "log_gb_month": 0}),
    ("cfn/AWS-CloudWatch-Alarm.yaml", "cloudwatch", {"kind": "cloudwatch", "alarms": 2, "log_gb_month": 0}),
    ("tf/aws_cloudwatch_log_group.tf", "cloudwatch",
     {"kind": "cloudwatch", "log_retention_days": 14, "custom_metrics": 1, "log_gb_month": None}),
    ("cfn/AWS-Logs-LogGroup.yaml", "cloudwatch",
     {"kind": "cloudwatch", "log_retention_days": 14, "custom_metrics": 1, "log_gb_month": None}),
    ("tf/aws_cloudwatch_dashboard.tf", "cloudwatch", {"kind": "cloudwatch", "dashboards": 1}),
    ("cfn/AWS-CloudWatch-Dashboard.yaml", "cloudwatch", {"kind": "cloudwatch", "dashboards": 1}),
    ("tf/aws_secretsmanager_secret.tf", "secrets_manager", {"kind": "secrets_manager", "secrets": 2}),
    ("cfn/AWS-SecretsManager-Secret.yaml", "secrets_manager", {"kind": "secrets_manager", "secrets": 2}),
    ("tf/aws_ecr_repository.tf", "ecr", {"kind": "ecr", "storage_gb": 0}),
    ("cfn/AWS-ECR-Repository.yaml", "ecr", {"kind": "ecr", "storage_gb": 0}),
    ("tf/aws_vpc_endpoint.tf", "aws_vpc_endpoint.ecr",
     {"kind": "vpc_endpoint", "type": "interface", "service": "ecr.dkr", "azs": 2}),
    ("cfn/AWS-EC2-VPCEndpoint.json", "EcrEndpoint",
     {"kind": "vpc_endpoint", "type": "interface", "service": "ecr.dkr", "azs": 2}),
]


@pytest.mark.parametrize("fixture, name, expected", TYPE_CASES, ids=[c[0] for c in TYPE_CASES])
def test_each_type_maps_to_its_component(fixture, name, expected):
    result = import_path(TYPES / fixture, region="us-east-1")
    found = components(result)
    assert list(found) == [name], found
    assert contains(found[name], expected), found[name]
    assert result.unsupported == []
    bill = price_import(result)
    assert bill.unknown == [] and bill.items
    # a kind priced by its resources' cost modules bills per resource (line.resource is the address); its
    # usage-based lines are 0 without usage
    lines = [i for i in bill.items if name in (i.resource, result.priced_as.get(i.resource))]
    assert sum(i.monthly_usd for i in lines) > 0 or lines and all(i.usage_based for i in lines)


def test_covered_resources_are_priced_inside_their_component():
    priced_as = import_path(TYPES / "tf" / "aws_nat_gateway.tf").priced_as
    assert priced_as["aws_eip.nat[0]"] == priced_as["aws_eip.nat[1]"] == "aws_nat_gateway.main"
    priced_as = import_path(TYPES / "tf" / "aws_instance_nat.tf").priced_as
    assert priced_as["aws_eip.nat"] == "aws_instance.nat"  # the nat kind bills the instance's address
    priced_as = import_path(TYPES / "cfn" / "AWS-RDS-DBCluster.yaml").priced_as
    assert priced_as["Writer"] == priced_as["Reader"] == "Cluster"
    priced_as = import_path(TYPES / "tf" / "aws_autoscaling_group.tf").priced_as
    assert priced_as["aws_launch_template.app"] == "aws_autoscaling_group.app"


@pytest.mark.parametrize("fixture, databases, secret_sources", [
    ("tf/aws_db_instance_managed_password.tf", ["aws_db_instance.main", "aws_rds_cluster.events", "aws_db_instance.legacy"],
     ["aws_db_instance.main", "aws_rds_cluster.events"]),
    ("cfn/AWS-RDS-managed-password.yaml", ["Database", "Cluster", "Legacy"], ["Database", "Cluster"]),
])
def test_a_password_rds_manages_bills_its_secret(fixture, databases, secret_sources):
    """manage_master_user_password / ManageMasterUserPassword: RDS keeps the password in a secret of its own,
    billed as any secret; the database stays priced in its own component."""
    result = import_path(TYPES / fixture, region="us-east-1")
    found = components(result)
    assert result.unsupported == []
    assert set(found) == {*databases, "secrets_manager"}
    assert found["secrets_manager"]["secrets"] == len(secret_sources)
    assert all(result.priced_as[d] == d for d in databases)
    bill = price_import(result)
    # one secret each, billed at the address of the database that holds it
    secrets = [i for i in bill.items if i.component == "Secrets"]
    assert sorted(i.address for i in secrets) == sorted(secret_sources)
    assert all(i.resource_type == "aws_secretsmanager_secret" and i.monthly_usd > 0 for i in secrets)


def test_gateway_endpoints_and_configuration_resources_are_free():
    free = {f.address for f in import_path(TYPES / "tf" / "aws_vpc_endpoint.tf").free}
    assert free == {"aws_vpc_endpoint.s3"}
    free = {f.address for f in import_path(TYPES / "cfn" / "AWS-S3-Bucket.yaml").free}
    assert free == {"AssetsPolicy"}



def test_http_namespaces_prefix_lists_and_signing_jobs_are_free(tmp_path):
    """What terraform-aws-modules' ECS, security-group and Lambda code-signing examples declare beside their
    priced resources: none of it is billed (a private DNS namespace is: it is a hosted zone)."""
    (tmp_path / "main.tf").write_text(
        'resource "aws_service_discovery_http_namespace" "api" {\n  name = "api"\n}\n'
        'resource "aws_service_discovery_private_dns_namespace" "dns" {\n  name = "svc.local"\n  vpc = "vpc-1"\n}\n'
        'resource "aws_ec2_managed_prefix_list" "office" {\n  name = "office"\n  address_family = "IPv4"\n'
        '  max_entries = 5\n}\n'
        'resource "aws_signer_signing_job" "build" {\n  profile_name = "p"\n}\n', encoding="utf-8")
    result = import_path(tmp_path)
    assert {f.address for f in result.free} == {
        "aws_service_discovery_http_namespace.api", "aws_ec2_managed_prefix_list.office", "aws_signer_signing_job.build"}
    assert not result.unsupported
    assert [record.address for record, _usage in result.records] == ["aws_service_discovery_private_dns_namespace.dns"]

# --- static evaluation ----------------------------------------------------------------------------------

def test_variables_tfvars_locals_count_for_each_and_modules():
    result = import_path(IAC / "evaluation")
    found = components(result)
    assert result.spec.region == "ap-northeast-2"  # provider region = var.region's default
    # terraform.tfvars sets environment = "production" (so local.is_prod) and instance_count = "3" (a number)
    assert contains(found["aws_instance.web"], {"instance_type": "t3.small", "count": 3, "ebs": {"gb": 24}})
    # for_each over a for-expression that drops the disabled "batch"; a dynamic strategy block per service
    assert contains(found['aws_ecs_service.svc["api"]'], {
        "cpu": 0.25, "memory_gb": 0.5, "tasks": {"desired": 4},
        "capacity_providers": [{"provider": "FARGATE", "weight": 1}, {"provider": "FARGATE_SPOT", "weight": 3}]})
    assert contains(found['aws_ecs_service.svc["worker"]'], {
        "cpu": 1, "memory_gb": 2, "capacity_providers": [{"provider": "FARGATE", "weight": 1}]})
    assert not any("batch" in name for name in found)
    assert contains(found["module.vpc"], {"kind": "nat", "count": 3})  # one_nat_gateway_per_az over 3 AZs
    assert contains(found["module.cache.aws_elasticache_cluster.this"], {"node_type": "cache.t4g.small"})
    assert contains(found["cloudwatch"], {"alarms": 2})  # count = module.cache.alarm_count, an output
    unsupported = {u.address: u.reason for u in result.unsupported}
    assert "cannot tell how many" in unsupported["aws_instance.mystery"]
    assert "var.mystery_type has no default" in unsupported["aws_instance.unnamed"]
    assert any(a.subject == "staging.tfvars" and "not loaded" in a.text for a in result.assumptions)


def test_var_files_override_auto_loaded_tfvars():
    result = import_path(IAC / "evaluation", var_files=[IAC / "evaluation" / "staging.tfvars"])
    found = components(result)
    assert found["aws_instance.web"]["instance_type"] == "t3.micro"
    assert "module.vpc" not in found  # enable_nat_gateway = local.is_prod is false in staging
    assert {f.address for f in result.free} >= {"module.vpc"}


VPC_MODULE = """
module "vpc" {{
  source          = "terraform-aws-modules/vpc/aws"
  azs             = ["us-east-1a", "us-east-1b", "us-east-1c"]
  private_subnets = ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24", "10.0.4.0/24"]
  {settings}
}}
"""


@pytest.mark.parametrize("settings, gateways", [
    ("enable_nat_gateway = true\n  single_nat_gateway = true", 1),
    ("enable_nat_gateway = true\n  one_nat_gateway_per_az = true", 3),
    ("enable_nat_gateway = true", 4),  # one per private subnet, the module's default
    ("enable_nat_gateway = false", 0),
    ("", 0),
])
def test_vpc_module_nat_gateways(tmp_path, settings, gateways):
    (tmp_path / "main.tf").write_text(VPC_MODULE.format(settings=settings))
    result = import_path(tmp_path)
    assert result.spec.region == "us-east-1"
    if gateways:
        assert contains(components(result)["module.vpc"], {"kind": "nat", "count": gateways})
    else:
        assert result.spec.components == {} and [f.address for f in result.free] == ["module.vpc"]


# --- Fargate Spot (infracost/infracost#1349) ---------------------------------------------------------------

@pytest.mark.parametrize("fixture", ["service_strategy.tf", "cluster_default.tf", "service_strategy.yaml"])
def test_fargate_spot_strategy_is_priced_as_ecs_places_tasks(fixture):
    result = import_path(IAC / "fargate_spot" / fixture)
    (service,) = result.spec.components.values()
    assert [(cp.provider, cp.base, cp.weight) for cp in service.capacity_providers] == [
        ("FARGATE", 1, 1), ("FARGATE_SPOT", 0, 3)]
    bill = price_import(result)
    vcpu = {item.purchase_option: item.quantity for item in bill.items if "vCPU" in item.component}
    assert vcpu == {"on_demand": 2 * 0.25 * 730, "spot": 3 * 0.25 * 730}
    assert all(item.monthly_usd > 0 for item in bill.items if item.service == "fargate")


# --- usage files ----------------------------------------------------------------------------------------

def test_usage_file_overrides_defaults():
    result = import_path(IAC / "ecommerce", IAC / "usage" / "ecommerce.yml")
    found = components(result)
    assert found["module.vpc"]["data_processed_gb_month"] == 200
    assert found["aws_db_instance.main"]["backup_gb"] == 80
    assert result.spec.traffic.dau == 5000 and result.spec.traffic.avg_rps == 20
    bill = price_import(result)
    nat_data = next(i for i in bill.items if i.resource == "module.vpc.aws_nat_gateway.this[0]"
                    and i.component == "Data processed")
    assert nat_data.quantity == 200
    sources = {(a.subject, a.source) for a in result.assumptions}
    assert ("module.vpc", USAGE_FILE) in sources and ("aws_db_instance.main", USAGE_FILE) in sources
    assert not any(a.subject == "traffic" for a in result.assumptions)


def test_without_usage_file_traffic_defaults_apply_and_say_so():
    result = import_path(IAC / "ecommerce")
    assert result.spec.traffic.dau == 1000
    assert ("traffic", TRAFFIC_DEFAULT) in {(a.subject, a.source) for a in result.assumptions}
    assert ("module.vpc", TRAFFIC_DEFAULT) in {(a.subject, a.source) for a in result.assumptions}


def test_per_type_usage_defaults(tmp_path):
    usage = tmp_path / "usage.yml"
    usage.write_text("resource_type_default_usage:\n  aws_lb: {lcu: 2}\naws_lb.other: {lcu: 5}\n")
    result = import_path(TYPES / "tf" / "aws_lb.tf", usage)
    assert components(result)["aws_lb.web"]["lcu"] == 2
    assert any(a.subject == "aws_lb.other" and "matches no resource" in a.text for a in result.assumptions)


def test_block_usage_applies_to_each_instance_and_folds(tmp_path):
    usage = tmp_path / "usage.yml"
    usage.write_text("aws_nat_gateway.main: {data_processed_gb_month: 150}\n")
    found = components(import_path(TYPES / "tf" / "aws_nat_gateway.tf", usage))
    assert contains(found["aws_nat_gateway.main"], {"count": 2, "data_processed_gb_month": 300})


def test_bad_usage_value_is_a_located_error():
    with pytest.raises(UserError) as error:
        import_path(IAC / "ecommerce", IAC / "usage" / "not-a-number.yml")
    (problem,) = error.value.problems
    assert (Path(problem.file).name, problem.line) == ("not-a-number.yml", 3)
    assert "data_processed_gb_month is 'lots'; give a number from 0 to 1e+15" in problem.message


def test_unknown_usage_key_is_a_located_warning_and_ignored():
    result = import_path(IAC / "ecommerce", IAC / "usage" / "unknown-key.yml")
    (warning,) = [a.text for a in result.assumptions if "unknown usage key" in a.text]
    assert warning.startswith(str(IAC / "usage" / "unknown-key.yml") + ":4:")
    assert "unknown usage key 'backup_gigabytes' for aws_db_instance, ignored; use one of backup_gb" in warning


# --- unsupported, never $0 -------------------------------------------------------------------------------

def test_unknown_resources_are_unsupported_never_zero():
    """Types the spec kinds cannot say go to their AWS resource cost module; a price the catalogue lacks is
    listed as not priced; a type without a cost module is unsupported with the reason."""
    result = import_path(IAC / "unsupported")
    unsupported = {u.address: u.reason for u in result.unsupported}
    assert "no cost module for this resource type" in unsupported["aws_directory_service_directory.corp"]
    assert "terraform-aws-modules/eks/aws is not read" in unsupported["module.eks"]
    bill = price_import(result)
    assert any(i.address == "aws_instance.batch" and i.component == "Volume 1 storage (gp3)" for i in bill.items)
    lines = {(i.address, i.resource_type, i.component): i.monthly_usd for i in bill.items}
    assert lines[("aws_kms_key.data", "aws_kms_key", "Customer managed key (SYMMETRIC_DEFAULT)")] == 1.0
    assert lines[("aws_lb.tcp", "aws_lb", "Load balancer hours")] == round(730 * 0.0225, 6)
    assert ("aws_sns_topic.alerts", "aws_sns_topic", "Publish requests") in lines
    not_priced = {(u.resource, u.sku) for u in bill.unknown}
    # storage is priced; the class the catalogue lacks is listed, not billed as $0
    assert ("aws_db_instance.legacy", "rds/oracle-ee-byol/single-az/db.x2iedn.xlarge") in not_priced
    assert not any(i.address == "aws_db_instance.legacy" and "db.x2iedn" in i.component for i in bill.items)
    data = json.loads(render_import(result, bill, "json"))
    listed = {u["address"]: u for u in data["unsupported"]}
    assert listed["aws_directory_service_directory.corp"]["location"].endswith("unsupported/main.tf:39:1")
    assert set(listed) == set(unsupported)
    assert all(item["address"] and item["resource_type"] for item in data["items"])


# --- located errors -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("fixture, line, column, words", [
    ("missing-brace.tf", 7, 1, "malformed HCL"),
    ("bad-indent.yaml", 6, 6, "malformed YAML"),
    ("trailing-comma.json", 3, 85, "malformed JSON"),
])
def test_malformed_code_is_a_located_error(fixture, line, column, words):
    with pytest.raises(UserError) as error:
        import_path(IAC / "malformed" / fixture)
    (problem,) = error.value.problems
    assert (problem.line, problem.column) == (line, column)
    assert words in problem.message and problem.file.endswith(fixture)


def test_not_infrastructure_code_is_a_located_error(tmp_path):
    (tmp_path / "notes.yaml").write_text("hello: world\n")
    with pytest.raises(UserError, match="not a spec"):
        import_path(tmp_path / "notes.yaml")
    with pytest.raises(UserError, match="no .tf files"):
        import_path(tmp_path)


# --- output forms -----------------------------------------------------------------------------------------

def test_json_is_the_cost_json_plus_unsupported_and_free():
    result = import_path(IAC / "bowwow" / "bowwow-infrastructure.yaml")
    bill = price_import(result)
    data = json.loads(render_import(result, bill, "json"))
    cost = json.loads(cost_json(bill))
    assert {k: v for k, v in data.items() if k not in ("unsupported", "free")} == cost
    assert data["unsupported"][0]["address"] == "BowWowRecordSet"
    assert {"address": "BowWowCluster", "type": "AWS::ECS::Cluster"} in data["free"]


@pytest.mark.parametrize("path", [IAC / "ecommerce", IAC / "evaluation", IAC / "bowwow" / "bowwow-infrastructure.yaml",
                                  TYPES / "tf" / "aws_ecs_service.tf", TYPES / "cfn" / "AWS-RDS-DBCluster.yaml"],
                         ids=lambda p: p.name)
def test_spec_output_round_trips_and_validates(path, tmp_path):
    result = import_path(path)
    text = render_import(result, price_import(result), "spec")
    written_spec = validate(parse_yaml(text, "imported.yaml"))
    # with the internet data out the import declares (none without a usage file), not the traffic's
    assert written_spec.components.pop("internet-data-out").internet_out_gb_month == 0
    assert written_spec == result.spec
    written = tmp_path / "imported.yaml"
    written.write_text(text, encoding="utf-8")
    loaded = load(written)
    # what the written spec declares prices as the import did (the kinds priced from a plan's resources are
    # the import's resource records); `cost` adds what its plan would create
    imported = price_import(result)
    records = {record.address for record, _ in result.records}
    declared = sum(item.monthly_usd for item in imported.items if item.resource not in records)
    assert price(loaded.spec, loaded, declared_only=True).total == pytest.approx(declared, abs=0.01)
    assert price(loaded.spec, loaded).total >= imported.total


def test_table_output_shows_bill_unsupported_free_and_assumptions():
    from rich.console import Console

    result = import_path(IAC / "glimpse")
    console = Console(width=250, record=True)
    console.print(render_import(result, price_import(result), "table"))
    text = console.export_text()
    assert "module.networking" in text and "aws_security_group × 3" in text and "Assumptions" in text
    assert "glimpse/main.tf:101:1" in text


def test_cloudformation_parameters_mappings_and_conditions():
    production = components(import_path(IAC / "evaluation.yaml"))
    assert contains(production["Database"], {"instance_class": "db.t4g.medium", "multi_az": True,
                                             "storage": {"gb": 100}, "backup_retention_days": 14})
    assert contains(production["Service"], {"cpu": 1, "memory_gb": 2, "tasks": {"desired": 4}})
    assert "StagingBastion" not in production  # its Condition is false
    assert contains(production["cloudwatch"], {"log_retention_days": 3653})  # no RetentionInDays: never expire

    staging = import_path(IAC / "evaluation.yaml", parameters={"Environment": "staging"})
    found = components(staging)
    assert staging.spec.region == "eu-west-1"  # the Default of a region-like parameter
    assert contains(found["Database"], {"instance_class": "db.t4g.micro", "multi_az": False,
                                        "backup_retention_days": 1})  # AWS::NoValue drops it: RDS's default
    assert contains(found["Service"], {"cpu": 0.25, "memory_gb": 0.5, "tasks": {"desired": 1}})
    assert found["StagingBastion"]["instance_type"] == "t3.nano"


def test_references_between_resources():
    result = import_path(IAC / "references")
    found = components(result)
    assert result.spec.region == "eu-west-1"
    assert any(a.subject == "aws_cloudfront_distribution.cdn" and "us-east-1" in a.text for a in result.assumptions)
    assert result.priced_as["module.svc[0].aws_ecr_repository.this"] == "ecr"  # modules called with count
    assert result.priced_as["module.svc[1].aws_ecr_repository.this"] == "ecr"
    assert [name for name in found if name.startswith("aws_s3_bucket.b")] == ["aws_s3_bucket.b[0]",
                                                                             "aws_s3_bucket.b[1]"]  # length(module.svc)
    assert contains(found["aws_eip.web"], {"kind": "public_ipv4", "in_use": 1, "idle": 0})  # via aws_eip_association
    assert contains(found["aws_autoscaling_group.old"], {"instance_type": "t3.micro", "purchase_option": "spot"})
    # a group split between on-demand and Spot goes to its AWS resource cost module, its template with it
    assert result.priced_as["aws_autoscaling_group.mixed"] == "aws_autoscaling_group.mixed"
    assert result.priced_as["aws_launch_template.mixed"] == "aws_autoscaling_group.mixed"
    bill = price_import(result)
    mixed = [i for i in bill.items if i.address == "aws_autoscaling_group.mixed"]
    assert mixed[0].assumption.startswith("3 × ") and "for 3 of 4 desired units" in mixed[0].assumption
    # Spot without an assumed discount has no list price: listed as not priced, never $0.
    assert [u.resource for u in bill.unknown] == ["aws_autoscaling_group.old", "aws_autoscaling_group.mixed"]


EXPRESSIONS = [
    ("1 + 2 * 3", 7), ("(1 + 2) * 3", 9), ("10 / 4", 2.5), ("7 % 3", 1), ("-var.n", -5),
    ('"a-${var.n}"', "a-5"), ('"$${literal}"', "${literal}"), ("var.n > 3 && true", True),
    ("false && var.undeclared", False), ('var.n == 5 ? "five" : "other"', "five"),
    ("[for x in [1, 2, 3] : x * 2 if x > 1]", [4, 6]), ("{for k, v in {a = 1, b = 2} : v => k}", {"1": "a", "2": "b"}),
    ('format("%s-%03d", "a", 7)', "a-007"), ('lookup({a = 1}, "b", 9)', 9), ("length(aws_subnet.x[*].id)", 3),
    ('element(["a", "b"], 3)', "b"), ("jsonencode({b = 1, a = [true]})", '{"a":[true],"b":1}'),
    ('cidrsubnet("10.0.0.0/16", 8, 2)', "10.0.2.0/24"), ('try(local.missing, "fallback")', "fallback"),
    ("can(local.missing)", False), ('coalesce("", "x")', "x"), ("merge({a = 1}, {b = 2})", {"a": 1, "b": 2}),
    ("max(1, 5, 3)", 5), ('toset(["b", "a", "b"])', ["a", "b"]), ("keys({z = 1, y = 2})", ["y", "z"]),
]


def test_expressions_evaluate_as_terraform_does(tmp_path):
    from stackwright.importer.resources import ResourceRef, Unknown, is_unknown
    from stackwright.importer.terraform import read_terraform

    tags = "\n".join(f"    e{i} = {expression}" for i, (expression, _) in enumerate(EXPRESSIONS))
    (tmp_path / "main.tf").write_text(f'''
variable "n" {{
  default = 5
}}
resource "aws_subnet" "x" {{
  count = 3
}}
resource "aws_s3_bucket" "probe" {{
  tags = {{
{tags}
  }}
  ref     = aws_subnet.x[1].id
  ami     = data.aws_ami.base.id
  created = timestamp()
}}
''')
    (probe,) = [r for r in read_terraform(tmp_path).resources if r.type == "aws_s3_bucket"]
    for i, (expression, expected) in enumerate(EXPRESSIONS):
        assert probe.props["tags"][f"e{i}"] == expected, expression
    assert probe.props["ref"] == ResourceRef("aws_subnet.x[1]", "id")
    assert is_unknown(probe.props["ami"]) and probe.props["ami"].reason == "data.aws_ami.base.id is read at apply time"
    assert isinstance(probe.props["created"], Unknown)


def test_repositories_fold_into_one_registry_with_their_storage(tmp_path):
    usage = tmp_path / "usage.yml"
    usage.write_text('module.svc[0].aws_ecr_repository.this: {storage_gb: 3}\n'
                     'module.svc[1].aws_ecr_repository.this: {storage_gb: 4}\n')
    found = components(import_path(IAC / "references", usage))
    assert contains(found["ecr"], {"kind": "ecr", "storage_gb": 7})


def test_infracost_usage_file_is_read_natively():
    """Infracost's key names (standing for the spec kinds' keys too), nested sections, `[*]` wildcards with
    an instance address winning over them, type defaults; unknown keys are located warnings."""
    folder = IAC / "infracost"
    result = import_path(folder, folder / "usage.yml")
    bill = price_import(result)
    lines = {(i.address, i.component): i for i in bill.items}
    assert [lines[(f"aws_nat_gateway.main[{i}]", "Data processed")].quantity for i in (0, 1)] == [150, 150]  # [*]
    assert lines[("aws_s3_bucket.assets", "Storage (standard)")].quantity == 400  # standard.storage_gb
    assert lines[("aws_s3_bucket.assets", "GET requests")].quantity == 3000  # standard.monthly_tier_2_requests, per 1K
    assert lines[("aws_lambda_function.worker[0]", "Requests")].quantity == 2  # [*]
    assert lines[("aws_lambda_function.worker[1]", "Requests")].quantity == 0.5  # its own entry wins
    assert "worker[*]" in lines[("aws_lambda_function.worker[1]", "Duration (x86, GB-seconds)")].assumption
    sqs = lines[("aws_sqs_queue.jobs", "Requests (standard)")]
    assert sqs.quantity == 20 and "resource_type_default_usage.aws_sqs_queue" in sqs.assumption  # 2 chunks of 64 KB
    (warning,) = [a.text for a in result.assumptions if "unknown usage key" in a.text]
    assert warning.startswith(f"{folder / 'usage.yml'}:21:5: unknown usage key 'monthly_egress_gb' for aws_sqs_queue")


def test_a_template_indented_as_a_whole_is_read_as_cloudformation(tmp_path):
    template = tmp_path / "indented.yaml"
    template.write_text('---\n  AWSTemplateFormatVersion: "2010-09-09"\n  Resources:\n    Nat:\n'
                        '      Type: AWS::EC2::NatGateway\n      Properties:\n        SubnetId: subnet-1\n', encoding="utf-8")
    result = import_path(template)
    assert result.format == "cloudformation"
    assert {item.address for item in price_import(result).items} == {"Nat"}
