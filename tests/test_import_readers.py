"""The importer's readers on real-world inputs: Terraform plan JSON, registry modules after
`terraform init`, offline data sources, variables from every place Terraform takes them,
CloudFormation parameters, nested stacks and SAM. Each fixture has a golden bill
(`pytest --update-golden`): per resource, its monthly cost, and what is free or not priced."""

import json
from pathlib import Path

import pytest

from stackwright.importer import import_path, price_import

IAC = Path(__file__).parent / "fixtures" / "iac"
GOLDEN = Path(__file__).parent / "golden" / "import"


def bill_summary(result, bill) -> dict:
    return {
        "region": result.spec.region,
        "total_monthly_usd": bill.total,
        "by_resource": {name: round(cost, 2) for name, cost in sorted(bill.by_resource().items())},
        "priced_as": dict(sorted(result.priced_as.items())),
        "free": sorted(f.address for f in result.free),
        "unsupported": sorted(f"{u.address}: {u.reason}".replace(str(IAC), "<fixtures>") for u in result.unsupported),
    }


def check_golden(name: str, summary: dict, update_golden: bool) -> None:
    path = GOLDEN / f"{name}.json"
    text = json.dumps(summary, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    if update_golden or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"wrote missing golden bill {path.name}; check it and commit it")
    assert text == path.read_text(encoding="utf-8"), f"{name} bill changed; if intended, run pytest --update-golden"


# --- Terraform plan JSON --------------------------------------------------------------------------

PLAN = IAC / "plan" / "plan.json"


def test_plan_json_prices_planned_values_with_module_addresses(update_golden):
    result = import_path(PLAN)
    assert result.format == "terraform"
    assert result.spec.region == "ap-northeast-2"  # from var.region via the provider configuration
    db = "module.db.module.db_instance.aws_db_instance.this[0]"
    assert result.priced_as[db] == "module.db.module.db_instance.aws_db_instance.this"
    assert 'module.cache["sessions"].aws_elasticache_replication_group.this' in result.priced_as
    # an attribute known only after apply still leads to what it refers to
    assert result.priced_as["aws_ecs_task_definition.app"] == "aws_ecs_service.app"
    assert result.priced_as["aws_eip.nat[0]"] == "aws_nat_gateway.main"
    assert "data.aws_availability_zones.available" not in result.priced_as  # data sources are not resources
    assert result.spec.azs == 2
    check_golden("plan-after", bill_summary(result, price_import(result)), update_golden)


def test_plan_json_before_side_holds_what_exists_before_apply(update_golden):
    result = import_path(PLAN, plan_side="before")
    assert "aws_instance.legacy" in result.priced_as  # deleted by the plan: exists before
    assert "aws_lb.web" not in result.priced_as  # created by the plan: not yet
    db = result.spec.components["module.db.module.db_instance.aws_db_instance.this"].model_dump(mode="json")
    assert "db.t4g.small" in json.dumps(db)
    check_golden("plan-before", bill_summary(result, price_import(result)), update_golden)


def test_a_json_file_that_is_not_a_plan_or_template_is_refused(tmp_path):
    from stackwright.errors import UserError

    path = tmp_path / "x.json"
    path.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(UserError, match="Terraform plan"):
        import_path(path)


def test_plan_json_with_a_newer_major_format_is_a_located_error(tmp_path):
    from stackwright.errors import UserError

    path = tmp_path / "plan.json"
    path.write_text('{"format_version": "2.0", "planned_values": {}}', encoding="utf-8")
    with pytest.raises(UserError, match="format_version 2.0"):
        import_path(path)


# --- Terraform variables and type conversion --------------------------------------------------------

VARIABLES = IAC / "variables"


def instance(result, name: str) -> dict:
    return result.spec.components[name].model_dump(mode="json")


def test_tfvars_auto_tfvars_optional_defaults_and_string_count(update_golden):
    result = import_path(VARIABLES, environ={})
    web = instance(result, "aws_instance.web")
    assert web["instance_type"] == "t3.medium"  # terraform.tfvars
    assert web["ebs"]["gb"] == 20  # optional(number, 20)
    assert instance(result, 'aws_instance.worker["queue"]')["instance_type"] == "t3.micro"  # optional default
    assert instance(result, 'aws_instance.worker["media"]')["instance_type"] == "c6g.large"  # workers.auto.tfvars
    assert {"aws_instance.batch[0]", "aws_instance.batch[1]"} <= set(result.priced_as)  # count = "2"
    assert not any(a.startswith("aws_elasticache_cluster") for a in result.priced_as)  # cache_enabled = false
    assert any(a.subject == "prod.tfvars" and "--var-file" in a.text for a in result.assumptions)
    check_golden("variables", bill_summary(result, price_import(result)), update_golden)


def test_var_file_var_and_tf_var_environment_in_terraform_order():
    result = import_path(VARIABLES, var_files=[VARIABLES / "prod.tfvars"],
                         variables={"web": '{ instance_type = "m6i.large", monitoring = "true" }'},
                         environ={"TF_VAR_cache_enabled": "true", "TF_VAR_web_count": "5"})
    # detailed monitoring ("true" converted) is beyond the ec2_instance kind: each instance is priced by the
    # aws_instance cost module
    web = [record.attrs for record, _ in result.records if record.address.startswith("aws_instance.web[")]
    assert len(web) == 3  # prod.tfvars "3" (a string, converted) wins over TF_VAR_web_count
    assert {attrs["type"] for attrs in web} == {"m6i.large"}  # -var wins over terraform.tfvars
    assert all(attrs["monitoring"] is True for attrs in web)
    assert "aws_elasticache_cluster.cache[0]" in result.priced_as  # TF_VAR_cache_enabled "true" → true


def test_a_value_that_does_not_convert_says_which_variable(tmp_path):
    (tmp_path / "main.tf").write_text('variable "n" {\n  type = number\n}\nresource "aws_instance" "a" {\n'
                                      '  count = var.n\n  instance_type = "t3.micro"\n}\n', encoding="utf-8")
    result = import_path(tmp_path, variables={"n": "many"}, environ={})
    reasons = " ".join(u.reason for u in result.unsupported)
    assert "var.n" in reasons and "many" in reasons


def test_cli_takes_var_and_var_file(tmp_path):
    from typer.testing import CliRunner

    from stackwright.cli import app

    out = CliRunner().invoke(app, ["import", str(VARIABLES), "-f", "json", "--var-file", str(VARIABLES / "prod.tfvars"),
                                   "--var", "cache_enabled=true"])
    assert out.exit_code == 0, out.stderr
    data = json.loads(out.stdout)
    assert any(i["resource"] == "aws_elasticache_cluster.cache[0]" for i in data["items"])
    bad = CliRunner().invoke(app, ["import", str(VARIABLES), "--var", "cache_enabled"])
    assert bad.exit_code == 2 and "KEY=VALUE" in bad.stderr


# --- CloudFormation parameters, conditions, case-insensitive enums -------------------------------------

CFN_PARAMETERS = IAC / "cfn_parameters"


def test_cloudformation_defaults_conditions_and_engine_case(update_golden):
    result = import_path(CFN_PARAMETERS / "template.yaml", region="ap-northeast-2")
    database = instance(result, "Database")
    assert database["engine"] == "mysql" and database["storage"]["type"] == "gp3"  # Engine: MySQL, GP3
    assert not database["multi_az"] and "Replica" not in result.priced_as  # IsProd false
    assert "CpuAlarm" not in result.priced_as and "DevDashboard" in result.priced_as  # And / Or / Not
    check_golden("cfn-parameters-default", bill_summary(result, price_import(result)), update_golden)


def test_cloudformation_parameters_file_and_overrides(update_golden):
    from stackwright.importer.cfn_parameters import load_parameters

    parameters = load_parameters(CFN_PARAMETERS / "prod-parameters.json", ["WebCount=4"])
    result = import_path(CFN_PARAMETERS / "template.yaml", region="ap-northeast-2", parameters=parameters)
    database = instance(result, "Database")
    assert database["instance_class"] == "db.m6g.large" and database["multi_az"] and database["read_replicas"] == 1
    assert instance(result, "WebServers")["instances"]["desired"] == 4  # --parameter wins over the file
    assert instance(result, "WebServers")["instance_type"] == "m6i.large"
    assert {"CpuAlarm", "DevDashboard"} <= set(result.priced_as)
    check_golden("cfn-parameters-prod", bill_summary(result, price_import(result)), update_golden)


def test_cloudformation_parameter_errors_are_located(tmp_path):
    from stackwright.errors import UserError
    from stackwright.importer.cfn_parameters import load_parameters

    with pytest.raises(UserError, match="Nope do not exist"):
        import_path(CFN_PARAMETERS / "template.yaml", parameters={"Nope": "1"})
    bad = tmp_path / "p.json"
    bad.write_text('[\n  {"ParameterKey": "A", "ParameterValue": "1"},\n  {"Value": "x"}\n]\n', encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_parameters(bad)
    assert caught.value.problems[0].line == 3
    with pytest.raises(UserError, match="KEY=VALUE"):
        load_parameters(None, ["novalue"])


# --- data sources knowable offline --------------------------------------------------------------------

DATA_SOURCES = IAC / "data_sources"


def test_counts_over_availability_zones_and_offline_data_sources(update_golden):
    result = import_path(DATA_SOURCES)
    assert {'aws_nat_gateway.per_az["ap-northeast-2a"]', 'aws_nat_gateway.per_az["ap-northeast-2b"]'} <= set(
        result.priced_as)
    assert "aws_instance.bastion[0]" in result.priced_as  # ap-northeast-2 has more than 3 zones
    assert result.spec.azs == 2
    (unknowable,) = result.unsupported
    assert unknowable.address == "aws_instance.per_image"
    assert "data.aws_ami.al2023.block_device_mappings is read at apply time" in unknowable.reason
    assert any("placeholder account" in a.text for a in result.assumptions)
    check_golden("data-sources", bill_summary(result, price_import(result)), update_golden)


def test_data_source_values():
    from stackwright.importer.terraform import read_terraform

    resources = {r.address: r for r in read_terraform(DATA_SOURCES).resources}
    assert resources["aws_iam_role.app"].props["name"] == "app-ap-northeast-2"
    assert json.loads(resources["aws_iam_role.app"].props["assume_role_policy"]) == {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ec2.amazonaws.com"}}]}
    assert resources["aws_s3_bucket.logs"].props["bucket"] == "logs-123456789012-ap-northeast-2"
    assert resources["aws_subnet.public[1]"].props["availability_zone"] == "ap-northeast-2b"


def test_partition_follows_the_region():
    from stackwright.importer.tf_data import offline_value

    assert offline_value("aws_partition", "data.aws_partition.p", {}, "cn-north-1")[0]["dns_suffix"] == "amazonaws.com.cn"
    assert offline_value("aws_partition", "data.aws_partition.p", {}, "us-gov-west-1")[0]["partition"] == "aws-us-gov"
    zones, _ = offline_value("aws_availability_zones", "data.aws_availability_zones.a",
                             {"exclude_names": ["us-east-1e"]}, "us-east-1")
    assert "us-east-1e" not in zones["names"] and zones["names"] == sorted(zones["names"])


# --- modules installed by terraform init ------------------------------------------------------------

MODULES_INIT = IAC / "modules_init"


def test_registry_modules_from_terraform_init_are_read(update_golden):
    result = import_path(MODULES_INIT)
    assert "module.alb.aws_lb.this[0]" in result.priced_as
    assert "module.db.module.db_instance.aws_db_instance.this[0]" in result.priced_as  # a module inside a module
    database = result.spec.components["module.db.module.db_instance.aws_db_instance.this"].model_dump(mode="json")
    assert database["storage"]["gb"] == 100 and database["multi_az"]  # "100" converted by the module's type
    web = result.spec.components['module.services["web"].aws_ecs_service.this'].model_dump(mode="json")
    assert web["tasks"]["desired"] == 3 and web["cpu"] == 0.25  # optional(number, 2) overridden by 3
    (missing,) = result.unsupported
    assert missing.address == "module.assets" and "terraform init" in missing.reason
    check_golden("modules-init", bill_summary(result, price_import(result)), update_golden)


def test_nested_module_outputs_flow_into_the_caller():
    from stackwright.importer.resources import ResourceRef
    from stackwright.importer.terraform import read_terraform

    resources = {r.address: r for r in read_terraform(MODULES_INIT).resources}
    alarm = resources["aws_cloudwatch_metric_alarm.db_cpu"].props
    assert alarm["dimensions"]["DBInstanceIdentifier"] == ResourceRef(
        "module.db.module.db_instance.aws_db_instance.this[0]", "identifier")
    service = resources['module.services["api"].aws_ecs_service.this'].props
    assert service["load_balancer"][0]["target_group_arn"] == ResourceRef(
        'module.alb.aws_lb_target_group.this["api"]', "arn")


def test_each_module_file_is_parsed_once_whatever_the_instances(tmp_path, monkeypatch):
    import sys

    from stackwright.importer import terraform

    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    from bench_import import module_project, write

    write(tmp_path, module_project(20))
    parsed = []
    original = terraform.parse_hcl
    monkeypatch.setattr(terraform, "parse_hcl", lambda path: parsed.append(path) or original(path))
    result = import_path(tmp_path)
    assert len(result.priced_as) + len(result.free) == 2 + 20 * 10
    assert sorted(p.name for p in parsed) == ["main.tf", "main.tf"]  # the root's and the module's


def test_a_module_manifest_pointing_outside_the_project_is_not_followed(tmp_path):
    (tmp_path / "main.tf").write_text('module "x" {\n  source = "example/x/aws"\n}\n', encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "main.tf").write_text('resource "aws_instance" "a" {\n  instance_type = "t3.micro"\n}\n')
    (tmp_path / ".terraform" / "modules").mkdir(parents=True)
    (tmp_path / ".terraform" / "modules" / "modules.json").write_text(
        json.dumps({"Modules": [{"Key": "x", "Source": "example/x/aws", "Dir": f"../{outside.name}"}]}))
    result = import_path(tmp_path)
    assert not result.priced_as and result.unsupported[0].address == "module.x"


# --- diff: a plan's own before and after, usage, what is not priced ----------------------------------

def run_cli(*args):
    from typer.testing import CliRunner

    from stackwright.cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


def test_diff_of_one_plan_prices_its_resource_changes_before_and_after():
    out = run_cli("diff", PLAN, "-f", "json")
    assert out.exit_code == 0, out.stderr
    data = json.loads(out.stdout)
    changes = {r["name"]: r for r in data["resources"]}
    assert changes["aws_instance.legacy"]["change"] == "removed"
    assert changes["aws_lb.web"]["change"] == "added"
    db = changes["module.db.module.db_instance.aws_db_instance.this"]
    assert db["change"] == "changed" and db["delta_monthly_usd"] > 0
    assert {"path": "instance_class", "before": "db.t4g.small", "after": "db.t4g.medium"} in db["fields"]
    alone = run_cli("diff", DATA_SOURCES)
    assert alone.exit_code == 2 and "one Terraform plan JSON" in alone.stderr


@pytest.mark.parametrize("format", ["json", "markdown", "table"])
def test_diff_shows_what_became_unpriced_in_every_format(format):
    out = run_cli("diff", VARIABLES, DATA_SOURCES, "-f", format)
    assert out.exit_code == 0, out.stderr
    assert "aws_instance.per_image" in out.stdout
    assert "block_device_mappings" in out.stdout
    if format == "json":
        not_priced = json.loads(out.stdout)["not_priced"]
        assert not not_priced["before"] and [u.split(":")[0] for u in not_priced["appeared"]] == [
            "aws_instance.per_image"]
    reverse = run_cli("diff", DATA_SOURCES, VARIABLES, "-f", format)
    assert "aws_instance.per_image" in reverse.stdout  # on the before side too


def test_diff_takes_a_usage_file_and_variables(tmp_path):
    usage = tmp_path / "usage.yml"
    usage.write_text("resource_usage:\n  aws_nat_gateway.per_az:\n    data_processed_gb_month: 5000\n", encoding="utf-8")
    plain = json.loads(run_cli("diff", DATA_SOURCES, DATA_SOURCES, "-f", "json").stdout)
    used = run_cli("diff", VARIABLES, DATA_SOURCES, "-f", "json", "--usage", usage, "--var", "web_count=2")
    assert used.exit_code == 0, used.stderr
    data = json.loads(used.stdout)
    assert data["after"]["total_monthly_usd"] > plain["after"]["total_monthly_usd"] + 100  # 5 TB through NAT
    web = next(r for r in data["resources"] if r["name"] == "aws_instance.web")  # its instances, folded
    assert web["monthly_before_usd"] > 0 and plain["delta_monthly_usd"] == 0


# --- CloudFormation nested stacks and SAM -------------------------------------------------------------

CFN_NESTED = IAC / "cfn_nested"
SAM = IAC / "sam" / "template.yaml"


def test_nested_stacks_with_local_template_urls_are_read(update_golden):
    result = import_path(CFN_NESTED / "parent.yaml")
    assert result.spec.region == "ap-northeast-2"
    assert {"App.LoadBalancer", "App.Web", "Network.NatA", "Network.NatC"} <= set(result.priced_as)
    assert instance(result, "App.Web")["instance_type"] == "m6i.large"  # parameter from the parent's Fn::If
    # references inside the nested stack; the two gateways are one nat component
    assert result.priced_as["Network.NatEipC"] == result.priced_as["Network.NatC"] == "Network.NatA"
    (remote,) = result.unsupported
    assert remote.address == "Monitoring" and "remote" in remote.reason
    assert result.locations["App.Web"].file.endswith("app.yaml")
    check_golden("cfn-nested", bill_summary(result, price_import(result)), update_golden)


def test_nested_stack_outputs_flow_into_the_parent():
    from stackwright.importer.cloudformation import read_cloudformation

    read = read_cloudformation(CFN_NESTED / "parent.yaml")
    app_lb = next(r for r in read.resources if r.address == "App.LoadBalancer")
    assert {"Network.PrivateA", "Network.PrivateC"} <= set(app_lb.props["Subnets"].refs)


def test_nested_stack_cycles_and_missing_files_are_located(tmp_path):
    from stackwright.errors import UserError

    (tmp_path / "a.yaml").write_text("Resources:\n  B:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
                                     "      TemplateURL: b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("Resources:\n  A:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
                                     "      TemplateURL: ./a.yaml\n", encoding="utf-8")
    with pytest.raises(UserError, match="a cycle") as caught:
        import_path(tmp_path / "a.yaml")
    assert caught.value.problems[0].line == 2
    (tmp_path / "c.yaml").write_text("Resources:\n  Gone:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
                                     "      TemplateURL: nowhere.yaml\n", encoding="utf-8")
    (missing,) = import_path(tmp_path / "c.yaml").unsupported
    assert "nowhere.yaml is not here" in missing.reason


def test_sam_transform_expands_functions_apis_and_tables(update_golden):
    from stackwright.importer.cloudformation import read_cloudformation

    read = read_cloudformation(SAM, region="us-east-1")
    types = {r.address: r.type for r in read.resources}
    assert types["ApiFunction"] == "AWS::Lambda::Function" and types["ApiFunctionRole"] == "AWS::IAM::Role"
    assert types["ServerlessRestApi"] == "AWS::ApiGateway::RestApi"  # one implicit API for both Api events
    assert types["ServerlessRestApiProdStage"] == "AWS::ApiGateway::Stage"
    assert types["ServerlessHttpApi"] == "AWS::ApiGatewayV2::Api"
    assert types["Items"] == "AWS::DynamoDB::Table" and types["JobQueue"] == "AWS::SQS::Queue"
    assert types["WorkerFunctionJobs"] == "AWS::Lambda::EventSourceMapping"
    assert not any(t.startswith("AWS::Serverless::") for t in types.values())
    functions = {r.address: r.props for r in read.resources if r.type == "AWS::Lambda::Function"}
    assert functions["WebhookFunction"]["MemorySize"] == 256 and functions["ApiFunction"]["MemorySize"] == 512  # Globals
    assert functions["WorkerFunction"]["Architectures"] == ["arm64"] and functions["WorkerFunction"]["Timeout"] == 60
    table = next(r for r in read.resources if r.address == "Items")
    assert table.props["BillingMode"] == "PAY_PER_REQUEST"
    assert table.props["KeySchema"] == [{"AttributeName": "itemId", "KeyType": "HASH"}]
    assert next(r for r in read.resources if r.address == "WorkerFunctionNightly").location.line == 43
    result = import_path(SAM, region="us-east-1")
    assert not any(u.type.startswith("AWS::Serverless::") for u in result.unsupported)
    check_golden("sam", bill_summary(result, price_import(result)), update_golden)


# --- evaluation details real registry modules rely on ------------------------------------------------

def test_nullable_false_takes_the_default_and_a_map_with_unknowns_is_not_null(tmp_path):
    (tmp_path / "modules" / "m").mkdir(parents=True)
    (tmp_path / "modules" / "m" / "main.tf").write_text('''
variable "create_logs" {
  type     = bool
  default  = true
  nullable = false
}
variable "rules" {
  type    = map(object({ cidr = string }))
  default = null
}
resource "aws_cloudwatch_log_group" "this" {
  count = var.create_logs ? 1 : 0
  name  = "x"
}
resource "aws_vpc_security_group_egress_rule" "this" {
  for_each  = var.rules != null ? var.rules : {}
  cidr_ipv4 = each.value.cidr
}
''', encoding="utf-8")
    (tmp_path / "main.tf").write_text('''
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
module "m" {
  source      = "./modules/m"
  create_logs = null
  rules       = { all = { cidr = aws_vpc.main.cidr_block } }
}
''', encoding="utf-8")
    result = import_path(tmp_path, environ={})
    assert not result.unsupported, result.unsupported
    accounted = set(result.priced_as) | {f.address for f in result.free}
    assert "module.m.aws_cloudwatch_log_group.this[0]" in accounted
    assert 'module.m.aws_vpc_security_group_egress_rule.this["all"]' in accounted


# --- hostile readers' input: a located error or a result, never a traceback -----------------------------

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                      max_size=3), max_leaves=8)


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


PLAN_DATA = json.loads(PLAN.read_text(encoding="utf-8"))
# The plan's structure, not the attribute values inside a resource: what a value of the wrong type does
# is the mapping's concern (each mapper validates its properties).
PLAN_PATHS = [p for p in _paths(PLAN_DATA) if p and p[0] != "format_version" and not (
    {"values", "before", "after", "after_unknown"} & set(p[:-1]))]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(PLAN_PATHS), replacement=JSON_VALUES, side=st.sampled_from(["before", "after"]))
def test_a_mangled_plan_gives_a_result_or_a_located_error(tmp_path, where, replacement, side):
    import copy

    from stackwright.errors import UserError

    data = copy.deepcopy(PLAN_DATA)
    target = data
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = replacement
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    try:
        import_path(path, plan_side=side)
    except UserError as error:
        assert error.problems and error.problems[0].line >= 1


def test_a_deeply_nested_plan_is_a_located_error(tmp_path):
    from stackwright.errors import UserError

    path = tmp_path / "plan.json"
    path.write_text('{"format_version": "1.2", "planned_values": ' + "[" * 100000 + "]" * 100000 + "}",
                    encoding="utf-8")
    with pytest.raises(UserError):
        import_path(path)


@pytest.mark.parametrize("target", ["terraform", "cloudformation/template.yaml"])
def test_a_spec_diffed_against_its_generated_code_costs_the_same(tmp_path, target):
    from stackwright.plan import build_plan
    from stackwright.render.cloudformation import write_cloudformation
    from stackwright.render.parameter_files import write_terraform_example
    from stackwright.render.terraform import write_terraform
    from stackwright.render.usage_file import write_usage_files
    from stackwright.spec.loader import load

    from conftest import ROOT

    blueprint = ROOT / "blueprints" / "glimpse.yaml"
    spec = load(blueprint).spec
    plan = build_plan(spec)
    write_terraform(plan, tmp_path)
    write_terraform_example(plan, tmp_path)  # the running system's image tag, as plan writes it
    write_cloudformation(plan, tmp_path)
    write_usage_files(spec, plan, tmp_path)
    out = run_cli("diff", blueprint, tmp_path / target, "-f", "json")  # the usage.yml beside the code is used
    assert out.exit_code == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["delta_monthly_usd"] == 0 and data["before"]["total_monthly_usd"] > 0
    assert not data["not_priced"]["before"] and not data["not_priced"]["after"]


SAM_DATA = None


def _sam_data():
    global SAM_DATA
    if SAM_DATA is None:
        from stackwright.importer.cloudformation import CfnLoader

        import yaml
        SAM_DATA = yaml.load(SAM.read_text(encoding="utf-8"), Loader=CfnLoader)
    return SAM_DATA


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), replacement=JSON_VALUES)
def test_a_mangled_sam_template_gives_a_result_or_a_located_error(tmp_path, data, replacement):
    import copy

    from stackwright.errors import UserError

    template = copy.deepcopy(_sam_data())
    where = data.draw(st.sampled_from([p for p in _paths(template) if p and p[0] in ("Globals", "Resources")]))
    target = template
    for step in where[:-1]:
        target = target[step]
    target[where[-1]] = replacement
    path = tmp_path / "template.json"
    path.write_text(json.dumps(template), encoding="utf-8")
    try:
        import_path(path, region="us-east-1")
    except UserError as error:
        assert error.problems


def test_a_state_from_terraform_show_json_prices_what_is_deployed(tmp_path):
    plan = json.loads(PLAN.read_text(encoding="utf-8"))
    root = plan["planned_values"]["root_module"]
    for resource in root["resources"]:  # after apply, the state holds what the plan knew only after apply
        if resource["address"] == "aws_ecs_service.app":
            resource["values"]["task_definition"] = "arn:aws:ecs:ap-northeast-2:123456789012:task-definition/shop-app:4"
    state = {"format_version": "1.0", "terraform_version": "1.9.8", "values": {"root_module": root}}
    path = tmp_path / "state.json"
    path.write_text(json.dumps(state), encoding="utf-8")
    result = import_path(path, region="ap-northeast-2")
    assert set(result.priced_as) == set(import_path(PLAN).priced_as)


def test_type_constraints_convert_nested_values():
    import hcl2

    from stackwright.importer.hcl_eval import Evaluator, TfSet
    from stackwright.importer.terraform import _Nothing, attributes
    from stackwright.importer.tf_types import convert

    def type_of(text):
        return attributes(hcl2.parses(f"type = {text}\n").body)["type"].expression

    evaluator = Evaluator(_Nothing())
    assert convert(type_of("list(number)"), ["1", 2.0], evaluator, "v") == [1, 2]
    assert convert(type_of("map(bool)"), {"a": "true"}, evaluator, "v") == {"a": True}
    assert isinstance(convert(type_of("set(string)"), ["b", "a", "b"], evaluator, "v"), TfSet)
    assert convert(type_of("tuple([string, number])"), [1, "2"], evaluator, "v") == ["1", 2]
    nested = type_of('object({ a = optional(object({ b = optional(number, 7) }), {}), c = string })')
    assert convert(nested, {"c": 3}, evaluator, "v") == {"a": {"b": 7}, "c": "3"}
    failed = convert(type_of("object({ c = string })"), {}, evaluator, "var.x")
    assert failed.error and "var.x" in failed.reason and "'c' is required" in failed.reason


def test_cloudformation_get_azs_is_the_regions_zones(tmp_path):
    from stackwright.importer.cloudformation import read_cloudformation

    path = tmp_path / "t.yaml"
    path.write_text("Resources:\n  A:\n    Type: AWS::EC2::Subnet\n    Properties:\n"
                    "      AvailabilityZone: !Select [1, !GetAZs '']\n"
                    "      Zones: !GetAZs {Ref: 'AWS::Region'}\n", encoding="utf-8")
    read = read_cloudformation(path, region="ap-northeast-2")
    (subnet,) = read.resources
    assert subnet.props["AvailabilityZone"] == "ap-northeast-2b"
    assert subnet.props["Zones"] == ["ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c", "ap-northeast-2d"]
    assert sum(n.subject == "Fn::GetAZs" for n in read.notes) == 1


def test_an_ssm_parameter_type_is_read_at_deploy_time(tmp_path):
    from stackwright.importer.cloudformation import read_cloudformation

    path = tmp_path / "t.yaml"
    path.write_text("Parameters:\n  Ami:\n    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>\n"
                    "    Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64\n"
                    "Resources:\n  A:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: !Ref Ami\n"
                    "      InstanceType: t3.micro\n", encoding="utf-8")
    (instance_,) = read_cloudformation(path).resources
    assert "read at deploy time" in instance_.props["ImageId"].reason


def test_cli_takes_parameters_file_and_parameter():
    template = CFN_PARAMETERS / "template.yaml"
    out = run_cli("import", template, "-f", "json", "--region", "ap-northeast-2",
                  "--parameters", CFN_PARAMETERS / "prod-parameters.json", "--parameter", "WebCount=4")
    assert out.exit_code == 0, out.stderr
    default = json.loads(run_cli("import", template, "-f", "json", "--region", "ap-northeast-2").stdout)
    assert json.loads(out.stdout)["total_monthly_usd"] > default["total_monthly_usd"]
    bad = run_cli("import", template, "--parameter", "Nope=1")
    assert bad.exit_code == 2 and "Nope do not exist" in bad.stderr and "Traceback" not in bad.stderr


def test_a_function_given_null_fails_and_try_takes_the_fallback(tmp_path):
    """terraform-aws-modules/sqs names its queue `try(trimsuffix(var.name, ".fifo"), "")` with a null
    default: trimsuffix(null) fails in Terraform, so try() gives the fallback instead of a crash."""
    (tmp_path / "main.tf").write_text(
        'variable "name" {\n  default = null\n}\n'
        'locals {\n  name = try(trimsuffix(var.name, ".fifo"), "jobs.fifo")\n}\n'
        'resource "aws_sqs_queue" "this" {\n  name = local.name\n  fifo_queue = endswith(local.name, ".fifo")\n}\n',
        encoding="utf-8")
    [(queue, _usage)] = import_path(tmp_path).records
    assert queue.address == "aws_sqs_queue.this" and queue.attrs["fifo"] is True
