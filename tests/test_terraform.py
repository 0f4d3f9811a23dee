"""Terraform: every blueprint's root module and child modules parse with python-hcl2, every reference
resolves inside its module, module calls pass exactly what the modules declare, the resources are the
ones the CloudFormation template of the same plan has (type by type), files are byte-identical across
runs and hash seeds, no secret value is written, and the files match their golden copies
(`pytest --update-golden`)."""

import hashlib
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import hcl2
import pytest
import yaml
from hcl2.rules.indexing import GetAttrExprTermRule, IndexExprTermRule
from hcl2.walk import find_all

from stackwright.importer.terraform import read_terraform
from stackwright.plan import build_plan, operations
from stackwright.plan.model import Plan
from stackwright.render.cloudformation import render_template
from stackwright.render.cloudformation.resources import guardduty
from stackwright.render.terraform import render_files, write_terraform
from stackwright.render.terraform.hcl import Block, Call, Expr, Template, dumps
from stackwright.spec.loader import load
from stackwright.spec.model import Spec

from conftest import BLUEPRINTS, EXAMPLES
from test_cloudformation import EXTRA_SPECS

GOLDEN = Path(__file__).parent / "golden" / "terraform"
MODULE_META_ARGUMENTS = {"source", "version", "providers", "depends_on", "count", "for_each"}
SECRET_ATTRIBUTES = re.compile(r"password|auth_token|secret_string")

# CloudFormation type -> the Terraform type that creates the same thing, one for one.
SAME_RESOURCE = {
    "AWS::EC2::VPC": "aws_vpc", "AWS::EC2::Subnet": "aws_subnet", "AWS::EC2::RouteTable": "aws_route_table",
    "AWS::EC2::Route": "aws_route", "AWS::EC2::SubnetRouteTableAssociation": "aws_route_table_association",
    "AWS::EC2::InternetGateway": "aws_internet_gateway", "AWS::EC2::NatGateway": "aws_nat_gateway",
    "AWS::EC2::EIP": "aws_eip", "AWS::EC2::VPCEndpoint": "aws_vpc_endpoint",
    "AWS::EC2::SecurityGroup": "aws_security_group", "AWS::EC2::Instance": "aws_instance",
    "AWS::IAM::Role": "aws_iam_role", "AWS::IAM::InstanceProfile": "aws_iam_instance_profile",
    "AWS::IAM::OIDCProvider": "aws_iam_openid_connect_provider",
    "AWS::SecretsManager::Secret": "aws_secretsmanager_secret",
    "AWS::ECS::Cluster": "aws_ecs_cluster", "AWS::ECS::TaskDefinition": "aws_ecs_task_definition",
    "AWS::ECS::Service": "aws_ecs_service", "AWS::AutoScaling::AutoScalingGroup": "aws_autoscaling_group",
    "AWS::ElasticLoadBalancingV2::LoadBalancer": "aws_lb", "AWS::ElasticLoadBalancingV2::Listener": "aws_lb_listener",
    "AWS::ElasticLoadBalancingV2::ListenerRule": "aws_lb_listener_rule",
    "AWS::ElasticLoadBalancingV2::TargetGroup": "aws_lb_target_group",
    "AWS::RDS::DBSubnetGroup": "aws_db_subnet_group", "AWS::RDS::DBCluster": "aws_rds_cluster",
    "AWS::ElastiCache::SubnetGroup": "aws_elasticache_subnet_group",
    "AWS::ElastiCache::ReplicationGroup": "aws_elasticache_replication_group",
    "AWS::ElastiCache::CacheCluster": "aws_elasticache_cluster",
    "AWS::S3::Bucket": "aws_s3_bucket", "AWS::S3::BucketPolicy": "aws_s3_bucket_policy",
    "AWS::CloudFront::Distribution": "aws_cloudfront_distribution",
    "AWS::CloudFront::OriginAccessControl": "aws_cloudfront_origin_access_control",
    "AWS::Route53::HostedZone": "aws_route53_zone", "AWS::Route53::RecordSet": "aws_route53_record",
    "AWS::CertificateManager::Certificate": "aws_acm_certificate",
    "AWS::WAFv2::WebACL": "aws_wafv2_web_acl", "AWS::WAFv2::WebACLAssociation": "aws_wafv2_web_acl_association",
    "AWS::ECR::Repository": "aws_ecr_repository", "AWS::Logs::LogGroup": "aws_cloudwatch_log_group",
    "AWS::CloudWatch::Alarm": "aws_cloudwatch_metric_alarm", "AWS::CloudWatch::Dashboard": "aws_cloudwatch_dashboard",
    "AWS::ApplicationAutoScaling::ScalableTarget": "aws_appautoscaling_target",
    "AWS::ApplicationAutoScaling::ScalingPolicy": "aws_appautoscaling_policy",
    "AWS::AutoScaling::ScalingPolicy": "aws_autoscaling_policy",
    "AWS::AutoScaling::ScheduledAction": "aws_autoscaling_schedule",
    "AWS::SQS::Queue": "aws_sqs_queue", "AWS::SNS::Topic": "aws_sns_topic",
    "AWS::SNS::Subscription": "aws_sns_topic_subscription",
    "AWS::Lambda::Function": "aws_lambda_function", "AWS::Lambda::Permission": "aws_lambda_permission",
    "AWS::Lambda::Version": "aws_lambda_provisioned_concurrency_config", "AWS::DynamoDB::Table": "aws_dynamodb_table",
    "AWS::Cognito::UserPool": "aws_cognito_user_pool", "AWS::Cognito::UserPoolClient": "aws_cognito_user_pool_client",
    "AWS::ApiGatewayV2::Api": "aws_apigatewayv2_api", "AWS::ApiGatewayV2::Integration": "aws_apigatewayv2_integration",
    "AWS::ApiGatewayV2::Authorizer": "aws_apigatewayv2_authorizer", "AWS::ApiGatewayV2::Route": "aws_apigatewayv2_route",
    "AWS::ApiGatewayV2::Stage": "aws_apigatewayv2_stage", "AWS::ApiGateway::RestApi": "aws_api_gateway_rest_api",
    "AWS::ApiGateway::Resource": "aws_api_gateway_resource", "AWS::ApiGateway::Method": "aws_api_gateway_method",
    "AWS::ApiGateway::Authorizer": "aws_api_gateway_authorizer",
    "AWS::ApiGateway::Deployment": "aws_api_gateway_deployment", "AWS::ApiGateway::Stage": "aws_api_gateway_stage",
    # the operations kinds
    "AWS::KMS::Key": "aws_kms_key", "AWS::KMS::Alias": "aws_kms_alias",
    "AWS::XRay::SamplingRule": "aws_xray_sampling_rule", "AWS::CloudTrail::Trail": "aws_cloudtrail",
    "AWS::EC2::FlowLog": "aws_flow_log", "AWS::GuardDuty::Detector": "aws_guardduty_detector",
    "AWS::Backup::BackupVault": "aws_backup_vault", "AWS::Backup::BackupPlan": "aws_backup_plan",
    "AWS::Backup::BackupSelection": "aws_backup_selection", "AWS::SSM::Parameter": "aws_ssm_parameter",
    "AWS::ServiceDiscovery::PrivateDnsNamespace": "aws_service_discovery_private_dns_namespace",
    "AWS::ServiceDiscovery::Service": "aws_service_discovery_service",
}
# RDS instances: standalone and replicas are aws_db_instance, Aurora's members aws_rds_cluster_instance.
DB_INSTANCES = ("AWS::RDS::DBInstance", ("aws_db_instance", "aws_rds_cluster_instance"))
# CloudFormation resources Terraform writes as arguments of another resource, or shapes differently:
# the gateway attachment is the gateway's vpc_id; every security group rule is its own Terraform
# resource (counted from the plan); Terraform configures standalone instances on the instance, so only
# auto scaling groups have launch templates (counted from the plan); a service's scheduled actions are
# resources of their own (counted from the plan), not properties of its scalable target.
SHAPED_OTHERWISE = {"AWS::EC2::VPCGatewayAttachment", "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress",
                    "AWS::EC2::LaunchTemplate"}


def terraform_only(plan: Plan) -> Counter:
    """Terraform resources with no CloudFormation resource of their own, counted from the plan."""
    groups = plan.security_groups
    roles = plan.roles
    buckets = len(plan.buckets) + len(operations.of_type(plan, operations.LogBucket))
    services = {s.id for s in plan.services}
    balancers = (*plan.load_balancers, *operations.of_type(plan, operations.NetworkLoadBalancer))
    target_groups = {tg.workload: 0 for lb in balancers for tg in lb.target_groups}
    for lb in balancers:
        for tg in lb.target_groups:
            target_groups[tg.workload] += 1
    requested = 1 if plan.dns_zones and any(p.kind == "certificate_arn" and p.default == "" for p in plan.parameters) \
        else 0
    return Counter({
        "aws_default_security_group": 1 if plan.network.subnets else 0,
        "aws_vpc_security_group_ingress_rule": sum(len(g.ingress) for g in groups),
        "aws_vpc_security_group_egress_rule": sum(len(g.egress) for g in groups),
        # the CI deploy role's inline policy is a property of the role in CloudFormation
        "aws_iam_role_policy": sum(1 for r in roles if r.statements) + (1 if plan.ci else 0),
        "aws_iam_role_policy_attachment": sum(len(r.managed_policies) for r in roles),
        # RDS makes and keeps the databases' secrets (manage_master_user_password); the others are generated
        "random_password": len(plan.secrets) - len(plan.databases),
        "aws_secretsmanager_secret_version": len(plan.secrets) - len(plan.databases),
        "aws_ecs_cluster_capacity_providers": 1 if plan.cluster else 0,
        "aws_launch_template": sum(1 for g in plan.instance_groups if not g.instances),
        "aws_lb_target_group_attachment": sum(len(g.instances) * target_groups.get(g.id, 0)
                                              for g in plan.instance_groups),
        "aws_s3_bucket_public_access_block": buckets,
        "aws_s3_bucket_ownership_controls": buckets,
        "aws_s3_bucket_server_side_encryption_configuration": buckets,
        "aws_s3_bucket_versioning": buckets,
        "aws_s3_bucket_lifecycle_configuration": buckets,
        "aws_ecr_lifecycle_policy": len(plan.repositories),
        "aws_appautoscaling_scheduled_action": 2 * sum(1 for s in plan.scheduled_scaling if s.workload in services),
        # a REST API method's integration is a property of the method in CloudFormation
        "aws_api_gateway_integration": 2 * sum(1 for a in plan.apis if a.protocol == "REST"),
        "aws_guardduty_detector_feature": (1 + len(guardduty.OFF)) * len(
            operations.of_type(plan, operations.ThreatDetector)),
        # CloudFormation writes a requested certificate's validation record and waits for it by itself
        "aws_route53_record": requested,
        "aws_acm_certificate_validation": requested,
        # a service waiting for its first image holds its count with a scalable target even without scaling
        # (Terraform ignores desired_count after the first apply; CloudFormation updates it)
        "aws_appautoscaling_target": sum(1 for s in plan.services if s.image.repository and not any(
            p.workload == s.id for p in (*plan.scaling_policies, *plan.scheduled_scaling, *plan.queue_scaling))),
    })


def blueprint_plan(path: Path) -> Plan:
    loaded = load(path)
    return build_plan(loaded.spec, loaded)


PLANS = {p.stem: (lambda p=p: blueprint_plan(p)) for p in BLUEPRINTS + EXAMPLES}
PLANS |= {name: (lambda text=text: build_plan(Spec.model_validate(yaml.safe_load(text))))
          for name, text in EXTRA_SPECS.items()}


@pytest.fixture(scope="module")
def plans() -> dict[str, Plan]:
    return {name: make() for name, make in PLANS.items()}


@pytest.fixture(scope="module")
def rendered(plans) -> dict[str, dict[str, str]]:
    return {name: render_files(plan) for name, plan in plans.items()}


@pytest.fixture(scope="module")
def parsed(rendered) -> dict[str, dict[str, "Module"]]:
    return {name: modules(files) for name, files in rendered.items()}


def unquote(label: str) -> str:
    return label.strip('"')


def blocks(document: dict, block_type: str, depth: int):
    """(labels, body) of every `block_type` block, whose labels nest `depth` deep in python-hcl2's dict."""
    for entry in document.get(block_type, []):
        stack = [((), entry)]
        while stack:
            labels, node = stack.pop()
            if len(labels) == depth:
                yield labels, node
            else:
                stack += [((*labels, unquote(key)), value) for key, value in node.items() if key.startswith('"')]


class Module:
    """What one directory of .tf files declares and references."""

    def __init__(self, files: dict[str, str]):
        self.documents = {path: hcl2.loads(text) for path, text in files.items()}
        documents = list(self.documents.values())
        self.resources = {f"{t}.{n}" for d in documents for (t, n), _ in blocks(d, "resource", 2)}
        self.data = {f"data.{t}.{n}" for d in documents for (t, n), _ in blocks(d, "data", 2)}
        self.variables = {name: body for d in documents for (name,), body in blocks(d, "variable", 1)}
        self.outputs = {name for d in documents for (name,), _ in blocks(d, "output", 1)}
        self.calls = {name: body for d in documents for (name,), body in blocks(d, "module", 1)}
        self.locals = {k for d in documents for body in d.get("locals", []) for k in body if not k.startswith("__")}
        self.references = {reference for text in files.values() for reference in references(text)}
        # Names bound in the module rather than declared: for_each and count, dynamic blocks' iterators,
        # the variables of for expressions.
        texts = "\n".join(files.values())
        self.bound = {"each", "count", *re.findall(r'dynamic "(\w+)"', texts),
                      *(name for pair in re.findall(r"for (\w+)(?:, (\w+))? in", texts) for name in pair if name)}


def references(text: str) -> set[tuple[str, ...]]:
    """Every traversal's first three names, e.g. ("aws_vpc", "vpc", "id") or ("module", "edge", "alb_arn")."""
    found = set()
    tree = hcl2.parses(text)
    for node in [*find_all(tree, GetAttrExprTermRule), *find_all(tree, IndexExprTermRule)]:
        if isinstance(node.parent.parent, (GetAttrExprTermRule, IndexExprTermRule)):
            continue  # a prefix of a longer traversal
        expression = node.serialize()
        expression = expression[2:-1] if expression.startswith("${") else expression
        expression = re.sub(r"^\w+\(([^()]*)\)", r"\1", expression)  # one(x).y: what the call's argument names
        found.add(tuple(re.split(r"\.", re.sub(r"\[[^\]]*\]", "", expression))[:3]))
    return found


def modules(files: dict[str, str]) -> dict[str, Module]:
    """Modules by directory ("" for the root)."""
    by_directory: dict[str, dict[str, str]] = {}
    for path, text in files.items():
        by_directory.setdefault(str(Path(path).parent).replace(".", ""), {})[path] = text
    return {directory: Module(texts) for directory, texts in by_directory.items()}


def unresolved(module: Module, siblings: dict[str, Module]) -> list[str]:
    problems = []
    for reference in sorted(module.references):
        root, *rest = reference
        if root in module.bound:
            continue
        if root == "var":
            ok = rest[0] in module.variables
        elif root == "local":
            ok = rest[0] in module.locals
        elif root == "module":
            call = module.calls.get(rest[0])
            target = siblings.get(f"modules/{rest[0]}")
            # A bare `module.service` is a for expression over a for_each module's instances.
            ok = call is not None and target is not None and (len(rest) == 1 or rest[1] in target.outputs)
        elif root == "data":
            ok = ".".join(reference) in module.data
        elif root == "path":  # Terraform's own: path.module, path.root, path.cwd
            ok = rest[:1] in (["module"], ["root"], ["cwd"])
        else:
            ok = ".".join(reference[:2]) in module.resources
        if not ok:
            problems.append(".".join(reference))
    return problems


@pytest.mark.parametrize("name", sorted(PLANS))
def test_every_file_parses_with_python_hcl2(name, rendered, parsed):
    documents = {path: d for module in parsed[name].values() for path, d in module.documents.items()}
    assert set(documents) == set(rendered[name])
    assert all(documents.values())


@pytest.mark.parametrize("name", sorted(PLANS))
def test_every_reference_resolves_in_its_module(name, parsed):
    found = parsed[name]
    assert "" in found
    for directory, module in found.items():
        assert unresolved(module, found) == [], directory or "root module"


@pytest.mark.parametrize("name", sorted(PLANS))
def test_module_calls_pass_exactly_the_variables_each_module_declares(name, parsed):
    found = parsed[name]
    root = found[""]
    assert set(root.calls) == {d.removeprefix("modules/") for d in found if d}
    used_outputs = {(r[1], r[2]) for m in found.values() for r in m.references if r[0] == "module" and len(r) > 2}
    used_outputs |= {(r[1], output) for m in found.values() for r in m.references if r[0] == "module" and len(r) == 2
                     for output in found[f"modules/{r[1]}"].outputs}
    for call, body in root.calls.items():
        child = found[f"modules/{call}"]
        assert unquote(body["source"]) == f"./modules/{call}"
        passed = set(body) - MODULE_META_ARGUMENTS - {"__is_block__"}
        required = {v for v, declared in child.variables.items() if "default" not in declared}
        assert required <= passed <= set(child.variables), call
        # Nothing declared in vain: every variable is read, every output is read by the root module.
        assert {r[1] for r in child.references if r[0] == "var"} == set(child.variables), call
        assert {o for c, o in used_outputs if c == call} == child.outputs, call


def instances(files: dict[str, str], directory: Path) -> Counter:
    """Resource instances by type, for_each and count expanded, as `stackwright import` reads them."""
    for path, text in files.items():
        (directory / path).parent.mkdir(parents=True, exist_ok=True)
        (directory / path).write_text(text, encoding="utf-8")
    read = read_terraform(directory)
    assert not [r.problem for r in read.resources if r.problem]
    return Counter(r.type for r in read.resources)


@pytest.mark.parametrize("name", sorted(PLANS))
def test_resources_are_those_of_the_cloudformation_template(name, plans, rendered, tmp_path):
    terraform = instances(rendered[name], tmp_path)
    template = yaml.safe_load(render_template(plans[name]))
    cloudformation = Counter(r["Type"] for r in template["Resources"].values())
    assert set(cloudformation) <= set(SAME_RESOURCE) | {DB_INSTANCES[0]} | SHAPED_OTHERWISE, \
        "a CloudFormation type the Terraform renderer does not mirror yet"
    expected = Counter({SAME_RESOURCE[t]: n for t, n in cloudformation.items() if t in SAME_RESOURCE})
    expected += terraform_only(plans[name])
    db_instances = sum(terraform[t] for t in DB_INSTANCES[1])
    assert db_instances == cloudformation[DB_INSTANCES[0]]
    actual = Counter({t: n for t, n in terraform.items() if t not in DB_INSTANCES[1]})
    assert actual == +expected


@pytest.mark.parametrize("blueprint", BLUEPRINTS + EXAMPLES, ids=lambda p: p.stem)
def test_files_match_golden(blueprint, rendered, update_golden):
    files = rendered[blueprint.stem]
    directory = GOLDEN / blueprint.stem
    if update_golden or not directory.exists():
        for stale in directory.rglob("*.tf") if directory.exists() else ():
            if str(stale.relative_to(directory)) not in files:
                stale.unlink()
        for path, text in files.items():
            (directory / path).parent.mkdir(parents=True, exist_ok=True)
            (directory / path).write_text(text, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"wrote missing golden files for {blueprint.stem}; check them and commit them")
    golden = {str(p.relative_to(directory)): p.read_text(encoding="utf-8") for p in directory.rglob("*.tf")}
    assert sorted(golden) == sorted(files), "files added or removed; if intended, run pytest --update-golden"
    for path, text in files.items():
        assert text == golden[path], f"{path} changed; if intended, run pytest --update-golden"


DIGEST = """
import hashlib, sys
from stackwright.plan import build_plan
from stackwright.render.terraform import render_files
from stackwright.spec.loader import load
for path in sys.argv[1:]:
    files = render_files(build_plan(load(path).spec))
    print(hashlib.sha256("".join(f"{p}\\0{t}\\0" for p, t in sorted(files.items())).encode()).hexdigest())
"""


def digest(files: dict[str, str]) -> str:
    return hashlib.sha256("".join(f"{p}\0{t}\0" for p, t in sorted(files.items())).encode()).hexdigest()


def test_files_are_byte_identical_across_runs_and_hash_seeds(plans, rendered):
    def digests(seed: str) -> list[str]:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", DIGEST, *map(str, BLUEPRINTS)], env=env, check=True,
                                capture_output=True, text=True)
        return result.stdout.split()

    in_process = [digest(rendered[p.stem]) for p in BLUEPRINTS]
    assert [digest(render_files(plans[p.stem])) for p in BLUEPRINTS] == in_process
    assert digests("1") == digests("2") == in_process


def attributes(node, path=()):
    """(path, name, value) of every attribute in a python-hcl2 document, blocks and objects included."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            yield from attributes(value, (*path, key))
    elif isinstance(node, list):
        for item in node:
            yield from attributes(item, path)


@pytest.mark.parametrize("name", sorted(PLANS))
def test_no_secret_value_is_written(name, plans, parsed):
    written = managed = 0
    for module in parsed[name].values():
        for path, document in module.documents.items():
            for where, key, value in attributes(document):
                if key.startswith('"') or isinstance(value, list):
                    continue  # a block label, or blocks of a type
                if key == "manage_master_user_password":  # RDS generates and keeps it: not even in the state
                    assert value is True, (path, where)
                    managed += 1
                elif SECRET_ATTRIBUTES.search(key) and not key.endswith(("_arn", "_id")):
                    assert isinstance(value, str) and value.startswith("${"), (path, where, key, value)
                    written += 1
            for (resource_type, _), body in blocks(document, "resource", 2):
                if resource_type == "random_password":  # generated at apply, kept out of the code
                    assert body["special"] is False
    plan = plans[name]
    assert managed == len(plan.databases)
    assert written >= len(plan.secrets) - len(plan.databases)


def test_write_terraform_writes_the_modules_and_removes_stale_files(tmp_path, plans, rendered):
    stale = tmp_path / "terraform" / "modules" / "edge" / "main.tf"
    stale.parent.mkdir(parents=True)
    stale.write_text("# from an earlier spec\n", encoding="utf-8")
    paths = write_terraform(plans["homu-ec2"], tmp_path)
    root = tmp_path / "terraform"
    assert paths == sorted(paths)
    assert {str(p.relative_to(root)) for p in paths} == set(rendered["homu-ec2"])
    assert not stale.exists()  # homu-ec2 has no load balancer, bucket, distribution or zone
    assert {p.name for p in root.iterdir() if p.is_file()} == {"main.tf", "providers.tf", "variables.tf",
                                                                "outputs.tf"}
    for path in paths:
        assert path.read_text(encoding="utf-8") == rendered["homu-ec2"][str(path.relative_to(root))]


def test_providers_pin_aws_5_and_the_spec_region(plans, rendered):
    providers = hcl2.loads(rendered["glimpse"]["providers.tf"])
    required = providers["terraform"][0]["required_providers"][0]
    assert unquote(required["aws"]["version"]) == "~> 5.0"
    assert unquote(providers["provider"][0]['"aws"']["region"]) == plans["glimpse"].region


def test_subnets_name_their_availability_zones(plans, rendered):
    for name, plan in plans.items():
        if not plan.network.subnets:
            continue
        networking = hcl2.loads(rendered[name]["modules/networking/main.tf"])
        zones = {unquote(body["availability_zone"]) for (t, _), body in blocks(networking, "resource", 2)
                 if t == "aws_subnet"}
        assert zones == set(plan.network.azs), name


def test_checkov_skips_sit_inside_the_resource_they_explain(rendered):
    text = rendered["ecommerce"]["modules/database/main.tf"]
    block = text[text.index('resource "aws_db_instance" "db" {'):]
    assert block.splitlines()[1].startswith("  #checkov:skip=CKV_AWS_157:Single-AZ chosen in the spec (db.multi_az")


def test_writer_escapes_text_and_writes_expressions_as_they_are():
    text = dumps([Block("resource", ("aws_x", "y"), {
        "literal": 'say "${hi}" \\ 100%{x}',
        "expression": Expr("aws_vpc.vpc.id"),
        "joined": Template(("arn:", Expr("data.aws_partition.current.partition"), ":s3:::b/*")),
        "call": Call("jsonencode", ({"a-b": [1, 0.5, True, None], "with space": "v"},)),
        "script": "#!/bin/sh\necho ${HOME}\n",
        "nested": Block("nested", (), {"on": True}),
    }, ("checkov:skip=CKV_X_1:why",))])
    body = hcl2.loads(text)["resource"][0]['"aws_x"']['"y"']
    assert body["literal"] == '"say \\"$${hi}\\" \\\\ 100%%{x}"'
    assert body["expression"] == "${aws_vpc.vpc.id}"
    assert body["joined"] == '"arn:${data.aws_partition.current.partition}:s3:::b/*"'
    assert body["call"] == '${jsonencode({a-b = [1, 0.5, true, null], "with space" = "v"})}'
    assert body["script"].startswith('"<<EOT\n#!/bin/sh\necho $${HOME}\nEOT')
    assert body["nested"] == [{"on": True, "__is_block__": True}]
    assert body["__comments__"] == [{"value": "checkov:skip=CKV_X_1:why"}]
