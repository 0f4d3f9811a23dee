"""checkov on the generated Terraform and CloudFormation of every blueprint and extra spec: no failed
check, every skip carrying its reason, and no skip that is not needed (checkov run again on a copy
without the skips fails exactly the skipped checks).

checkov runs from its own environment (see stackwright.validate.checkov); without it these tests are
skipped with the command that installs it. Four checkov runs over every output together: about 30 s.
"""

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from stackwright.plan.model import Database
from stackwright.render.cloudformation import write_cloudformation
from stackwright.render.terraform import write_terraform
from stackwright.validate.checkov import (
    ENV_VARIABLE, MAKE_TARGET, CheckovReport, CheckovUnavailable, checkov_executable, parse_report, run_checkov,
)
from stackwright.validate.checkov_skips import ReadReplica, cloudformation_metadata, skips, terraform_comments

from test_terraform import PLANS

SKIP_COMMENT = "#checkov:skip="
SERVICE_MODULE = "modules/service/main.tf"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> Path:
    try:
        checkov_executable()
    except CheckovUnavailable as error:
        pytest.skip(str(error))
    root = tmp_path_factory.mktemp("generated")
    for name, make in PLANS.items():
        plan = make()
        write_terraform(plan, root / name)
        write_cloudformation(plan, root / name)
    return root


@pytest.fixture(scope="module")
def terraform(outputs) -> CheckovReport:
    return run_checkov(outputs, "terraform")


@pytest.fixture(scope="module")
def cloudformation(outputs) -> CheckovReport:
    return run_checkov(outputs, "cloudformation")


def of(findings, name: str) -> list[str]:
    """`check resource (reason)` of the findings in output `name`, for readable failures."""
    return sorted(f"{f.check} {f.resource}" + (f" ({f.reason})" if f.reason else "")
                  for f in findings if f.file.split("/")[1] == name)


def pairs(findings) -> set[tuple[str, str, str]]:
    return {(f.file, f.resource, f.check) for f in findings}


def without_skips(outputs: Path, destination: Path) -> Path:
    """A copy of every output with the skip comments and the skip metadata taken out."""
    shutil.copytree(outputs, destination)
    for path in destination.rglob("*.tf"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if SKIP_COMMENT not in line), encoding="utf-8")
    for path in destination.rglob("template.yaml"):
        template = yaml.safe_load(path.read_text(encoding="utf-8"))
        for resource in template["Resources"].values():
            resource.get("Metadata", {}).pop("checkov", None)
        path.write_text(yaml.safe_dump(template, sort_keys=False), encoding="utf-8")
    return destination


@pytest.mark.parametrize("name", sorted(PLANS))
def test_terraform_fails_no_check(name, terraform):
    assert terraform.parsing_errors == ()
    assert of(terraform.failed, name) == []


@pytest.mark.parametrize("name", sorted(PLANS))
def test_terraform_skips_carry_their_reason(name, terraform):
    assert [s for s in of(terraform.skipped, name) if not s.endswith(")")] == []
    assert all(s.reasoned for s in terraform.skipped)


def shared_module(findings) -> set[tuple[str, str]]:
    """(resource, check) in the service module, whichever blueprint and instance: its code is the same in all
    of them, while checkov judges it only where it can evaluate the inputs."""
    return {(re.sub(r'\["[^"]*"\]', "", f.resource), f.check) for f in findings
            if f.file.endswith(SERVICE_MODULE)}


def test_every_terraform_skip_is_needed(outputs, terraform, tmp_path):
    bare = run_checkov(without_skips(outputs, tmp_path / "bare"), "terraform")
    module_skips = {f for f in terraform.skipped if f.file.endswith(SERVICE_MODULE)}
    assert pairs(set(terraform.skipped) - module_skips) <= pairs(bare.failed)
    assert module_skips
    assert shared_module(module_skips) <= shared_module(bare.failed)


@pytest.mark.parametrize("name", sorted(PLANS))
def test_cloudformation_fails_no_check(name, cloudformation):
    assert cloudformation.parsing_errors == ()
    assert of(cloudformation.failed, name) == []


@pytest.mark.parametrize("name", sorted(PLANS))
def test_cloudformation_skips_carry_their_reason(name, cloudformation):
    assert all(s.reasoned for s in cloudformation.skipped)


def test_every_cloudformation_skip_is_needed(outputs, cloudformation, tmp_path):
    bare = run_checkov(without_skips(outputs, tmp_path / "bare"), "cloudformation")
    assert pairs(cloudformation.skipped) <= pairs(bare.failed)


# ---------------------------------------------------------------------------------------------- no checkov needed


def test_missing_checkov_names_the_make_target(monkeypatch, tmp_path):
    monkeypatch.setenv(ENV_VARIABLE, str(tmp_path / "nowhere" / "checkov"))
    with pytest.raises(CheckovUnavailable, match=f"make {MAKE_TARGET}"):
        run_checkov(tmp_path, "terraform")


def test_unknown_framework_is_refused(tmp_path):
    with pytest.raises(ValueError, match="terraform, cloudformation"):
        run_checkov(tmp_path, "kubernetes")


def test_report_reads_failed_and_skipped_checks(tmp_path):
    failed = {"check_id": "CKV_AWS_91", "check_name": "ELB access logging", "resource": "aws_lb.alb",
              "file_path": "/x/terraform/modules/edge/main.tf", "file_line_range": [3, 20],
              "check_result": {"result": "FAILED"}}
    skipped = {**failed, "check_id": "CKV_AWS_157", "check_result": {"result": "SKIPPED", "suppress_comment": "why"}}
    report = {"check_type": "terraform", "summary": {"passed": 7, "checkov_version": "3.3.30"},
              "results": {"failed_checks": [failed], "skipped_checks": [skipped], "parsing_errors": []}}
    for output in (report, [report, {**report, "check_type": "secrets"}]):
        parsed = parse_report(json.dumps(output), "terraform", tmp_path)
        assert (parsed.passed, parsed.version) == (7, "3.3.30")
        assert [(f.check, f.lines, f.reason) for f in parsed.failed] == [("CKV_AWS_91", (3, 20), "")]
        assert [(s.check, s.reasoned) for s in parsed.skipped] == [("CKV_AWS_157", True)]
        assert not parsed.clean
    nothing = {"passed": 0, "failed": 0, "skipped": 0, "parsing_errors": 0, "resource_count": 0,
               "checkov_version": "3.3.30"}
    assert parse_report(json.dumps(nothing), "terraform", tmp_path).clean


def test_skips_follow_the_spec_choices():
    glimpse, tiketi = PLANS["glimpse"](), PLANS["tiketi"]()
    single_az, multi_az = glimpse.databases[0], tiketi.databases[0]
    found = skips(glimpse, "aws_db_instance", single_az)
    assert "CKV_AWS_157" in {s.check for s in found}
    assert "CKV_AWS_157" not in {s.check for s in skips(tiketi, "AWS::RDS::DBInstance", multi_az)}
    assert "CKV_AWS_157" in {s.check for s in skips(tiketi, "aws_db_instance", ReadReplica(multi_az, 1))}
    comment = next(c for c in terraform_comments(found) if c.startswith("checkov:skip=CKV_AWS_157:"))
    assert "db.multi_az: false" in comment
    metadata = cloudformation_metadata(skips(glimpse, "AWS::RDS::DBInstance", single_az))
    assert {"id": "CKV_AWS_157", "comment": "Single-AZ chosen in the spec (db.multi_az: false) for cost"} \
        in metadata["checkov"]["skip"]
    assert cloudformation_metadata(skips(tiketi, "AWS::EC2::VPC", tiketi.network)) is None
    assert isinstance(single_az, Database)
