"""CloudFormation: cfn-lint (in process) finds no error or warning in any blueprint's template or in specs
using every other kind and option; templates are byte-identical, hold no secret, match their golden
files (`pytest --update-golden`), and keep the conventions the deploy step relies on."""

import hashlib
import importlib.util
import os
import subprocess
import sys
import typing
from pathlib import Path

import pytest
import yaml
from cfnlint.api import lint
from cfnlint.config import ManualArgs

from stackwright.errors import UserError
from stackwright.plan import build_plan
from stackwright.render.cloudformation import NOTHING_TO_CREATE, render_template, write_cloudformation
from stackwright.spec.loader import load
from stackwright.spec.model import Component, Spec

from conftest import BLUEPRINTS, EXAMPLES, ROOT

GOLDEN = Path(__file__).parent / "golden" / "cloudformation"

# Every kind and option the blueprints leave out: ARM and Spot, fixed instances behind the ALB, Aurora
# MySQL, a read replica, valkey cluster mode, memcached, NAT instances in three AZs, S3 classes, a
# CloudFront-scoped WAF, latency DNS, endpoints, scheduled scale-in, WebSockets.
EVERY_KIND = """
name: every-kind
region: us-east-1
availability_target: 99.9
azs: 3
components:
  web:
    kind: fargate_service
    cpu: 1
    memory_gb: 2
    arch: arm
    ephemeral_storage_gb: 40
    websocket: true
    tasks: {min: 2, desired: 2, max: 4}
    scale_in: {off_hours_per_week: 49, count: 1}
  workers:
    kind: ec2_asg
    instance_type: m6i.large
    instances: {min: 2, desired: 3, max: 6}
    scale_in: {off_hours_per_week: 60, count: 1}
    purchase_option: spot
    spot_discount: 0.6
    ebs: {type: gp3, gb: 30, iops: 4000, throughput_mibps: 200}
  legacy: {kind: ec2_instance, instance_type: t3.micro, count: 2}
  lb: {kind: alb, azs: 3}
  db: {kind: aurora_serverless_v2, engine: mysql, min_acu: 0.5, max_acu: 8, instances: 2, io_optimized: true}
  reports:
    kind: rds
    engine: postgresql
    instance_class: db.r6g.large
    multi_az: true
    read_replicas: 1
    port: 6543
    storage: {type: io1, gb: 100, iops: 3000}
  sessions: {kind: elasticache, engine: valkey, node_type: cache.t4g.small, shards: 3, replicas_per_shard: 1}
  memo: {kind: elasticache, engine: memcached, node_type: cache.t4g.micro, shards: 2}
  nat: {kind: nat, mode: instance, instance_type: t4g.nano, count: 3}
  assets: {kind: s3, storage_class: glacier-instant}
  archive: {kind: s3, storage_class: standard-ia}
  uploads: {kind: s3, infrequent_access_share: 0.5}
  cdn: {kind: cloudfront}
  dns: {kind: route53, routing: latency}
  firewall: {kind: waf, rules: 9}
  watch: {kind: cloudwatch, log_retention_days: 14, dashboards: 1}
  vault: {kind: secrets_manager, secrets: 2}
  images: {kind: ecr}
  s3-endpoint: {kind: vpc_endpoint, type: gateway, service: s3}
  logs-endpoint: {kind: vpc_endpoint, service: logs, azs: 2}
  ips: {kind: public_ipv4, idle: 1}
  egress: {kind: data_transfer, inter_az_gb_month: 10}
"""

# No NAT with private workloads (the plan adds endpoints), sizes left to `auto`, a regional WAF
# because CloudFront-scoped ones exist only in us-east-1.
PRIVATE_NO_NAT = """
name: private-no-nat
region: eu-west-1
availability_target: 99.5
components:
  api: {kind: fargate_service}
  jobs: {kind: ec2_instance, instance_type: t3.small}
  db: {kind: rds, engine: mysql}
  cache: {kind: elasticache, engine: redis}
  lb: {kind: alb}
  cdn: {kind: cloudfront}
  firewall: {kind: waf}
  geo: {kind: route53, routing: geo}
"""

# Nothing in a VPC: no network, no security groups.
STATIC_SITE = """
name: static-site
region: us-east-1
availability_target: 99.5
components:
  site: {kind: s3}
  cdn: {kind: cloudfront}
  dns: {kind: route53}
  firewall: {kind: waf}
  watch: {kind: cloudwatch}
"""

# Every option of the operations kinds: two keys (the first encrypts the backup vault), two trails with
# data events, flow logs to both destinations, GuardDuty with S3 protection, backups of an RDS instance
# and an Aurora cluster, advanced parameters, Cloud Map, and NLBs to a service and to fixed instances.
OPERATIONS = """
name: operations
region: ap-northeast-2
environment: staging
availability_target: 99.0
traffic: {dau: 20000, peak_concurrent_users: 2000}
components:
  api: {kind: fargate_service, tasks: {min: 2, desired: 2, max: 6}}
  worker: {kind: fargate_service, tasks: {min: 1, desired: 1, max: 2}}
  legacy: {kind: ec2_instance, instance_type: t3.micro}
  lb: {kind: alb}
  db: {kind: rds, engine: postgresql, instance_class: db.t4g.small}
  events: {kind: aurora_serverless_v2, engine: mysql, min_acu: 0.5, max_acu: 4, storage_gb: 40}
  files: {kind: s3}
  watch: {kind: cloudwatch, dashboards: 1}
  keys: {kind: kms_key, keys: 2, requests_per_month: 50000}
  tracing: {kind: xray, sampling_rate: 0.1, reservoir_per_second: 2, share_of_traffic: 0.5}
  audit: {kind: cloudtrail, trails: 2, data_events_per_month: 1000000, retention_days: 90}
  flows: {kind: vpc_flow_logs}  # the services' 30 days: an import folds log groups into one retention
  rejects: {kind: vpc_flow_logs, destination: s3, traffic_type: REJECT}
  threats: {kind: guardduty, s3_protection: true}
  backups: {kind: backup_plan, resources: [db, events], schedule: weekly, retention_days: 90}
  config: {kind: ssm_parameters, standard: 4, advanced: 2, api_calls_per_month: 30000}
  discovery: {kind: service_discovery, namespace: operations.internal, services: [worker]}
  stream: {kind: nlb, target: api, listeners: [{port: 443, protocol: TLS}, {port: 7000, protocol: TCP}]}
  inner: {kind: nlb, target: legacy, internal: true, listeners: [{port: 5353, protocol: UDP}]}
"""

EXTRA_SPECS = {"every-kind": EVERY_KIND, "private-no-nat": PRIVATE_NO_NAT, "static-site": STATIC_SITE,
               "operations": OPERATIONS}


def blueprint_template(path: Path) -> tuple[str, str]:
    loaded = load(path)
    return loaded.spec.region, render_template(build_plan(loaded.spec, loaded))


def extra_template(name: str) -> tuple[str, str]:
    spec = Spec.model_validate(yaml.safe_load(EXTRA_SPECS[name]))
    return spec.region, render_template(build_plan(spec))


TEMPLATES = {p.stem: (lambda p=p: blueprint_template(p)) for p in BLUEPRINTS + EXAMPLES}
TEMPLATES |= {name: (lambda name=name: extra_template(name)) for name in EXTRA_SPECS}


@pytest.fixture(scope="module")
def rendered() -> dict[str, tuple[str, str]]:
    return {name: make() for name, make in TEMPLATES.items()}


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_cfn_lint_finds_no_error_or_warning(name, rendered):
    region, text = rendered[name]
    matches = lint(text, config=ManualArgs(regions=[region]))
    assert [f"{m.rule.id} {m.message} ({'/'.join(map(str, m.path))})" for m in matches
            if m.rule.id[0] in "EW"] == []


@pytest.mark.parametrize("blueprint", BLUEPRINTS + EXAMPLES, ids=lambda p: p.stem)
def test_template_matches_golden(blueprint, rendered, update_golden):
    text = rendered[blueprint.stem][1]
    golden = GOLDEN / f"{blueprint.stem}.yaml"
    if update_golden or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"wrote missing golden file {golden.name}; check it and commit it")
    assert text == golden.read_text(encoding="utf-8"), "template changed; if intended, run pytest --update-golden"


DIGEST = """
import hashlib, sys
from stackwright.errors import UserError
from stackwright.plan import build_plan
from stackwright.render.cloudformation import render_template
from stackwright.spec.loader import load
for path in sys.argv[1:]:
    print(hashlib.sha256(render_template(build_plan(load(path).spec)).encode()).hexdigest())
"""


def test_templates_are_byte_identical_across_runs_and_hash_seeds(rendered):
    def digests(seed: str) -> list[str]:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-c", DIGEST, *map(str, BLUEPRINTS)], env=env, check=True,
                                capture_output=True, text=True)
        return result.stdout.split()

    in_process = [hashlib.sha256(rendered[p.stem][1].encode()).hexdigest() for p in BLUEPRINTS]
    assert digests("1") == digests("2") == in_process


def walk(node, path=()):
    """(path, key, value) for every mapping entry in a document."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            yield from walk(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from walk(item, (*path, index))


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_template_holds_no_secret(name, rendered):
    document = yaml.safe_load(rendered[name][1])
    for path, key, value in walk(document):
        if key == "ManageMasterUserPassword":  # RDS generates the password and keeps it in its own secret
            assert value is True, path
        elif key.lower().endswith("password") or key in ("AuthToken", "SecretString"):
            assert isinstance(value, dict) and "{{resolve:secretsmanager:" in value["Fn::Sub"], (path, key)
    for resource in document["Resources"].values():
        if "MasterUsername" in resource["Properties"]:  # a database's master user: RDS keeps its password
            assert resource["Properties"]["ManageMasterUserPassword"] is True
            assert "MasterUserPassword" not in resource["Properties"]
        if resource["Type"] == "AWS::SecretsManager::Secret":
            assert "GenerateSecretString" in resource["Properties"]
            assert "SecretString" not in resource["Properties"]
    assert not any("NoEcho" in p for p in document.get("Parameters", {}).values())


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_conventions_the_deploy_step_relies_on(name, rendered):
    region, text = rendered[name]
    document = yaml.safe_load(text)  # SafeLoader refuses !Ref/!GetAtt tags: only long forms parse
    for _, key, value in walk(document):
        if key == "Fn::GetAtt":
            assert isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)
    if "Vpc" not in document["Resources"]:
        return
    zones = document["Mappings"]["AvailabilityZones"]
    assert list(zones) == [region]
    for resource in document["Resources"].values():
        if resource["Type"] == "AWS::EC2::Subnet":
            _, _, letter = resource["Properties"]["AvailabilityZone"]["Fn::FindInMap"]
            assert zones[region][letter] == f"{region}{letter.lower()}"


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_data_is_encrypted_at_rest_and_in_transit(name, rendered):
    resources = yaml.safe_load(rendered[name][1])["Resources"].values()
    for resource in resources:
        properties, kind = resource["Properties"], resource["Type"]
        if kind == "AWS::RDS::DBInstance" and "DBClusterIdentifier" not in properties \
                and "SourceDBInstanceIdentifier" not in properties:
            assert properties["StorageEncrypted"] and not properties["PubliclyAccessible"]
        if kind == "AWS::RDS::DBCluster":
            assert properties["StorageEncrypted"]
        if kind == "AWS::ElastiCache::ReplicationGroup":
            assert properties["AtRestEncryptionEnabled"] and properties["TransitEncryptionEnabled"]
        if kind == "AWS::ElastiCache::CacheCluster":
            assert properties["TransitEncryptionEnabled"]
        if kind == "AWS::S3::Bucket":
            assert properties["BucketEncryption"] and all(properties["PublicAccessBlockConfiguration"].values())
        if kind == "AWS::EC2::LaunchTemplate":
            data = properties["LaunchTemplateData"]
            assert all(d["Ebs"]["Encrypted"] for d in data["BlockDeviceMappings"])
            assert data["MetadataOptions"]["HttpTokens"] == "required"
        if kind == "AWS::ElasticLoadBalancingV2::Listener" and properties["Protocol"] == "HTTPS":
            assert properties["Certificates"] in ([{"CertificateArn": {"Ref": "CertificateArn"}}], [{"CertificateArn": {
                "Fn::If": ["RequestCertificateArn", {"Ref": "Certificate"}, {"Ref": "CertificateArn"}]}}])
        if kind == "AWS::ElasticLoadBalancingV2::Listener" and properties["Protocol"] == "HTTP":
            assert properties["DefaultActions"][0]["Type"] == "redirect"
        if kind == "AWS::CloudFront::Distribution":
            behaviors = [properties["DistributionConfig"]["DefaultCacheBehavior"],
                         *properties["DistributionConfig"].get("CacheBehaviors", [])]
            assert {b["ViewerProtocolPolicy"] for b in behaviors} == {"redirect-to-https"}


def test_outputs_name_what_clients_connect_to(rendered):
    outputs = yaml.safe_load(rendered["glimpse"][1])["Outputs"]
    assert outputs["AlbDnsName"]["Value"] == {"Fn::GetAtt": ["Alb", "DNSName"]}
    assert outputs["DbEndpoint"]["Value"] == {"Fn::GetAtt": ["Db", "Endpoint.Address"]}
    assert outputs["CacheEndpoint"]["Value"] == {"Fn::GetAtt": ["Cache", "PrimaryEndPoint.Address"]}
    assert {"VpcId", "ClusterName", "ApiServiceName", "RegistryApiUri", "DnsNameServers"} <= set(outputs)


def test_every_component_kind_has_a_renderer():
    kinds = {cls.model_fields["kind"].annotation.__args__[0]
             for cls in typing.get_args(typing.get_args(Component)[0])}
    for kind in kinds - NOTHING_TO_CREATE:
        assert importlib.util.find_spec(f"stackwright.render.cloudformation.resources.{kind}"), kind


def test_a_spec_that_creates_nothing_is_a_user_error():
    spec = Spec.model_validate({"name": "bill-only", "region": "us-east-1",
                                "components": {"egress": {"kind": "data_transfer"}}})
    with pytest.raises(UserError, match="creates nothing in AWS"):
        render_template(build_plan(spec))


def test_write_cloudformation_writes_the_template(tmp_path, rendered):
    plan = build_plan(load(ROOT / "blueprints" / "glimpse.yaml").spec)
    path = write_cloudformation(plan, tmp_path)
    assert path == tmp_path / "cloudformation" / "template.yaml"
    assert path.read_text(encoding="utf-8") == rendered["glimpse"][1]
