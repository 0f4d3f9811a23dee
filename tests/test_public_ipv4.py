"""public_ipv4: the plan allocates the spec's extra Elastic IPs (aws_eip / AWS::EC2::EIP), the bill prices
them by the aws_eip cost module at the generated code's addresses, and imports read them back: those in use
through the usage file `plan` writes, the idle ones from the code alone."""

import yaml

from stackwright.importer import import_path, price_import, render_import
from stackwright.plan import build_plan
from stackwright.plan.elastic_ips import ElasticIp
from stackwright.plan.operations import of_type
from stackwright.render.cloudformation import render_template
from stackwright.render.terraform import render_files
from stackwright.spec.model import Spec
from stackwright.spec_bill import price

SPEC = {"name": "addresses", "region": "us-east-1",
        "components": {"web": {"kind": "fargate_service"}, "lb": {"kind": "alb"},
                       "ips": {"kind": "public_ipv4", "in_use": 2, "idle": 1}}}


def spec(**ips) -> Spec:
    data = yaml.safe_load(yaml.safe_dump(SPEC))
    data["components"]["ips"].update(ips)
    return Spec.model_validate(data)


def address_lines(bill):
    return [(i.address, i.resource_type, i.sku, i.quantity) for i in bill.items if i.resource_type == "aws_eip"]


def test_the_plan_allocates_each_address():
    plan = build_plan(spec())
    assert [(a.id, a.key, a.in_use) for a in of_type(plan, ElasticIp, "ips")] == [
        ("ips-in-use-1", "in-use-1", True), ("ips-in-use-2", "in-use-2", True), ("ips-idle-1", "idle-1", False)]


def test_terraform_is_one_resource_for_each_address():
    networking = render_files(build_plan(spec()))["modules/networking/main.tf"]
    block = networking[networking.index('resource "aws_eip" "ips"'):]
    block = block[:block.index("\n}\n")]
    assert 'for_each = toset(["in-use-1", "in-use-2", "idle-1"])' in block
    assert "checkov:skip=CKV2_AWS_19:" in block  # with its written reason


def test_cloudformation_has_an_elastic_ip_each():
    resources = yaml.safe_load(render_template(build_plan(spec())))["Resources"]
    assert {name: r["Properties"]["Domain"] for name, r in resources.items() if r["Type"] == "AWS::EC2::EIP"} == {
        "IpsInUse1": "vpc", "IpsInUse2": "vpc", "IpsIdle1": "vpc"}


def test_the_bill_prices_the_planned_addresses_by_their_cost_module():
    assert address_lines(price(spec())) == [
        ('module.networking.aws_eip.ips["in-use-1"]', "aws_eip", "public_ipv4/in-use", 730),
        ('module.networking.aws_eip.ips["in-use-2"]', "aws_eip", "public_ipv4/in-use", 730),
        ('module.networking.aws_eip.ips["idle-1"]', "aws_eip", "public_ipv4/idle", 730)]
    assert address_lines(price(spec(in_use=0, idle=0))) == []


def test_an_imported_spec_keeps_in_use_and_idle(tmp_path):
    from stackwright.render.terraform import write_terraform
    from stackwright.render.usage_file import FILE_NAME, write_usage_files

    the_spec = spec()
    plan = build_plan(the_spec)
    write_terraform(plan, tmp_path)
    write_usage_files(the_spec, plan, tmp_path)
    result = import_path(tmp_path / "terraform", usage_file=tmp_path / "terraform" / FILE_NAME)
    written = yaml.safe_load(render_import(result, price_import(result), "spec"))
    (ips,) = [c for c in written["components"].values() if c["kind"] == "public_ipv4"]
    assert (ips.get("in_use", 1), ips.get("idle", 0)) == (2, 1)


def test_a_usage_files_billing_only_addresses_are_priced_as_elastic_ips(tmp_path):
    code = tmp_path / "main.tf"
    code.write_text('resource "aws_sqs_queue" "jobs" {}\n', encoding="utf-8")
    usage = tmp_path / "usage.yml"
    usage.write_text(yaml.safe_dump({"spec": {"components": {"ips": {"kind": "public_ipv4", "in_use": 1, "idle": 2}}}}),
                     encoding="utf-8")
    bill = price_import(import_path(code, usage))
    assert address_lines(bill) == [
        ('ips["in-use-1"]', "aws_eip", "public_ipv4/in-use", 730),
        ('ips["idle-1"]', "aws_eip", "public_ipv4/idle", 730), ('ips["idle-2"]', "aws_eip", "public_ipv4/idle", 730)]
