"""The serverless kinds (lambda_function, api_gateway, dynamodb_table, cognito_user_pool) end to end: the
bundled example and a fixture with every option are priced through the resource cost modules, planned into
CloudFormation (cfn-lint clean, checkov clean with reasons) and Terraform (0 errors against the provider
schema), match their golden files, import back to the same bill from either format, and go through every
command without a traceback. References between components are checked with located errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from stackwright.cli import app
from stackwright.errors import UserError
from stackwright.importer import import_path, price_import, render_import
from stackwright.optimize.availability import composite
from stackwright.plan import build_plan
from stackwright.render.cloudformation import render_template, write_cloudformation
from stackwright.render.cost_report import to_json
from stackwright.render.terraform import render_files, write_terraform
from stackwright.render.usage_file import write_usage_files
from stackwright.spec.loader import load
from stackwright.spec.model import Spec
from stackwright.spec_bill import price

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "serverless-api.yaml"
VARIANTS = Path(__file__).parent / "fixtures" / "serverless" / "variants.yaml"
SPECS = {"serverless-api": EXAMPLE, "variants": VARIANTS, "vpc-database": VARIANTS.with_name("vpc-database.yaml"),
         "vpc-link": VARIANTS.with_name("vpc-link.yaml")}
GOLDEN = Path(__file__).parent / "golden"
SHARED = ROOT.parent / "shared"
CHECKER = SHARED / "tools" / "tf_schema_check.py"
SCHEMAS = sorted((SHARED / "tf-schema").glob("*.schema.json"))
CENT = 0.01


def _bill(path: Path):
    loaded = load(path)
    return price(loaded.spec, loaded)


def _lines(bill) -> dict[tuple[str, str], float]:
    return {(i.resource, i.component): i.monthly_usd for i in bill.items}


def _golden(path: Path, text: str, update: bool) -> None:
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not update:
            pytest.fail(f"wrote missing golden file {path.name}; check it and commit it")
    assert text == path.read_text(encoding="utf-8"), "changed; if intended, run pytest --update-golden"


# ---------------------------------------------------------------------------------------------- golden


def test_example_bill_matches_golden(update_golden):
    _golden(GOLDEN / "serverless-api.json", to_json(_bill(EXAMPLE)), update_golden)


def test_example_cloudformation_matches_golden(update_golden):
    _golden(GOLDEN / "cloudformation" / "serverless-api.yaml", render_template(build_plan(load(EXAMPLE).spec)),
            update_golden)


def test_example_terraform_matches_golden(update_golden):
    files = render_files(build_plan(load(EXAMPLE).spec))
    directory = GOLDEN / "terraform" / "serverless-api"
    for path, text in files.items():
        _golden(directory / path, text, update_golden)
    assert sorted(str(p.relative_to(directory)) for p in directory.rglob("*.tf")) == sorted(files)


# ---------------------------------------------------------------------------------------------- pricing


def test_every_line_is_priced_with_an_assumption_for_usage():
    for path in SPECS.values():
        bill = _bill(path)
        assert bill.unknown == []
        for item in bill.items:
            assert item.monthly_usd >= 0
            if item.usage_based:
                assert item.assumption, item


def test_lines_follow_the_spec_choices():
    lines = _lines(_bill(VARIANTS))
    assert ("fn", "Provisioned concurrency (x86)") in lines  # provisioned_concurrency: 2, x86_64
    assert ("fn", "Ephemeral storage above 512 MB") in lines
    assert ("chat", "Duration (arm, GB-seconds)") in lines
    assert ("users", "Monthly active users (Plus)") in lines  # advanced_security: true
    assert ("orders", "Read capacity units") in lines and ("orders", "Stream read request units") in lines
    assert ("rest", "REST API requests") in lines and ("edge", "HTTP API requests") in lines
    assert ("ws", "WebSocket connection minutes") in lines
    example = _lines(_bill(EXAMPLE))
    assert ("notes", "Read request units") in example and ("notes", "Read capacity units") not in example
    assert ("users", "Monthly active users (Essentials)") in example


def test_traffic_share_and_stated_usage_set_the_quantities():
    bill = _bill(VARIANTS)
    quantity = {(i.resource, i.component): i.quantity for i in bill.items}
    assert quantity[("chat", "Requests")] == pytest.approx(0.1)  # requests_per_month: 100,000 (per 1M)
    assert quantity[("fn", "Requests")] == pytest.approx(0.3 * quantity[("edge", "HTTP API requests")])


def test_the_first_ten_thousand_essentials_users_are_free():
    bill = _bill(EXAMPLE)
    users = next(i for i in bill.items if i.resource == "users")
    assert users.monthly_usd == pytest.approx(5_000 * 0.015)  # 15,000 MAU, 10,000 free


def test_bill_lines_name_the_planned_resources():
    bill = _bill(EXAMPLE)
    addresses = {i.address for i in bill.items if i.resource in ("api", "gateway", "notes", "users")}
    assert addresses == {"module.serverless.aws_lambda_function.api", "module.serverless.aws_apigatewayv2_api.gateway",
                         "module.serverless.aws_dynamodb_table.notes", "module.serverless.aws_cognito_user_pool.users"}


# ---------------------------------------------------------------------------------------------- validation


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    root = tmp_path_factory.mktemp("serverless")
    for name, path in SPECS.items():
        spec = load(path).spec
        plan = build_plan(spec)
        write_terraform(plan, root / name)
        write_cloudformation(plan, root / name)
        write_usage_files(spec, plan, root / name)
    return root


@pytest.mark.parametrize("name", SPECS)
def test_cloudformation_is_cfn_lint_clean(generated, name):
    from cfnlint.api import lint
    from cfnlint.config import ManualArgs

    text = (generated / name / "cloudformation" / "template.yaml").read_text(encoding="utf-8")
    assert [str(m) for m in lint(text, config=ManualArgs(regions=[load(SPECS[name]).spec.region]))] == []


@pytest.mark.skipif(not CHECKER.exists() or not SCHEMAS, reason=f"the schema checker is not in {SHARED}")
def test_terraform_has_no_schema_errors(generated):
    schemas = [argument for schema in SCHEMAS for argument in ("--schema", str(schema))]
    result = subprocess.run([sys.executable, str(CHECKER), "check", *schemas,
                             *(str(generated / name / "terraform") for name in SPECS)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and result.stdout.strip().splitlines()[-1].startswith("0 errors"), result.stdout


def test_the_functions_ship_a_placeholder_package(generated):
    package = generated / "serverless-api" / "terraform" / "modules" / "serverless" / "code" / "api.zip"
    assert package.read_bytes()[:2] == b"PK"
    main = (generated / "serverless-api" / "terraform" / "modules" / "serverless" / "main.tf").read_text()
    assert '"${path.module}/code/api.zip"' in main


@pytest.mark.parametrize("framework", ["cloudformation", "terraform"])
def test_checkov_finds_nothing_unexplained(generated, framework):
    from stackwright.validate.checkov import CheckovUnavailable, checkov_executable, run_checkov

    try:
        checkov_executable()
    except CheckovUnavailable as error:
        pytest.skip(str(error))
    report = run_checkov(generated, framework)
    assert report.clean, [f"{f.check} {f.resource}" for f in report.failed]
    assert report.skipped  # the serverless skips were read, each with its reason


# ---------------------------------------------------------------------------------------------- import


@pytest.mark.parametrize("format", ["terraform", "cloudformation"])
@pytest.mark.parametrize("name", SPECS)
def test_import_of_the_generated_code_prices_what_cost_prices(generated, name, format):
    bill = _bill(SPECS[name])
    source = generated / name / ("terraform" if format == "terraform" else "cloudformation/template.yaml")
    result = import_path(source, usage_file=generated / name / format / "usage.yml")
    imported = price_import(result)
    assert result.unsupported == [] and imported.unknown == []
    want, got = bill.by_service(), imported.by_service()
    assert {s for s in set(want) | set(got) if abs(want.get(s, 0) - got.get(s, 0)) >= CENT} == set()
    assert abs(imported.total - bill.total) < CENT


# ---------------------------------------------------------------------------------------------- references


@pytest.mark.parametrize("component, fields, message", [
    ("api", "{kind: api_gateway, integration: nowhere}", "'nowhere' is not a lambda_function, alb or (with vpc_link: true) nlb, or Cloud Map-registered fargate_service component"),
    ("api", "{kind: api_gateway, type: websocket, integration: fn, authorizer: pool}", "take no Cognito"),
    ("api", "{kind: api_gateway, integration: fn, authorizer: fn}", "'fn' is not a cognito_user_pool"),
    ("fn2", "{kind: lambda_function, tables: [pool]}", "'pool' is not a dynamodb_table"),
    ("api", "{kind: api_gateway, integration: fn, vpc_link: true}", "vpc_link: true is generated for an HTTP API"),
    ("api", "{kind: api_gateway, integration: lb4}", "not a lambda_function, alb or (with vpc_link: true) nlb"),
    ("api", "{kind: api_gateway, type: websocket, integration: lb4, vpc_link: true}", "not a lambda_function component"),
    ("api", "{kind: api_gateway, type: rest, integration: lb, vpc_link: true}\n  lb: {kind: alb}",
     "or a REST API (type: rest) whose integration is an nlb"),
])
def test_references_to_the_wrong_component_are_located_errors(write_spec, component, fields, message):
    path = write_spec(f"""name: refs
region: us-east-1
components:
  fn: {{kind: lambda_function}}
  pool: {{kind: cognito_user_pool}}
  {component}: {fields}
  web: {{kind: fargate_service, cpu: 0.5, memory_gb: 1, tasks: {{min: 1, desired: 1, max: 2}}}}
  lb4: {{kind: nlb, target: web}}
""")
    loaded = load(path)
    with pytest.raises(UserError) as error:
        build_plan(loaded.spec, loaded)
    assert message in str(error.value) and ":6:" in str(error.value)


def test_a_function_in_the_vpc_reaches_the_database_and_nothing_else_does():
    plan = build_plan(load(SPECS["vpc-database"]).spec)
    (fn,) = plan.functions
    assert fn.subnets == tuple(s.id for s in plan.network.subnets_in("app"))
    db = plan.security_group(plan.databases[0].security_group)
    assert [(r.from_port, r.group) for r in db.ingress] == [(5432, fn.security_group)]
    assert (5432, db.id) in [(r.from_port, r.group) for r in plan.security_group(fn.security_group).egress]


def test_request_path_availability_counts_functions_apis_and_tables_not_the_user_pool():
    parts = {p.component: p.percent for p in composite(load(EXAMPLE).spec).parts}
    assert parts == {"api": 99.95, "gateway": 99.95, "notes": 99.99}


# ---------------------------------------------------------------------------------------------- commands


@pytest.mark.parametrize("command", [["cost"], ["size"], ["check"], ["optimize"], ["roadmap"], ["validate"]])
def test_every_command_runs_on_the_example(command):
    result = CliRunner().invoke(app, [*command, str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_plan_writes_everything_for_the_example(tmp_path, lang):
    result = CliRunner().invoke(app, ["plan", str(EXAMPLE), "--out", str(tmp_path), "--lang", lang])
    assert result.exit_code == 0, result.output
    design = (tmp_path / "design.md").read_text(encoding="utf-8")
    assert ("Cognito 사용자 풀" if lang == "ko" else "Cognito user pool") in design
    assert (tmp_path / "diagram.svg").exists() and (tmp_path / "report.html").exists()


@pytest.mark.parametrize("format", ["terraform", "cloudformation"])
def test_the_imported_spec_holds_the_serverless_kinds_and_prices_the_same(generated, tmp_path, format):
    source = generated / "serverless-api" / ("terraform" if format == "terraform" else "cloudformation/template.yaml")
    result = import_path(source, usage_file=generated / "serverless-api" / format / "usage.yml")
    # every resource became a spec component (priced, as the spec's own bill is, by its planned resources)
    assert {r.type for r, _ in result.records} <= {"aws_lambda_function", "aws_apigatewayv2_api", "aws_dynamodb_table",
                                                "aws_cognito_user_pool", "aws_apigatewayv2_stage",
                                                "aws_cloudwatch_log_group"}
    kinds = {c.kind for c in result.spec.components.values()}
    assert {"lambda_function", "api_gateway", "dynamodb_table", "cognito_user_pool"} <= kinds
    api = next(c for c in result.spec.components.values() if c.kind == "api_gateway")
    assert result.spec.components[api.integration].kind == "lambda_function"
    assert result.spec.components[api.authorizer].kind == "cognito_user_pool"
    path = tmp_path / "imported.yaml"
    path.write_text(render_import(result, price_import(result), "spec"), encoding="utf-8")
    loaded = load(path)
    build_plan(loaded.spec, loaded)  # its references resolve
    assert abs(price(loaded.spec, loaded).total - _bill(EXAMPLE).total) < CENT


# ---------------------------------------------------------------------------------------------- local deploy


def _serverless_left(url: str, region: str) -> dict[str, list]:
    import boto3

    def c(service):
        return boto3.client(service, region_name=region, endpoint_url=url)

    found = {"functions": [f["FunctionName"] for f in c("lambda").list_functions()["Functions"]],
             "tables": c("dynamodb").list_tables()["TableNames"],
             "user pools": [p["Id"] for p in c("cognito-idp").list_user_pools(MaxResults=60)["UserPools"]],
             "apis": [a["ApiId"] for a in c("apigatewayv2").get_apis()["Items"]]
                     + [a["id"] for a in c("apigateway").get_rest_apis()["items"]],
             "roles": [r["RoleName"] for r in c("iam").list_roles()["Roles"]]}
    return {what: items for what, items in found.items() if items}


@pytest.mark.parametrize("path", [EXAMPLE, VARIANTS.with_name("rest.yaml")], ids=["http", "rest"])
def test_local_deploy_makes_and_verifies_every_resource_and_destroy_removes_them(monkeypatch, tmp_path, path):
    """Against a moto server of its own on 127.0.0.1, with fake credentials."""
    import logging
    import warnings

    from moto.server import ThreadedMotoServer

    from stackwright.deploy import deploy, destroy
    from stackwright.deploy.aws import reset_moto
    from stackwright.deploy.report import VERIFIED

    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_DEFAULT_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing"),
                        ("AWS_CONFIG_FILE", str(tmp_path / "none")), ("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none")),
                        ("AWS_EC2_METADATA_DISABLED", "true"), ("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")):
        monkeypatch.setenv(name, value)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
    try:
        host, port = server.get_host_and_port()
        url = f"http://{host}:{port}"
        reset_moto(url)
        spec = load(path).spec
        report = deploy(spec, "local", endpoint_url=url)
        assert report.result == "created" and report.failure is None
        assert all(o.status in VERIFIED for o in report.resources), [o for o in report.resources
                                                                     if o.status not in VERIFIED]
        assert report.complete
        assert {"functions", "user pools", "apis", "roles"} <= set(_serverless_left(url, spec.region))
        gone = destroy(spec, "local", endpoint_url=url)
        assert gone.clean
        assert _serverless_left(url, spec.region) == {}
    finally:
        server.stop()


# ---------------------------------------------------------------------------------------------- properties


def _function_bill(memory: int, requests: float, arch: str) -> float:
    spec = Spec.model_validate({"name": "prop", "region": "us-east-1", "components": {"fn": {
        "kind": "lambda_function", "memory_mb": memory, "requests_per_month": requests, "architecture": arch}}})
    return sum(i.monthly_usd for i in price(spec).items if i.resource == "fn")


@settings(max_examples=25, deadline=None)
@given(st.integers(128, 10_240), st.floats(1e4, 1e9), st.sampled_from(["arm64", "x86_64"]))
def test_a_function_costs_more_with_more_requests_and_arm_costs_less(memory, requests, arch):
    once = _function_bill(memory, requests, arch)
    assert 0 < once <= _function_bill(memory, requests * 2, arch)
    assert _function_bill(memory, requests, "arm64") < _function_bill(memory, requests, "x86_64")


def test_a_vpc_link_reaches_the_load_balancer_privately_and_costs_nothing_of_its_own():
    spec = load(SPECS["vpc-link"]).spec
    plan = build_plan(spec)
    api = next(a for a in plan.apis if a.component == "api")
    assert api.listener == "lb-https-listener" and api.vpc_link_subnets == ("subnet-app-a", "subnet-app-b")
    (group,) = [g for g in plan.security_groups if g.id == api.vpc_link_security_group]
    assert [(r.from_port, r.group) for r in group.egress] == [(443, "lb-security-group")] and not group.ingress
    resources = yaml.safe_load(render_template(plan))["Resources"]
    integration = resources["ApiIntegration"]["Properties"]
    assert integration["ConnectionType"] == "VPC_LINK" and integration["ConnectionId"] == {"Ref": "ApiVpcLink"}
    assert integration["IntegrationUri"] == {"Ref": "LbHttpsListener"}
    assert integration["TlsConfig"]["ServerNameToVerify"] == {"Fn::Sub": "api.${DomainName}"}
    main = render_files(plan)["modules/serverless/main.tf"]
    assert 'resource "aws_apigatewayv2_vpc_link" "api"' in main and "integration_uri        = var.lb_https_listener_arn" in main
    # the same API over the internet bills the same: an HTTP API's VPC link has no charge of its own
    public = spec.model_copy(update={"components": {**spec.components, "api": spec.components["api"].model_copy(
        update={"vpc_link": False})}})
    assert price(spec).total == price(public).total
    assert not [i for i in price(spec).items if "vpc" in i.component.lower() and i.resource == "api"]
    # an internal NLB's TCP listener: the link's group reaches its port; plain HTTP, so no TLS to verify
    internal = next(a for a in plan.apis if a.component == "internal-api")
    assert internal.listener == "internal-lb-listener-8080-tcp" and not internal.verify_tls
    (group,) = [g for g in plan.security_groups if g.id == internal.vpc_link_security_group]
    assert [(r.from_port, r.group) for r in group.egress] == [(8080, "internal-lb-security-group")]
    private = resources["InternalApiIntegration"]["Properties"]
    assert private["IntegrationUri"] == {"Ref": "InternalLbListener8080Tcp"} and "TlsConfig" not in private


def test_a_rest_api_reaches_an_nlb_through_a_rest_vpc_link():
    plan = build_plan(load(SPECS["vpc-link"]).spec)
    rest = next(a for a in plan.apis if a.component == "rest-api")
    # PrivateLink to the NLB itself: no subnets or security group of the link's own
    assert (rest.listener, rest.listener_port, rest.verify_tls) == ("internal-lb-listener-8080-tcp", 8080, False)
    assert not rest.vpc_link_subnets and rest.vpc_link_security_group is None
    resources = yaml.safe_load(render_template(plan))["Resources"]
    assert resources["RestApiVpcLink"]["Type"] == "AWS::ApiGateway::VpcLink"
    assert resources["RestApiVpcLink"]["Properties"]["TargetArns"] == [{"Ref": "InternalLb"}]
    for method, path in (("RestApiMethodAny", "/{proxy}"), ("RestApiMethodRoot", "/")):
        integration = resources[method]["Properties"]["Integration"]
        assert integration["ConnectionType"] == "VPC_LINK" and integration["ConnectionId"] == {"Ref": "RestApiVpcLink"}
        assert integration["Uri"] == {"Fn::Sub": f"http://${{InternalLb.DNSName}}:8080{path}"}
    # the NLB leaves PrivateLink traffic to the VPC link; the public ALB keeps its group's rules
    assert resources["InternalLb"]["Properties"]["EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic"] == "off"
    assert "EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic" not in resources["Lb"]["Properties"]
    files = render_files(plan)
    main = files["modules/serverless/main.tf"]
    assert 'resource "aws_api_gateway_vpc_link" "rest_api"' in main and "target_arns = [var.internal_lb_arn]" in main
    assert main.count("connection_id           = aws_api_gateway_vpc_link.rest_api.id") == 2
    assert 'enforce_security_group_inbound_rules_on_private_link_traffic = "off"' in files["modules/edge/main.tf"]


def test_a_rest_vpc_link_to_a_tls_listener_verifies_api_domain(write_spec):
    path = write_spec("""name: rest-tls
region: us-east-1
components:
  web: {kind: fargate_service, cpu: 0.5, memory_gb: 1, tasks: {min: 1, desired: 1, max: 2}, port: 8080}
  lb: {kind: nlb, target: web, internal: true}
  api: {kind: api_gateway, type: rest, integration: lb, vpc_link: true}
  dns: {kind: route53}
""")
    plan = build_plan(load(path).spec)
    resources = yaml.safe_load(render_template(plan))["Resources"]
    integration = resources["ApiMethodAny"]["Properties"]["Integration"]
    # API Gateway checks the listener's certificate against the host it calls: api.<domain>, on the TLS port
    assert integration["Uri"] == {"Fn::Sub": "https://api.${DomainName}:443/{proxy}"}


def test_an_http_api_reaches_a_cloud_map_service_through_its_vpc_link():
    plan = build_plan(load(SPECS["vpc-link"]).spec)
    api = next(a for a in plan.apis if a.component == "map-api")
    assert (api.target_kind, api.listener, api.verify_tls) == ("cloud_map", "discovery-web", False)
    groups = {g.id: g for g in plan.security_groups}
    # the link's group reaches only web's tasks on their port, and web's group admits it there
    assert [(r.from_port, r.group) for r in groups[api.vpc_link_security_group].egress] == [(8080, "web-security-group")]
    assert (8080, api.vpc_link_security_group) in [(r.from_port, r.group) for r in groups["web-security-group"].ingress]
    resources = yaml.safe_load(render_template(plan))["Resources"]
    integration = resources["MapApiIntegration"]["Properties"]
    assert integration["IntegrationUri"] == {"Fn::GetAtt": ["DiscoveryWeb", "Arn"]}
    assert integration["ConnectionType"] == "VPC_LINK" and "TlsConfig" not in integration
    # API Gateway needs each instance's port: SRV records beside A, and ECS registers the container port
    records = resources["DiscoveryWeb"]["Properties"]["DnsConfig"]["DnsRecords"]
    assert [r["Type"] for r in records] == ["A", "SRV"]
    assert resources["Web"]["Properties"]["ServiceRegistries"] == [
        {"RegistryArn": {"Fn::GetAtt": ["DiscoveryWeb", "Arn"]}, "ContainerName": "web", "ContainerPort": 8080}]
    main = render_files(plan)["modules/serverless/main.tf"]
    assert 'integration_uri        = var.discovery_arns["web"]' in main
