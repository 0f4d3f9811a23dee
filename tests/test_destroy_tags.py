"""destroy finds what a deploy left by its tags, not only by what the stack lists: resources orphaned
when the stack itself is gone are deleted on the local target, reported precisely on the aws target,
and afterwards nothing tagged for the stack remains (Resource Groups Tagging API, then describe calls)."""

import boto3
import pytest

from stackwright.deploy import default_stack_name, deploy, deployer, destroy
from stackwright.deploy.aws import local_clients
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
        with pytest.raises(KeyboardInterrupt):
            deploy(spec, "local", endpoint_url=url, progress=interrupt)


@pytest.mark.parametrize("after", [8, 30])  # before the first stack stage; with part of the stack made
def test_destroy_after_a_killed_deploy_deletes_what_carries_its_tags(after, moto_url, monkeypatch):
    spec = load(next(p for p in BLUEPRINTS if p.stem == "homu-ec2")).spec
    orphan(moto_url, spec, monkeypatch, after)
    left = still_tagged(moto_url, spec)
    assert len(left) >= 2  # alarms, a secret, security groups...: what the old destroy missed

    gone = destroy(spec, "local", endpoint_url=moto_url)
    assert gone.clean, gone.remaining
    removed = {r.physical_id for r in gone.removed}  # by ARN when found by tag, else by physical id
    assert all(arn in removed or parse_arn(arn, {}).physical_id in removed for arn in left)
    if not gone.stack_existed:
        assert {r.physical_id for r in gone.removed} == set(left)  # the tags found every one
        assert gone.tagged_found >= len(left)
    assert still_tagged(moto_url, spec) == []
    text = shown(destroy_report(gone))
    if not gone.stack_existed:
        assert f"no such stack, but {len(gone.removed)} resource(s) tagged {TAG}={spec.name} were left" in text

    again = destroy(spec, "local", endpoint_url=moto_url)
    assert again.clean and again.removed == () and again.tagged_found == 0
    assert "no such stack, nothing to destroy" in shown(destroy_report(again))
    assert deploy(spec, "local", endpoint_url=moto_url).result == "created"  # and a redeploy works
    assert destroy(spec, "local", endpoint_url=moto_url).clean


def test_the_aws_target_reports_tagged_leftovers_precisely_and_deletes_nothing(moto_url, monkeypatch):
    spec = load(next(p for p in BLUEPRINTS if p.stem == "homu-ec2")).spec
    orphan(moto_url, spec, monkeypatch, 8)
    left = set(still_tagged(moto_url, spec))

    report = destroy(spec, "aws", endpoint_url=moto_url)
    assert not report.clean and report.removed == ()
    assert {r.physical_id for r in report.remaining} == left  # by ARN
    alarm = next(r for r in report.remaining if r.type == "AWS::CloudWatch::Alarm")
    assert ":alarm:stackwright-homu-ec2-" in alarm.physical_id and "still there" in alarm.reason
    assert set(still_tagged(moto_url, spec)) == left  # nothing deleted outside CloudFormation on AWS
    assert "still there" in shown(destroy_report(report))


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
    ("arn:aws:sqs:us-east-1:1:jobs", (None, "arn:aws:sqs:us-east-1:1:jobs")),  # unknown: reported by its ARN
])
def test_arns_become_the_types_and_ids_the_kinds_describe(arn, expected):
    tagged = parse_arn(arn, {})
    assert (tagged.type, tagged.physical_id) == expected
