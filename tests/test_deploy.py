"""deploy and destroy against moto servers on 127.0.0.1, with fake credentials: every blueprint's local
deploy verifies every planned resource and its destroy leaves nothing; a failing deploy rolls back and
says why; an unchanged spec deploys as "no changes"; the aws target runs the same code path on the real
template; the stack driver handles CloudFormation's own rollback (stubbed)."""

import copy
import logging
import warnings
from datetime import datetime, timezone

import boto3
import pytest
import yaml
from botocore.stub import Stubber
from rich.console import Console

from stackwright.deploy import default_stack_name, deploy, deployer, destroy, local, preview
from stackwright.deploy.render import deploy_report, destroy_report, preview_report
from stackwright.deploy.aws import reset_moto
from stackwright.deploy.kinds import KINDS
from stackwright.deploy.report import VERIFIED, Progress, StackEvent
from stackwright.deploy.stack import Stack
from stackwright.errors import UserError
from stackwright.plan import build_plan
from stackwright.render.cloudformation import render_template
from stackwright.spec.loader import load
from stackwright.spec.model import Spec

from conftest import BLUEPRINTS, EXAMPLES
from test_cloudformation import EVERY_KIND, EXTRA_SPECS

# The one type the local target leaves out on purpose (moto cannot delete it), with its reason.
LEFT_OUT = {"AWS::ElastiCache::SubnetGroup"}
# The operations kinds in the blueprints (Cloud Map, X-Ray, CloudTrail, flow logs, parameters, backups):
# neither moto's CloudFormation nor stackwright makes them locally.
NOT_EMULATED = {"AWS::ServiceDiscovery::PrivateDnsNamespace", "AWS::ServiceDiscovery::Service",
                "AWS::XRay::SamplingRule", "AWS::CloudTrail::Trail", "AWS::EC2::FlowLog", "AWS::SSM::Parameter",
                "AWS::Backup::BackupVault", "AWS::Backup::BackupPlan", "AWS::Backup::BackupSelection"}
SMALL = """
name: tiny
region: us-east-1
availability_target: 99.0
components:
  files: {kind: s3, storage_gb: 10}
"""


@pytest.fixture(autouse=True)
def fake_aws(monkeypatch, tmp_path):
    """Fake credentials; no AWS config or credentials file is ever read."""
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_DEFAULT_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")  # AWS managed policies, as an account has them


@pytest.fixture
def moto_url():
    """A moto server of this test's own, on a free port of 127.0.0.1, emptied first (moto keeps its
    state per process)."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        host, port = server.get_host_and_port()
        url = f"http://{host}:{port}"
        reset_moto(url)
        yield url
        server.stop()


def shown(renderable) -> str:
    console = Console(width=400, record=True)
    console.print(renderable)
    return console.export_text()


def _template(spec: Spec) -> dict:
    return yaml.safe_load(render_template(build_plan(spec)))


def _client(url: str, service: str, region: str):
    return boto3.client(service, region_name=region, endpoint_url=url)


def left_in_account(url: str, region: str) -> dict[str, list]:
    """Everything a deploy can make, listed directly with boto3: empty after a clean destroy."""
    def c(service, where=region):
        return _client(url, service, where)

    ec2, ecs = c("ec2"), c("ecs")
    found = {
        "vpcs": [v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"] if not v["IsDefault"]],
        "subnets": [s["SubnetId"] for s in ec2.describe_subnets()["Subnets"] if not s["DefaultForAz"]],
        "security groups": [g["GroupId"] for g in ec2.describe_security_groups()["SecurityGroups"]
                            if g["GroupName"] != "default"],
        "route tables": [t["RouteTableId"] for t in ec2.describe_route_tables()["RouteTables"]
                         if not any(a.get("Main") for a in t["Associations"])],
        "internet gateways": [g["InternetGatewayId"] for g in ec2.describe_internet_gateways()["InternetGateways"]],
        "nat gateways": [g["NatGatewayId"] for g in ec2.describe_nat_gateways()["NatGateways"]
                         if g["State"] not in ("deleting", "deleted")],
        "addresses": [a["PublicIp"] for a in ec2.describe_addresses()["Addresses"]],
        "instances": [i["InstanceId"] for r in ec2.describe_instances()["Reservations"] for i in r["Instances"]
                      if i["State"]["Name"] != "terminated"],
        "launch templates": [t["LaunchTemplateId"] for t in ec2.describe_launch_templates()["LaunchTemplates"]],
        "vpc endpoints": [e["VpcEndpointId"] for e in ec2.describe_vpc_endpoints()["VpcEndpoints"]
                          if e["State"].lower() not in ("deleting", "deleted")],
        "load balancers": [b["LoadBalancerArn"] for b in c("elbv2").describe_load_balancers()["LoadBalancers"]],
        "target groups": [g["TargetGroupArn"] for g in c("elbv2").describe_target_groups()["TargetGroups"]],
        "ecs clusters": [c["clusterName"] for c in ecs.describe_clusters(clusters=ecs.list_clusters()["clusterArns"])[
            "clusters"] if c["status"] == "ACTIVE"],  # deleted clusters stay listed as INACTIVE, as on AWS
        "task definitions": ecs.list_task_definitions(status="ACTIVE")["taskDefinitionArns"],
        "auto scaling groups": [g["AutoScalingGroupName"] for g in
                                c("autoscaling").describe_auto_scaling_groups()["AutoScalingGroups"]],
        "scalable targets": c("application-autoscaling").describe_scalable_targets(ServiceNamespace="ecs")[
            "ScalableTargets"],
        "db instances": [d["DBInstanceIdentifier"] for d in c("rds").describe_db_instances()["DBInstances"]],
        "db clusters": [d["DBClusterIdentifier"] for d in c("rds").describe_db_clusters()["DBClusters"]],
        "db subnet groups": [g["DBSubnetGroupName"] for g in c("rds").describe_db_subnet_groups()["DBSubnetGroups"]],
        "replication groups": [g["ReplicationGroupId"] for g in
                               c("elasticache").describe_replication_groups()["ReplicationGroups"]
                               if g["Status"] != "deleting"],  # moto keeps deleted ones as "deleting"
        "cache clusters": [g["CacheClusterId"] for g in c("elasticache").describe_cache_clusters()["CacheClusters"]
                           if g["CacheClusterStatus"] != "deleting"],
        "cache subnet groups": [g["CacheSubnetGroupName"] for g in
                                c("elasticache").describe_cache_subnet_groups()["CacheSubnetGroups"]
                                if g["CacheSubnetGroupName"] != "default"],
        "secrets": [s["Name"] for s in c("secretsmanager").list_secrets()["SecretList"]],
        "alarms": [a["AlarmName"] for a in c("cloudwatch").describe_alarms()["MetricAlarms"]],
        "dashboards": [d["DashboardName"] for d in c("cloudwatch").list_dashboards()["DashboardEntries"]],
        "log groups": [g["logGroupName"] for g in c("logs").describe_log_groups()["logGroups"]],
        "repositories": [r["repositoryName"] for r in c("ecr").describe_repositories()["repositories"]],
        "buckets": [b["Name"] for b in c("s3").list_buckets()["Buckets"]],
        "queues": c("sqs").list_queues().get("QueueUrls", []),
        "topics": [t["TopicArn"] for t in c("sns").list_topics()["Topics"]],
        "hosted zones": [z["Id"] for z in c("route53").list_hosted_zones()["HostedZones"]],
        "roles": [r["RoleName"] for r in c("iam").list_roles()["Roles"]],
        "instance profiles": [p["InstanceProfileName"] for p in c("iam").list_instance_profiles()["InstanceProfiles"]],
        "distributions": c("cloudfront").list_distributions()["DistributionList"].get("Items", []),
        "web acls": c("wafv2").list_web_acls(Scope="REGIONAL")["WebACLs"] +
                    c("wafv2", "us-east-1").list_web_acls(Scope="CLOUDFRONT")["WebACLs"],
        "certificates": c("acm").list_certificates()["CertificateSummaryList"] +
                        c("acm", "us-east-1").list_certificates()["CertificateSummaryList"],
        "stacks": [s["StackName"] for s in c("cloudformation").list_stacks()["StackSummaries"]
                   if s["StackStatus"] != "DELETE_COMPLETE"],
    }
    return {what: items for what, items in found.items() if items}


def assert_every_planned_resource_verified(report, spec: Spec) -> None:
    planned = _template(spec)["Resources"]
    assert [r.logical_id for r in report.resources] == list(planned)  # none silently missing
    for outcome in report.resources:
        assert outcome.status in VERIFIED or (outcome.status == "not-emulated" and outcome.type in LEFT_OUT | NOT_EMULATED), \
            outcome
        if outcome.status != "created-by-cloudformation-and-verified":
            assert outcome.reason, outcome  # the service API or nothing made it, and the report says why
    not_emulated = [r for r in report.resources if r.status == "not-emulated"]
    assert report.complete == (not not_emulated)  # a resource not emulated: never a false "complete"
    assert report.failure is None


# ---------------------------------------------------------------------------------------------- local


@pytest.mark.parametrize("path", BLUEPRINTS + EXAMPLES, ids=[p.stem for p in BLUEPRINTS + EXAMPLES])
def test_local_deploy_verifies_every_planned_resource_and_destroy_leaves_nothing(path, moto_url):
    spec = load(path).spec
    progress: list[Progress] = []
    report = deploy(spec, "local", endpoint_url=moto_url, progress=progress.append)
    assert report.result == "created"
    assert_every_planned_resource_verified(report, spec)
    assert progress[-1].done == progress[-1].total == len(report.resources)
    declared = _template(spec).get("Outputs", {})
    assert set(report.outputs) == set(declared) and not any("cannot evaluate" in v for v in report.outputs.values())
    assert left_in_account(moto_url, spec.region)  # it is all there...

    gone = destroy(spec, "local", endpoint_url=moto_url)
    made = [r for r in report.resources if r.status != "not-emulated"]
    assert gone.clean and gone.stack_existed and gone.checked == len(made)
    assert left_in_account(moto_url, spec.region) == {}  # ...and all gone, by moto's own listing


@pytest.mark.parametrize("name", ["every-kind", "private-no-nat"])
def test_local_deploy_of_every_kind_and_option(name, moto_url):
    """WAF in both scopes, VPC endpoints, memcached, Aurora MySQL, read replicas, auto scaling schedules."""
    spec = Spec.model_validate(yaml.safe_load(EXTRA_SPECS[name]))
    report = deploy(spec, "local", endpoint_url=moto_url)
    assert_every_planned_resource_verified(report, spec)
    for memcached in (r for r in report.resources if r.type == "AWS::ElastiCache::CacheCluster"):
        assert "ConfigurationEndpoint" in memcached.gaps  # moto's memcached clusters have no endpoint: said so
    assert destroy(spec, "local", endpoint_url=moto_url).clean
    assert left_in_account(moto_url, spec.region) == {}


DATABASES = """
name: vault
region: us-east-1
availability_target: 99.0
components:
  api: {kind: fargate_service, cpu: 0.25, memory_gb: 0.5, tasks: {min: 1, desired: 1, max: 2}}
  db: {kind: rds, engine: postgresql, instance_class: db.t4g.micro, storage: {gb: 20}}
  events: {kind: aurora_serverless_v2, engine: mysql, min_acu: 0.5, max_acu: 2, instances: 1}
"""


def test_local_deploy_databases_keep_their_password_in_the_secret_rds_manages(moto_url):
    """ManageMasterUserPassword: the instance and the cluster each list the secret RDS made, the outputs
    and the tasks' secrets name it, and it goes with the database."""
    spec = Spec.model_validate(yaml.safe_load(DATABASES))
    report = deploy(spec, "local", endpoint_url=moto_url)
    assert report.failure is None and all(r.status in VERIFIED for r in report.resources), report.resources
    assert {r.type for r in report.resources} >= {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"}
    assert "AWS::SecretsManager::Secret" not in {r.type for r in report.resources}
    secrets = _client(moto_url, "secretsmanager", spec.region)
    listed = {s["ARN"] for s in secrets.list_secrets()["SecretList"]}
    managed = {report.outputs["DbSecretArn"], report.outputs["EventsSecretArn"]}
    assert len(managed) == 2 and managed <= listed  # RDS's own secrets, not ones the template made
    rds = _client(moto_url, "rds", spec.region)
    assert {d["MasterUserSecret"]["SecretArn"] for d in rds.describe_db_instances()["DBInstances"]
            if "MasterUserSecret" in d} | {c["MasterUserSecret"]["SecretArn"]
                                           for c in rds.describe_db_clusters()["DBClusters"]} == managed
    ecs = _client(moto_url, "ecs", spec.region)
    (definition,) = ecs.list_task_definitions(status="ACTIVE")["taskDefinitionArns"]
    (container,) = ecs.describe_task_definition(taskDefinition=definition)["taskDefinition"]["containerDefinitions"]
    read = {s["name"]: s["valueFrom"] for s in container["secrets"]}
    assert read["DB_PASSWORD"] == f"{report.outputs['DbSecretArn']}:password::"
    assert destroy(spec, "local", endpoint_url=moto_url).clean
    assert left_in_account(moto_url, spec.region) == {}


def test_second_deploy_of_unchanged_spec_changes_nothing(moto_url):
    spec = load(next(p for p in BLUEPRINTS if p.stem == "homu-fargate")).spec
    first = deploy(spec, "local", endpoint_url=moto_url)
    second = deploy(spec, "local", endpoint_url=moto_url)
    assert (first.result, second.result) == ("created", "no changes")
    assert [(r.logical_id, r.status, r.physical_id) for r in second.resources] == \
           [(r.logical_id, r.status, r.physical_id) for r in first.resources]
    assert destroy(spec, "local", endpoint_url=moto_url).clean


def _with_broken_subnet(monkeypatch) -> None:
    """Every template gets a subnet outside its VPC: moto rejects it halfway through a stack stage."""
    def broken(plan):
        document = yaml.safe_load(render_template(plan))
        subnet = copy.deepcopy(document["Resources"]["SubnetDataA"])
        subnet["Properties"]["CidrBlock"] = "192.168.0.0/24"
        document["Resources"]["BrokenSubnet"] = subnet
        return yaml.safe_dump(document, sort_keys=False)

    monkeypatch.setattr(deployer, "render_template", broken)


def test_failed_deploy_rolls_back_says_why_and_a_retry_works(moto_url, monkeypatch):
    spec = load(next(p for p in BLUEPRINTS if p.stem == "glimpse")).spec
    with monkeypatch.context() as patched:
        _with_broken_subnet(patched)
        report = deploy(spec, "local", endpoint_url=moto_url)
    assert report.result == "failed" and report.resources == ()
    assert "192.168.0.0/24" in report.failure.reason and "invalid" in report.failure.reason
    assert "deleted the stack" in report.failure.rolled_back and report.failure.left_behind == ()
    assert left_in_account(moto_url, spec.region) == {}  # secrets, roles, VPC... made before the failure: gone
    assert "failed: ExecuteChangeSet: The CIDR '192.168.0.0/24' is invalid." in shown(deploy_report(report))

    retry = deploy(spec, "local", endpoint_url=moto_url)
    assert retry.result == "created" and retry.failure is None
    assert destroy(spec, "local", endpoint_url=moto_url).clean


def test_failed_update_is_rolled_back_to_the_deployed_stack(moto_url, monkeypatch):
    spec = load(next(p for p in BLUEPRINTS if p.stem == "homu-ec2")).spec
    assert deploy(spec, "local", endpoint_url=moto_url).result == "created"
    with monkeypatch.context() as patched:
        _with_broken_subnet(patched)
        report = deploy(spec, "local", endpoint_url=moto_url)
    assert report.result == "failed" and "192.168.0.0/24" in report.failure.reason
    assert "re-applied the previous template" in report.failure.rolled_back
    again = deploy(spec, "local", endpoint_url=moto_url)
    assert again.result == "no changes"
    assert_every_planned_resource_verified(again, spec)
    assert destroy(spec, "local", endpoint_url=moto_url).clean


def test_embedded_server_by_default(monkeypatch):
    spec = Spec.model_validate(yaml.safe_load(SMALL))
    report = deploy(spec, "local")
    assert report.result == "created" and report.endpoint_url is None
    assert [r.status for r in report.resources] == ["created-by-service-api-and-verified"] * 2
    assert report.complete and deployer.EMBEDDED_NOTE in report.notes
    text = shown(deploy_report(report))
    assert "stackwright-tiny on local (us-east-1): created" in text and "complete: 2 created-by-service-api" in text
    assert "FilesName" in text and "s3.put_bucket_policy" in text
    gone = destroy(spec, "local")  # a new embedded server: nothing from the last one survives
    assert not gone.stack_existed and deployer.EMBEDDED_NOTE in gone.notes
    assert "no such stack, nothing to destroy" in shown(destroy_report(gone))


# ---------------------------------------------------------------------------------------------- aws


def test_aws_target_runs_the_real_template_through_the_same_path(moto_url):
    """The standard credential chain (fake keys in the environment), the real template, no service-API
    help: moto's silent gaps show as verify-failed, never as verified."""
    spec = Spec.model_validate(yaml.safe_load(SMALL))
    report = deploy(spec, "aws", endpoint_url=moto_url)
    assert report.result == "created" and report.target == "aws"
    assert {r.logical_id: (r.status, r.how) for r in report.resources} == {
        "Files": ("verify-failed", "CloudFormation"), "FilesPolicy": ("verify-failed", "CloudFormation")}
    files, policy = report.resources
    assert "VersioningConfiguration" in files.reason  # moto's CloudFormation drops it
    assert "does not list it" in policy.reason  # moto's CloudFormation skips the type
    assert not report.complete
    assert deploy(spec, "aws", endpoint_url=moto_url).result == "no changes"

    gone = destroy(spec, "aws", endpoint_url=moto_url)
    assert gone.clean and [r.logical_id for r in gone.retained] == ["Files"]  # DeletionPolicy: Retain, on purpose
    assert gone.removed == ()  # the aws target deletes nothing itself
    assert "kept by DeletionPolicy: Retain" in shown(destroy_report(gone))


def test_dry_run_prints_the_change_set_and_changes_nothing(moto_url):
    """deploy --dry-run: the change set described and deleted unexecuted, on an empty account and on a
    deployed stack, with and without a change."""
    spec = Spec.model_validate(yaml.safe_load(SMALL))
    first = preview(spec, "aws", endpoint_url=moto_url)
    assert first.result == "create"
    assert [(c.action, c.logical_id) for c in first.changes] == [("Add", r) for r in _template(spec)["Resources"]]
    assert left_in_account(moto_url, spec.region) == {}  # no stack, no change set, no bucket
    assert "dry run, nothing changed; a deploy would create the stack: 2 to add" in shown(preview_report(first))

    deploy(spec, "aws", endpoint_url=moto_url)
    assert preview(spec, "aws", endpoint_url=moto_url).result == "no changes"
    grown = Spec.model_validate(yaml.safe_load(SMALL) | {"components": {
        "files": {"kind": "s3", "storage_gb": 10}, "logs": {"kind": "s3", "storage_gb": 5}}})
    update = preview(grown, "aws", endpoint_url=moto_url)
    assert update.result == "update" and {(c.action, c.logical_id) for c in update.changes} >= {("Add", "Logs")}
    cloudformation = _client(moto_url, "cloudformation", spec.region)
    stack = default_stack_name(spec.name)
    assert not [c for c in cloudformation.list_change_sets(StackName=stack)["Summaries"]
                if "dry-run" in c["ChangeSetName"]]  # described, then deleted
    assert len(left_in_account(moto_url, spec.region)["buckets"]) == 1  # the deployed one; Logs was not made
    assert destroy(spec, "aws", endpoint_url=moto_url).clean


def test_dry_run_on_the_local_target_fills_parameters_and_says_what_differs():
    spec = load(next(p for p in BLUEPRINTS if p.stem == "glimpse")).spec
    report = preview(spec, "local")  # the embedded emulator: certificates and images need not exist
    assert report.result == "create" and len(report.changes) == len(_template(spec)["Resources"])
    assert "as --target aws would execute it" in report.notes[0]


def test_dry_run_from_the_command_line(moto_url, tmp_path):
    from typer.testing import CliRunner

    from stackwright.cli import app

    path = tmp_path / "tiny.yaml"
    path.write_text(SMALL, encoding="utf-8")
    result = CliRunner().invoke(app, ["deploy", str(path), "--target", "aws", "--endpoint-url", moto_url,
                                      "--dry-run"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "dry run, nothing changed; a deploy would create the stack: 2 to add" in result.output
    assert "FilesPolicy" in result.output and left_in_account(moto_url, "us-east-1") == {}


def test_aws_target_failure_rolls_back_and_says_why(moto_url):
    spec = load(next(p for p in BLUEPRINTS if p.stem == "homu-fargate")).spec
    certificate = _client(moto_url, "acm", spec.region).request_certificate(DomainName="example.com")
    report = deploy(spec, "aws", endpoint_url=moto_url,
                    parameters={"ImageTag": "v1", "CertificateArn": certificate["CertificateArn"],
                                "AlarmsSubscriber1": "alerts@example.com"})
    assert report.result == "failed"
    # moto's CloudFormation cannot read the secret RDS manages (AWS can), nor has it ElastiCache
    assert "does not support attribute type MasterUserSecret.SecretArn" in report.failure.reason
    assert "deleted the stack" in report.failure.rolled_back
    assert "stacks" not in left_in_account(moto_url, spec.region)


def test_aws_target_asks_for_parameters_without_defaults(moto_url):
    spec = load(next(p for p in BLUEPRINTS if p.stem == "glimpse")).spec
    with pytest.raises(UserError) as raised:
        deploy(spec, "aws", endpoint_url=moto_url)
    # ImageTag may wait (no tasks run until it is given), and so may CertificateArn (the stack requests one);
    # the alarm topic's e-mail subscriber may not
    assert [p.split(":")[0] for p in raised.value.problems] == ["parameter DomainName has no value",
                                                                "parameter AlarmsSubscriber1 has no value"]
    homu = load(next(p for p in BLUEPRINTS if p.stem == "homu-fargate")).spec  # no hosted zone to validate in
    with pytest.raises(UserError) as raised:
        deploy(homu, "aws", endpoint_url=moto_url)
    assert [p.split(":")[0] for p in raised.value.problems] == ["parameter CertificateArn has no value",
                                                                "parameter AlarmsSubscriber1 has no value"]


def test_stack_reports_cloudformation_rollback_with_the_failed_resources():
    """AWS's own behaviour, which moto lacks: events per resource, CREATE_FAILED, ROLLBACK_COMPLETE."""
    client = boto3.client("cloudformation", region_name="us-east-1")
    stub = Stubber(client)
    name, at = "stackwright-demo", datetime(2026, 1, 1, tzinfo=timezone.utc)

    def stack(status):
        return {"Stacks": [{"StackName": name, "StackStatus": status, "CreationTime": at}]}

    def event(number, logical, status, reason=None):
        return {"EventId": str(number), "StackId": name, "StackName": name, "LogicalResourceId": logical,
                "ResourceType": "AWS::EC2::VPC" if logical == "Vpc" else "AWS::CloudFormation::Stack",
                "Timestamp": at, "ResourceStatus": status, **({"ResourceStatusReason": reason} if reason else {})}

    missing = {"service_error_code": "ValidationError", "service_message": f"Stack with id {name} does not exist"}
    stub.add_client_error("describe_stacks", **missing)
    stub.add_client_error("describe_stack_events", **missing)
    stub.add_response("create_change_set", {"Id": "cs", "StackId": name})
    stub.add_response("describe_change_set", {"Status": "CREATE_COMPLETE", "Changes": [{}]})
    stub.add_response("execute_change_set", {})
    stub.add_response("describe_stacks", stack("CREATE_IN_PROGRESS"))
    stub.add_response("describe_stack_events", {"StackEvents": [event(1, name, "CREATE_IN_PROGRESS")]})
    stub.add_response("describe_stacks", stack("ROLLBACK_COMPLETE"))
    stub.add_response("describe_stack_events", {"StackEvents": [
        event(4, name, "ROLLBACK_COMPLETE"), event(3, "Vpc", "DELETE_COMPLETE"),
        event(2, "Vpc", "CREATE_FAILED", "The CIDR '10.0.0.0/8' is invalid."), event(1, name, "CREATE_IN_PROGRESS")]})
    stub.add_response("describe_stack_events", {"StackEvents": []})
    events: list[StackEvent] = []
    with stub:
        applied = Stack(client, None, name, region="us-east-1", poll_seconds=0, on_event=events.append,
                        on_settled=lambda logicals: None).apply("{}", {}, {})
    assert (applied.outcome, applied.status) == ("failed", "ROLLBACK_COMPLETE")
    assert [(f.logical_id, f.reason) for f in applied.failed] == [("Vpc", "The CIDR '10.0.0.0/8' is invalid.")]
    assert [(e.logical_id, e.status) for e in events] == [  # streamed as they came, oldest first
        (name, "CREATE_IN_PROGRESS"), ("Vpc", "CREATE_FAILED"), ("Vpc", "DELETE_COMPLETE"), (name, "ROLLBACK_COMPLETE")]


# ---------------------------------------------------------------------------------------------- tables


def test_the_moto_tables_match_the_installed_moto():
    from moto.cloudformation.parsing import get_model_map

    in_moto = set(get_model_map())
    assert local.MOTO_CLOUDFORMATION <= in_moto
    skipped = {t for t, reason in local.MOTO_GAPS.items() if reason == local.MOTO_GAPS["AWS::CloudWatch::Alarm"]}
    assert not skipped & in_moto
    assert not local.MOTO_CLOUDFORMATION & set(local.MOTO_GAPS)


def test_every_renderable_type_has_a_kind_and_a_local_route():
    types = {r["Type"] for spec in (Spec.model_validate(yaml.safe_load(EVERY_KIND)),)
             for r in _template(spec)["Resources"].values()}
    types |= {r["Type"] for path in BLUEPRINTS + EXAMPLES for r in _template(load(path).spec)["Resources"].values()}
    assert types <= set(KINDS)
    assert {t for t in types if local.route(t)[0] == "not-emulated"} == LEFT_OUT | NOT_EMULATED


def test_cache_subnet_groups_are_verified_where_they_exist(moto_url):
    """On AWS CloudFormation makes them; moto's CloudFormation skips them, so the kind is tried directly."""
    from stackwright.deploy.aws import local_clients
    from stackwright.deploy.kinds import Resource

    aws = local_clients("us-east-1", moto_url)
    vpc = aws("ec2").create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet = aws("ec2").create_subnet(VpcId=vpc, CidrBlock="10.0.0.0/24")["Subnet"]["SubnetId"]
    aws("elasticache").create_cache_subnet_group(CacheSubnetGroupName="cache", CacheSubnetGroupDescription="d",
                                                 SubnetIds=[subnet])
    kind = KINDS["AWS::ElastiCache::SubnetGroup"]
    for wanted, differences in (([subnet], []), (["subnet-other"], ["SubnetIds"])):
        group = Resource("Cache", {"Type": kind.type, "Properties": {"SubnetIds": wanted}}, lambda v: v, "cache", {})
        group.physical_id = "cache"
        assert [d.prop for d in kind.check(kind.find(aws, group), group)] == differences
    group.physical_id = "gone"
    assert kind.find(aws, group) is None


@pytest.mark.parametrize("after", [3, 15, 40])  # progress reports before Ctrl-C: early, mid-way, late
def test_an_interrupted_deploy_is_undone_so_a_rerun_succeeds_and_destroy_leaves_nothing(moto_url, after):
    spec = load(next(p for p in BLUEPRINTS if p.stem == "homu-ec2")).spec
    reports = []

    def interrupt(progress):
        reports.append(progress)
        if len(reports) == after:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        deploy(spec, "local", endpoint_url=moto_url, progress=interrupt)
    assert any(p.message == "interrupted; undoing this deploy" for p in reports)
    assert left_in_account(moto_url, spec.region) == {}  # nothing made before the interrupt is left

    rerun = deploy(spec, "local", endpoint_url=moto_url)
    assert rerun.result == "created" and rerun.failure is None
    gone = destroy(spec, "local", endpoint_url=moto_url)
    assert gone.clean and left_in_account(moto_url, spec.region) == {}
