"""Bad input: a located message saying what is wrong and how to fix it, exit code 2, no traceback."""

import re

import pytest
from typer.testing import CliRunner

from stackwright.cli import app

GOOD = """\
name: shop
region: ap-northeast-2
components:
  api:
    kind: ec2_asg
    instance_type: t3.small
    instances: {min: 2, desired: 2, max: 4}
  db:
    kind: rds
    engine: mysql
    instance_class: db.t4g.medium
"""


def run(*args):
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stderr, result.stdout


def test_good_spec_validates(write_spec):
    code, err, out = run("validate", str(write_spec(GOOD)))
    assert code == 0, err
    assert "ok" in out


@pytest.mark.parametrize(
    "text, line, column, says",
    [
        # malformed YAML: a tab-free but broken mapping
        (GOOD.replace("  db:\n", "  db:\n   - oops\n"), 10, 9, "malformed YAML"),
        # a field that does not exist
        (GOOD.replace("    engine: mysql\n", "    engine: mysql\n    engin: mysql\n"), 11, 5, "unknown field 'engin'"),
        # wrong type
        (GOOD.replace("desired: 2", "desired: two"), 7, 34, "'desired': input should be a valid integer"),
        # neither auto nor a mapping
        (GOOD.replace("{min: 2, desired: 2, max: 4}", "autoo"), 7, 16, "'instances' must be auto or a mapping"),
        # unknown kind
        (GOOD.replace("kind: ec2_asg", "kind: lambda"), 5, 11, "unknown kind 'lambda'"),
        # value out of its allowed set
        (GOOD.replace("engine: mysql", "engine: oracle"), 10, 13, "'engine' is 'oracle'"),
        # unknown instance type: located on the field, with a suggestion
        (GOOD.replace("t3.small", "t3.smal"), 6, 20, "did you mean t3.small"),
        # unknown DB class
        (GOOD.replace("db.t4g.medium", "db.t9.huge"), 11, 21, "no price for SKU 'rds/mysql/single-az/db.t9.huge'"),
        # unknown region
        (GOOD.replace("ap-northeast-2", "ap-northeast-9"), 2, 9, "unknown region 'ap-northeast-9'"),
        # the same key twice
        (GOOD.replace("name: shop\n", "name: shop\nname: shop2\n"), 2, 1, "given twice"),
        # an inconsistent count range
        (GOOD.replace("{min: 2, desired: 2, max: 4}", "{min: 3, desired: 2, max: 4}"), 7, 16, "min <= desired <= max"),
    ],
)
def test_bad_input_is_located(write_spec, text, line, column, says):
    path = write_spec(text)
    for command in ("validate", "cost"):
        code, err, _ = run(command, str(path))
        assert code == 2, err
        assert "Traceback" not in err
        assert f"{path}:{line}:{column}: " in err, err
        assert says in err, err


def test_fargate_size_must_exist(write_spec):
    text = GOOD.replace(
        "  db:\n", "  web:\n    kind: fargate_service\n    cpu: 0.25\n    memory_gb: 4\n  db:\n"
    )
    code, err, _ = run("validate", str(write_spec(text)))
    assert code == 2
    assert re.search(r":11:16: memory_gb 4 is not allowed with cpu 0.25; use one of 0.5, 1, 2", err), err


def test_missing_file_and_empty_file(write_spec, tmp_path):
    code, err, _ = run("cost", str(tmp_path / "nope.yaml"))
    assert code == 2 and "nope.yaml:1:1: no such file" in err
    code, err, _ = run("cost", str(write_spec("")))
    assert code == 2 and "the file is empty" in err


def test_missing_price_names_resource_and_sku(write_spec):
    """A price family a region lacks entirely is an error naming the resource and the SKU, never $0."""
    text = GOOD + "  site:\n    kind: s3\n  cdn:\n    kind: cloudfront\n    geo: atlantis\n"  # s3: its origin
    code, err, _ = run("cost", str(write_spec(text)))
    assert code == 2
    assert "cdn: no price for SKU 'cloudfront/data-out/atlantis'" in err
    code, _, out = run("cost", str(write_spec(text)), "--allow-missing", "--format", "json")
    assert code == 0
    assert '"sku": "cloudfront/data-out/atlantis"' in out


def test_fargate_spot_is_x86_only(write_spec):
    text = GOOD.replace(
        "  db:\n",
        "  web:\n    kind: fargate_service\n    cpu: 0.25\n    memory_gb: 0.5\n    arch: arm\n"
        "    capacity_providers:\n      - {provider: FARGATE_SPOT, weight: 1}\n  db:\n",
    )
    code, err, _ = run("validate", str(write_spec(text)))
    assert code == 2
    assert ":14:7: Fargate Spot runs only x86 Linux tasks" in err, err
