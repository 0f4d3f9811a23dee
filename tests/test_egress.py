"""Internet data out as usage of the resources it leaves from: which of a spec's resources carry it, its
tiers walked once across the account, and an import that prices only what its usage file declares."""

import pytest
import yaml

from stackwright.importer import import_path, price_import
from stackwright.pricing import catalogue
from stackwright.spec.model import Spec
from stackwright.spec_bill import price

EGRESS = "data_transfer/internet-out"


def spec(components: dict, **traffic) -> Spec:
    return Spec.model_validate({"name": "egress", "region": "us-east-1",
                                "traffic": {"dau": 1000, **traffic}, "components": components})


def egress_lines(bill):
    return [item for item in bill.items if item.sku == EGRESS]


def test_the_load_balancer_carries_the_data_out_with_its_address():
    bill = price(spec({"web": {"kind": "fargate_service"}, "lb": {"kind": "alb"}}, data_out_gb_month=300))
    (line,) = egress_lines(bill)
    assert (line.resource, line.address, line.resource_type, line.quantity) == ("lb", "module.edge.aws_lb.lb",
                                                                                 "aws_lb", 300)
    assert bill.unknown == []


def test_tiers_are_walked_once_across_the_resources_that_carry_it():
    """Two front doors share 30 TB: together they pay what one would, past the first 10 TB tier."""
    gb = 30_000
    two = price(spec({"web": {"kind": "fargate_service"}, "lb": {"kind": "alb"},
                      "fn": {"kind": "lambda_function"}, "api": {"kind": "api_gateway", "integration": "fn"}},
                     data_out_gb_month=gb))
    lines = egress_lines(two)
    assert [line.quantity for line in lines] == [gb / 2, gb / 2]
    tiers = catalogue.load("us-east-1").get(EGRESS)
    assert tiers.tiers, "the catalogue's internet data out is tiered"
    assert sum(line.monthly_usd for line in lines) == pytest.approx(tiers.cost(gb), abs=1e-5)
    assert lines[0].unit_price_usd > lines[1].unit_price_usd  # the second reaches the cheaper tiers
    one = price(spec({"web": {"kind": "fargate_service"}, "lb": {"kind": "alb"}}, data_out_gb_month=gb))
    assert sum(line.monthly_usd for line in lines) == pytest.approx(egress_lines(one)[0].monthly_usd, abs=1e-5)


def test_with_nothing_to_leave_from_it_is_not_priced_rather_than_dropped():
    bill = price(spec({"jobs": {"kind": "sqs"}}, data_out_gb_month=50))
    assert egress_lines(bill) == []
    assert [(u.resource, u.sku) for u in bill.unknown] == [("internet-egress", EGRESS)]


def test_an_import_prices_data_out_only_where_its_usage_file_declares_it(tmp_path):
    code = tmp_path / "main.tf"
    code.write_text('resource "aws_lb" "web" {\n  load_balancer_type = "application"\n'
                    '  subnets = ["subnet-a", "subnet-b"]\n}\n', encoding="utf-8")
    assert egress_lines(price_import(import_path(code))) == []  # never invented
    usage = tmp_path / "usage.yml"
    usage.write_text(yaml.safe_dump({"resource_usage": {"aws_lb.web": {"internet_out_gb_month": 200}}}),
                     encoding="utf-8")
    (line,) = egress_lines(price_import(import_path(code, usage)))
    assert (line.address, line.resource_type, line.quantity) == ("aws_lb.web", "aws_lb", 200)


def test_without_a_front_door_public_tasks_carry_it():
    bill = price(spec({"web": {"kind": "fargate_service", "public_ip": True}}, data_out_gb_month=40))
    (line,) = egress_lines(bill)
    assert (line.resource, line.resource_type, line.quantity) == ("web", "aws_ecs_service", 40)


def test_an_import_stating_data_out_both_ways_takes_the_free_100_gb_once(tmp_path):
    """A usage file's billing-only data_transfer line and a resource's own data out share one account's
    always-free 100 GB: 150 GB + 200 GB less 100 GB free is 250 GB billed, not 150 GB."""
    code = tmp_path / "main.tf"
    code.write_text('resource "aws_lb" "web" {\n  load_balancer_type = "application"\n'
                    '  subnets = ["subnet-a", "subnet-b"]\n}\n', encoding="utf-8")
    usage = tmp_path / "usage.yml"
    usage.write_text(yaml.safe_dump({
        "spec": {"free_tier": True, "components": {"egress": {"kind": "data_transfer", "internet_out_gb_month": 150}}},
        "resource_usage": {"aws_lb.web": {"internet_out_gb_month": 200}}}), encoding="utf-8")
    lines = egress_lines(price_import(import_path(code, usage)))
    assert sorted(line.quantity for line in lines) == [50, 200]
    assert sum(line.quantity for line in lines) == 150 + 200 - 100


def egress_of_imported_spec(tmp_path, usage_document: dict) -> tuple[float, float]:
    """(the import's internet data out, that of the spec `import --format spec` writes), in GB."""
    from stackwright.importer import render_import
    from stackwright.spec.loader import load

    code = tmp_path / "main.tf"
    code.write_text('resource "aws_lb" "web" {\n  load_balancer_type = "application"\n'
                    '  subnets = ["subnet-a", "subnet-b"]\n}\n'
                    'resource "aws_ecs_service" "app" {\n  launch_type = "FARGATE"\n  desired_count = 1\n}\n',
                    encoding="utf-8")
    usage = tmp_path / "usage.yml"
    usage.write_text(yaml.safe_dump(usage_document), encoding="utf-8")
    result = import_path(code, usage)
    written = tmp_path / "imported.yaml"
    written.write_text(render_import(result, price_import(result), "spec"), encoding="utf-8")
    loaded = load(written)
    return (sum(line.quantity for line in egress_lines(price_import(result))),
            sum(line.quantity for line in egress_lines(price(loaded.spec, loaded))))


def test_the_spec_an_import_writes_carries_the_data_out_it_declares(tmp_path):
    """Not the default traffic's data out: what the usage file states on the resources (and billing-only)."""
    assert egress_of_imported_spec(tmp_path, {
        "traffic": {"dau": 50000}, "resource_usage": {"aws_lb.web": {"internet_out_gb_month": 200}}}) == (200, 200)
    assert egress_of_imported_spec(tmp_path, {
        "resource_usage": {"aws_lb.web": {"internet_out_gb_month": 200}},
        "spec": {"components": {"egress": {"kind": "data_transfer", "internet_out_gb_month": 30}}}}) == (230, 230)


def test_the_spec_an_import_writes_invents_no_data_out(tmp_path):
    assert egress_of_imported_spec(tmp_path, {"traffic": {"dau": 50000}}) == (0, 0)
