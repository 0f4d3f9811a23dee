"""examples/three-environments.yaml (prod, staging, dev) through every command: cost, size, check, optimize,
roadmap, plan en/ko, deploy/destroy on the local emulator and the import round trip; no traceback anywhere."""

import logging
import warnings
from pathlib import Path

import boto3
import pytest
from typer.testing import CliRunner

from stackwright.cli import app
from stackwright.deploy import deploy, destroy
from stackwright.deploy.aws import reset_moto
from stackwright.importer import import_path, price_import, render_import
from stackwright.plan import build_plan
from stackwright.render.cloudformation import write_cloudformation
from stackwright.render.terraform import write_terraform
from stackwright.render.usage_file import FILE_NAME, write_usage_files
from stackwright.spec import environments
from stackwright.spec.loader import load
from stackwright.spec_bill import price

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "three-environments.yaml"
ENVIRONMENTS = ("prod", "staging", "dev")
CENT = 0.01
runner = CliRunner()


@pytest.mark.parametrize("command", [
    ["cost"], ["cost", "--format", "markdown"], ["cost", "--format", "csv"], ["cost", "-e", "staging"],
    ["size"], ["size", "-e", "dev", "--format", "yaml"], ["check"], ["check", "-e", "dev"],
    ["optimize"], ["optimize", "-e", "staging", "--format", "json"], ["roadmap"], ["roadmap", "-e", "dev"],
    ["validate"],
])
def test_every_command_runs_without_a_traceback(command):
    result = runner.invoke(app, [command[0], str(EXAMPLE), *command[1:]])
    assert result.exit_code == 0, result.output
    assert result.exception is None and "Traceback" not in result.output


def test_the_csv_names_each_line_s_environment():
    rows = runner.invoke(app, ["cost", str(EXAMPLE), "--format", "csv"]).stdout.splitlines()
    assert rows[0].startswith("environment,resource,")
    assert {row.split(",")[0] for row in rows[1:]} == set(ENVIRONMENTS)


def test_cost_out_writes_a_report_per_environment(tmp_path):
    result = runner.invoke(app, ["cost", str(EXAMPLE), "--out", str(tmp_path / "bills")])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "bills").iterdir())
    assert {"three-environments.json", "three-environments.staging.json", "three-environments.dev.json",
            "three-environments.environments.md", "summary.md"} <= set(names)


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_import_of_each_environment_s_code_prices_what_cost_prices(env, tmp_path):
    loaded = environments.pick(load(EXAMPLE), env)
    bill = price(loaded.spec, loaded)
    plan = build_plan(loaded.spec, loaded)
    write_terraform(plan, tmp_path)
    write_cloudformation(plan, tmp_path)
    write_usage_files(loaded.spec, plan, tmp_path)
    # the running system's image tag (parameters.json gives the template's; empty, the default, runs no tasks)
    running = {"image_tag": next(p.example for p in plan.parameters if p.kind == "image_tag")}
    for code, usage in ((tmp_path / "terraform", tmp_path / "terraform" / FILE_NAME),
                        (tmp_path / "cloudformation" / "template.yaml", tmp_path / "cloudformation" / FILE_NAME)):
        result = import_path(code, usage_file=usage, variables=running if code.name == "terraform" else None)
        imported = price_import(result)
        assert result.unsupported == [] and imported.unknown == []
        assert abs(imported.total - bill.total) < CENT, (env, code.name, bill.total, imported.total)
    spec_text = render_import(*(lambda r: (r, price_import(r)))(
        import_path(tmp_path / "terraform", usage_file=tmp_path / "terraform" / FILE_NAME, variables=running)), "spec")
    (tmp_path / "imported.yaml").write_text(spec_text, encoding="utf-8")
    again = load(tmp_path / "imported.yaml")
    assert abs(price(again.spec, again).total - bill.total) < CENT


@pytest.fixture
def moto_url(monkeypatch, tmp_path):
    """A moto server of this test's own on 127.0.0.1, with fake credentials and AWS's managed policies."""
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_DEFAULT_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing"),
                        ("AWS_CONFIG_FILE", str(tmp_path / "no-config")),
                        ("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials")),
                        ("AWS_EC2_METADATA_DISABLED", "true"), ("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")):
        monkeypatch.setenv(name, value)
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


def test_prod_and_dev_deploy_side_by_side_and_destroy_clean(moto_url):
    loaded = load(EXAMPLE)
    prod, dev = environments.pick(loaded, "prod"), environments.pick(loaded, "dev")
    reports = [deploy(one.spec, "local", endpoint_url=moto_url) for one in (prod, dev)]
    for report in reports:
        assert report.failure is None
        assert not [r for r in report.resources if r.status == "verify-failed"], report.resources
    assert {r.stack_name for r in reports} == {"stackwright-shop", "stackwright-shop-dev"}
    iam = boto3.client("iam", region_name="ap-northeast-2", endpoint_url=moto_url)
    roles = {r["RoleName"] for r in iam.list_roles()["Roles"]}
    assert {"shop-github-deploy", "shop-dev-github-deploy"} <= roles
    assert len(iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]) == 1  # prod's, shared
    for one in (dev, prod):
        assert destroy(one.spec, "local", endpoint_url=moto_url).clean
    assert iam.list_open_id_connect_providers()["OpenIDConnectProviderList"] == []
