"""The generated Terraform of every blueprint, example and the spec with every operations kind (KMS keys,
X-Ray, CloudTrail, Flow Logs, GuardDuty, AWS Backup, Parameter Store, Cloud Map, NLB) checked against the
AWS provider's schema, offline, by
`../shared/tools/tf_schema_check.py` (a stand-in for `terraform validate`): every resource type,
argument, block and nesting, every reference and every module call. 0 errors."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from stackwright.plan import build_plan
from stackwright.render.terraform import write_terraform
from stackwright.spec.loader import load
from stackwright.spec.model import Spec

from conftest import BLUEPRINTS, EXAMPLES, ROOT
from test_cloudformation import OPERATIONS

SHARED = ROOT.parent / "shared"
CHECKER = SHARED / "tools" / "tf_schema_check.py"
SCHEMAS = sorted((SHARED / "tf-schema").glob("*.schema.json"))

pytestmark = pytest.mark.skipif(not CHECKER.exists() or not SCHEMAS,
                                reason=f"the schema checker and schema are not in {SHARED}")


def test_every_blueprint_has_no_schema_errors(tmp_path):
    folders = []
    for blueprint in BLUEPRINTS + EXAMPLES:
        write_terraform(build_plan(load(blueprint).spec), tmp_path / blueprint.stem)
        folders.append(str(tmp_path / blueprint.stem / "terraform"))
    write_terraform(build_plan(Spec.model_validate(yaml.safe_load(OPERATIONS))), tmp_path / "operations")
    folders.append(str(tmp_path / "operations" / "terraform"))
    schema_arguments = [argument for schema in SCHEMAS for argument in ("--schema", str(schema))]
    result = subprocess.run([sys.executable, str(CHECKER), "check", *schema_arguments, *folders],
                            capture_output=True, text=True, timeout=300)
    summary = result.stdout.strip().splitlines()[-1]
    assert result.returncode == 0, result.stdout
    assert summary.startswith("0 errors"), summary
    modules = int(summary.split("(")[1].split()[0])
    assert modules >= 2 * (len(BLUEPRINTS + EXAMPLES) + 1), summary  # the root and child modules were all read
