"""destroy finds what a deploy left by its tags, not only by what the stack lists: resources orphaned
when the stack itself is gone are deleted on either target (the aws target pointed at the emulator),
and afterwards nothing tagged for the stack remains (Resource Groups Tagging API, then describe calls)."""

import boto3
import pytest
from botocore.exceptions import ClientError

from stackwright.deploy import default_stack_name, deploy, deployer, destroy
from stackwright.deploy import tagged as tagged_module
from stackwright.deploy.aws import local_clients
from stackwright.deploy.kinds import KINDS
from stackwright.deploy.local import DELETING_FOREVER
from stackwright.deploy.render import destroy_report
from stackwright.deploy.tagged import find_tagged, parse_arn, sweep
from stackwright.spec.loader import load

from conftest import BLUEPRINTS
from test_deploy import fake_aws, moto_url, shown  # noqa: F401  (fixtures)

TAG = "stackwright:spec"


def still_tagged(url: str, spec) -> list[str]:
    """ARNs carrying the spec's tag whose resource describe calls still find."""
    aws = local_clients(spec.region, url)
    found = find_tagged(aws, {TAG: spec.name}, default_stack_name(spec.name))
    return [leftover.physical_id for leftover in sweep(aws, found, delete=False, keep=set()).remaining]


def orphan(url: str, spec, monkeypatch, after: int) -> None:
    """A deploy killed after `after` progress reports whose clean-up never ran (SIGKILL, a lost
    terminal): what was made outside the stack is known to no stack."""
    reports = []

    def interrupt(progress):
        reports.append(progress)
        if len(reports) == after:
            raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(deployer._Run, "_roll_back", lambda self, *args, **kwargs: None)
        patched.setattr(deployer._Run, "_sweep_tagged", lambda self, keep: (tagged_module.Sweep(), 0))
        with pytest.raises(KeyboardInterrupt):
            deploy(spec, "local", endpoint_url=url, progress=interrupt)


# before the first stack stage; with part of the stack made; with the database made (and its automated snapshot)
@pytest.mark.parametrize("after", [8, 30, 45])
def test_destroy_after_a_killed_deploy_deletes_what_carries_its_tags(after, moto_url, monkeypatch):
    spec = load(next(p for p in BLUEPRINTS if p.stem == "homu-ec2")).spec
    orphan(moto_url, spec, monkeypatch, after)
    left = still_tagged(moto_url, spec)
    assert len(left) >= 2  # alarms, a secret, security groups...: what the old destroy missed

    gone = destroy(spec, "local", endpoint_url=moto_url)
    assert gone.clean, gone.remaining
    removed = {r.physical_id for r in gone.removed}  # by ARN when found by tag, else by physical id
    automated = {arn for arn in left if ":snapshot:rds:" in arn}  # a database's automated snapshots go with it
    assert all(arn in removed or parse_arn(arn, {}).physical_id in removed for arn in set(left) - automated)
    if not gone.stack_existed:
        assert {r.physical_id for r in gone.removed} == set(left)  # the tags found every one
        assert gone.tagged_found >= len(left)
    assert still_tagged(moto_url, spec) == []
    text = shown(destroy_report(gone))
    if not gone.stack_existed:
        assert f"no such stack, but {len(gone.removed)} resource(s) tagged {TAG}={spec.name} were left" in text

    again = destroy(spec, "local", endpoint_url=moto_url)
    assert again.clean and again.removed == ()
    listed = find_tagged(local_clients(spec.region, moto_url), {TAG: spec.name}, default_stack_name(spec.name))
    assert again.tagged_found == len(listed)  # listed yet gone: what moto shows as deleting for good
    assert {t.type for t in listed} <= DELETING_FOREVER and (after == 45) == bool(listed)
    assert "no such stack, nothing to destroy" in shown(destroy_report(again))
    assert deploy(spec, "local", endpoint_url=moto_url).result == "created"  # and a redeploy works
    assert destroy(spec, "local", endpoint_url=moto_url).clean


def test_the_aws_target_deletes_tagged_leftovers_and_verifies_them_gone(moto_url, monkeypatch):
    """`--target aws` pointed at the emulator: the same deletes, through boto3, then the same check."""
    spec = load(next(p for p in BLUEPRINTS if p.stem == "homu-ec2")).spec
    orphan(moto_url, spec, monkeypatch, 5)
    left = set(still_tagged(moto_url, spec))
    assert {arn.split(":")[2] for arn in left} >= {"secretsmanager", "sns"}, left  # before the stack exists

    said = []
    report = destroy(spec, "aws", endpoint_url=moto_url, progress=lambda p: said.append(p.message))
    assert report.clean and not report.stack_existed, report.remaining
    assert {r.physical_id for r in report.removed} == left  # by ARN, every one the tags found
    assert all(r.reason == "tagged for this stack but not in it: deleted" for r in report.removed)
    assert still_tagged(moto_url, spec) == []
    topic = next(r for r in report.removed if r.type == "AWS::SNS::Topic")
    assert any(message.startswith(f"deleting AWS::SNS::Topic {parse_arn(topic.physical_id, {}).physical_id}")
               for message in said)
    text = shown(destroy_report(report))
    assert f"no such stack, but {len(left)} resource(s) tagged {TAG}={spec.name} were left: {len(left)} removed, " \
           "0 still there" in text and "removed by stackwright" in text
    assert destroy(spec, "aws", endpoint_url=moto_url).tagged_found == 0


def test_the_aws_target_leaves_deletion_protection_on_and_says_so(moto_url):
    spec = load(next(p for p in BLUEPRINTS if p.stem == "homu-ec2")).spec
    rds = boto3.client("rds", region_name=spec.region, endpoint_url=moto_url)
    rds.create_db_instance(DBInstanceIdentifier="kept-db", Engine="postgres", DBInstanceClass="db.t4g.micro",
                           AllocatedStorage=20, MasterUsername="app", MasterUserPassword="secret-password-1",
                           DeletionProtection=True, Tags=[{"Key": TAG, "Value": spec.name}])
    report = destroy(spec, "aws", endpoint_url=moto_url)
    assert not report.clean and report.removed == ()
    [kept] = report.remaining
    assert kept.type == "AWS::RDS::DBInstance" and "under deletion protection" in kept.reason
    assert rds.describe_db_instances(DBInstanceIdentifier="kept-db")["DBInstances"][0]["DeletionProtection"]
    gone = destroy(spec, "local", endpoint_url=moto_url)  # the local target removes everything
    assert gone.clean and [r.type for r in gone.removed] == ["AWS::RDS::DBInstance"]


def test_a_final_snapshot_is_kept_on_purpose_and_an_automated_one_goes(moto_url):
    spec = load(next(p for p in BLUEPRINTS if p.stem == "homu-ec2")).spec
    rds = boto3.client("rds", region_name=spec.region, endpoint_url=moto_url)
    rds.create_db_instance(DBInstanceIdentifier="old-db", Engine="postgres", DBInstanceClass="db.t4g.micro",
                           AllocatedStorage=20, MasterUsername="app", MasterUserPassword="secret-password-1",
                           BackupRetentionPeriod=7, Tags=[{"Key": TAG, "Value": spec.name}])
    rds.create_db_snapshot(DBInstanceIdentifier="old-db", DBSnapshotIdentifier="old-db-final",
                           Tags=[{"Key": TAG, "Value": spec.name}])
    report = destroy(spec, "aws", endpoint_url=moto_url)
    assert report.clean, report.remaining
    assert [(r.type, r.physical_id.rsplit(":", 1)[1]) for r in report.retained] == [
        ("AWS::RDS::DBSnapshot", "old-db-final")]
    assert "DeletionPolicy: Snapshot" in report.retained[0].reason
    assert [s["DBSnapshotIdentifier"] for s in rds.describe_db_snapshots()["DBSnapshots"]] == ["old-db-final"]
    assert "kept on purpose" in shown(destroy_report(report))


class Waiting:
    """A kind whose delete AWS refuses while a dependent is still going away, `refusals` times."""

    def __init__(self, refusals: int):
        self.refusals = refusals
        self.exists = True

    def find(self, aws, r):
        return {"id": r.physical_id} if self.exists else None

    def delete(self, aws, r, state):
        if self.refusals:
            self.refusals -= 1
            raise ClientError({"Error": {"Code": "DependencyViolation", "Message": "resource has a dependent object"}},
                              "DeleteSecurityGroup")
        self.exists = False


@pytest.mark.parametrize(("refusals", "patience", "clean"), [(2, 60.0, True), (5, 0.0, False)])
def test_a_delete_waiting_on_another_is_tried_again_while_patience_lasts(refusals, patience, clean, monkeypatch):
    waiting = Waiting(refusals)
    monkeypatch.setitem(KINDS, "AWS::EC2::SecurityGroup", waiting)
    monkeypatch.setattr(tagged_module.time, "sleep", lambda seconds: None)
    group = parse_arn("arn:aws:ec2:us-east-1:1:security-group/sg-1", {})
    said = []
    result = sweep(None, [group], delete=True, keep=set(), patience=patience, poll_seconds=5.0, say=said.append)
    assert (result.removed != []) is clean and (result.remaining == []) is clean
    if clean:
        assert sum("trying again in 5 s" in message for message in said) == refusals
    else:
        [left] = result.remaining
        assert "could not delete it: DeleteSecurityGroup: resource has a dependent object" in left.reason


def test_instance_profiles_named_after_the_stack_holding_its_roles_are_found_and_deleted(moto_url):
    spec = load(next(p for p in BLUEPRINTS if p.stem == "homu-ec2")).spec
    stack = default_stack_name(spec.name)
    iam = boto3.client("iam", region_name=spec.region, endpoint_url=moto_url)
    trust = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},' \
            '"Action":"sts:AssumeRole"}]}'
    for role, owner in ((f"{stack}-AppInstanceRole-A1", spec.name), (f"{stack}-staging-Role-B2", "someone-else")):
        iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust, Tags=[{"Key": TAG, "Value": owner}])
        profile = role.replace("Role", "Profile")
        iam.create_instance_profile(InstanceProfileName=profile)
        iam.add_role_to_instance_profile(InstanceProfileName=profile, RoleName=role)
    iam.create_instance_profile(InstanceProfileName=f"{stack}-Tagged-C3", Tags=[{"Key": TAG, "Value": spec.name}])

    found = {t.physical_id: t.type for t in find_tagged(local_clients(spec.region, moto_url), {TAG: spec.name}, stack)}
    assert found == {f"{stack}-AppInstanceRole-A1": "AWS::IAM::Role",
                     f"{stack}-AppInstanceProfile-A1": "AWS::IAM::InstanceProfile",
                     f"{stack}-Tagged-C3": "AWS::IAM::InstanceProfile"}
    gone = destroy(spec, "aws", endpoint_url=moto_url)
    assert gone.clean and [r.type for r in gone.removed] == ["AWS::IAM::InstanceProfile"] * 2 + ["AWS::IAM::Role"]
    profiles = {p["InstanceProfileName"] for p in iam.list_instance_profiles()["InstanceProfiles"]}
    assert profiles == {f"{stack}-staging-Profile-B2"}  # another spec's, though its name shares the prefix
    assert {r["RoleName"] for r in iam.list_roles()["Roles"]} == {f"{stack}-staging-Role-B2"}


def test_a_normal_destroy_checks_the_tags_too(moto_url):
    spec = load(next(p for p in BLUEPRINTS if p.stem == "homu-ec2")).spec
    deploy(spec, "local", endpoint_url=moto_url)
    gone = destroy(spec, "local", endpoint_url=moto_url)
    assert gone.clean and gone.stack_existed and gone.tagged_found is not None
    assert still_tagged(moto_url, spec) == []
    assert f"tag check:" in shown(destroy_report(gone))


def test_resources_of_another_stack_or_spec_are_not_touched(moto_url):
    spec = load(next(p for p in BLUEPRINTS if p.stem == "homu-ec2")).spec
    ec2 = boto3.client("ec2", region_name=spec.region, endpoint_url=moto_url)
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    groups = {}
    for label, tags in (("other-spec", {TAG: "someone-else"}),
                        ("other-stack", {TAG: spec.name, "aws:cloudformation:stack-name": "another-stack"}),
                        ("ours", {TAG: spec.name})):
        groups[label] = ec2.create_security_group(
            GroupName=label, Description=label, VpcId=vpc,
            TagSpecifications=[{"ResourceType": "security-group",
                                "Tags": [{"Key": k, "Value": v} for k, v in tags.items()]}])["GroupId"]
    gone = destroy(spec, "local", endpoint_url=moto_url)
    assert [r.physical_id.rsplit("/", 1)[1] for r in gone.removed] == [groups["ours"]]
    existing = {g["GroupId"] for g in ec2.describe_security_groups()["SecurityGroups"]}
    assert {groups["other-spec"], groups["other-stack"]} <= existing and groups["ours"] not in existing


@pytest.mark.parametrize(("arn", "expected"), [
    ("arn:aws:ec2:us-east-1:1:instance/i-0abc", ("AWS::EC2::Instance", "i-0abc")),
    ("arn:aws:rds:us-east-1:1:db:shop-db", ("AWS::RDS::DBInstance", "shop-db")),
    ("arn:aws:logs:us-east-1:1:log-group:/ecs/shop:*", ("AWS::Logs::LogGroup", "/ecs/shop")),
    ("arn:aws:s3:::shop-files", ("AWS::S3::Bucket", "shop-files")),
    ("arn:aws:wafv2:us-east-1:1:global/webacl/edge/abc-1", ("AWS::WAFv2::WebACL", "edge|abc-1|CLOUDFRONT")),
    ("arn:aws:ecs:us-east-1:1:service/shop/api", ("AWS::ECS::Service", "arn:aws:ecs:us-east-1:1:service/shop/api")),
    ("arn:aws:sqs:us-east-1:1:jobs", ("AWS::SQS::Queue", "jobs")),
    ("arn:aws:sns:us-east-1:1:alarms", ("AWS::SNS::Topic", "alarms")),
    ("arn:aws:kinesis:us-east-1:1:stream/clicks", (None, "arn:aws:kinesis:us-east-1:1:stream/clicks")),  # unknown
])
def test_arns_become_the_types_and_ids_the_kinds_describe(arn, expected):
    tagged = parse_arn(arn, {})
    assert (tagged.type, tagged.physical_id) == expected
