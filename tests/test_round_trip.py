"""Round trip: a spec's plan, written as Terraform and as CloudFormation with the usage files beside them,
imports back to the bill `stackwright cost` gives the spec, within a cent, service by service; so does
the imported spec written out (`import --format spec`) and priced again. Every blueprint, and one spec
with what the blueprints leave out: scheduled scale-in, reservations, Spot with an assumed discount,
Fargate Spot with a base, the free tier and part-time running, two NAT gateways, S3 storage classes and
a lifecycle share, a read replica, a Viewer geography, usage values for every kind, and billing-only
components."""

import re
from pathlib import Path

import pytest
import yaml

from stackwright.errors import UserError
from stackwright.importer import import_path, price_import, render_import
from stackwright.importer.resources import USAGE_FILE
from stackwright.plan import build_plan
from stackwright.render.cloudformation import write_cloudformation
from stackwright.render.terraform import write_terraform
from stackwright.render.usage_file import FILE_NAME, write_usage_files
from stackwright.spec.loader import load
from stackwright.spec.model import Spec
from stackwright.spec_bill import price

from conftest import BLUEPRINTS, EXAMPLES
from test_cloudformation import OPERATIONS

CENT = 0.01
FORMATS = {"terraform": Path("terraform"), "cloudformation": Path("cloudformation") / "template.yaml"}

# What the blueprints leave out. Its off-hours are whole hours a night (7 × n a week), as the plan's
# nightly schedule holds them.
EVERYTHING = """
name: round-trip
region: us-east-1
environment: staging
availability_target: 99.9
free_tier: true
running_hours_per_week: 120
traffic: {dau: 4000, peak_concurrent_users: 400, kb_per_request: 30}
components:
  web:
    kind: fargate_service
    cpu: 1
    memory_gb: 2
    tasks: {min: 2, desired: 3, max: 6}
    scale_in: {off_hours_per_week: 56, count: 1}
    capacity_providers:
      - {provider: FARGATE, base: 1, weight: 1}
      - {provider: FARGATE_SPOT, weight: 3}
  workers:
    kind: ec2_asg
    instance_type: m6i.large
    instances: {min: 2, desired: 3, max: 6}
    scale_in: {off_hours_per_week: 70, count: 1}
    purchase_option: spot
    spot_discount: 0.6
    ebs: {type: gp3, gb: 30, iops: 4000, throughput_mibps: 200}
  batch: {kind: ec2_asg, instance_type: c6g.large, instances: {min: 1, desired: 1, max: 2}, purchase_option: reserved_1y}
  legacy: {kind: ec2_instance, instance_type: t3.micro, count: 2, purchase_option: reserved_3y}
  lb: {kind: alb, azs: 3, lcu: 4}
  db:
    kind: aurora_serverless_v2
    engine: mysql
    min_acu: 0.5
    max_acu: 8
    instances: 2
    average_acu: 2
    storage_gb: 50
    io_million_per_month: 30
  reports:
    kind: rds
    engine: postgresql
    instance_class: db.r6g.large
    multi_az: true
    read_replicas: 1
    backup_gb: 300
    purchase_option: reserved_1y
    storage: {type: gp3, gb: 100}
  sessions: {kind: elasticache, engine: valkey, node_type: cache.t4g.small, shards: 3, replicas_per_shard: 1,
             purchase_option: reserved_1y}
  memo: {kind: elasticache, engine: memcached, node_type: cache.t4g.micro, shards: 2}
  nat: {kind: nat, mode: gateway, count: 2}
  assets: {kind: s3, storage_class: glacier-instant, storage_gb: 500}
  archive: {kind: s3, storage_class: standard-ia, storage_gb: 200}
  uploads: {kind: s3, infrequent_access_share: 0.4, storage_gb: 80, put_requests_per_month: 200000}
  cdn: {kind: cloudfront, geo: europe, data_out_gb_month: 800}
  dns: {kind: route53, routing: latency, queries_million_per_month: 3}
  firewall: {kind: waf, rules: 5, requests_million_per_month: 12}
  watch: {kind: cloudwatch, log_retention_days: 14, custom_metrics: 4, log_gb_month: 25}
  vault: {kind: secrets_manager, secrets: 5, api_calls_per_month: 70000}
  images: {kind: ecr, storage_gb: 12}
  s3-endpoint: {kind: vpc_endpoint, type: gateway, service: s3}
  logs-endpoint: {kind: vpc_endpoint, service: logs, azs: 2, data_gb_month: 40}
  ips: {kind: public_ipv4, in_use: 0, idle: 1}
  egress: {kind: data_transfer, inter_az_gb_month: 10}
"""

SPECS = {p.stem: (lambda p=p: load(p).spec) for p in BLUEPRINTS + EXAMPLES}
SPECS["everything"] = lambda: Spec.model_validate(yaml.safe_load(EVERYTHING))
SPECS["operations"] = lambda: Spec.model_validate(yaml.safe_load(OPERATIONS))


class Generated:
    """One spec's bill, and its plan written as `stackwright plan` writes it."""

    def __init__(self, spec: Spec, directory: Path):
        self.spec = spec
        self.directory = directory
        self.bill = price(spec)
        plan = build_plan(spec)
        write_terraform(plan, directory)
        write_cloudformation(plan, directory)
        self.usage_files = write_usage_files(spec, plan, directory)
        self.image_tag = {"image_tag": p.example for p in plan.parameters if p.kind == "image_tag"}
        self._imports: dict = {}

    def imported(self, format: str):
        """(import result, its bill) of the generated `format` with its usage file."""
        if format not in self._imports:
            # the running system's image tag, as in parameters.json (which the import of a template reads by
            # itself) and terraform.tfvars.example: empty, the default, runs no tasks
            result = import_path(self.directory / FORMATS[format], usage_file=self.directory / format / FILE_NAME,
                                 variables=self.image_tag if format == "terraform" else None)
            self._imports[format] = result, price_import(result)
        return self._imports[format]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, Generated]:
    root = tmp_path_factory.mktemp("round-trip")
    return {name: Generated(make(), root / name) for name, make in SPECS.items()}


def differences(expected, actual) -> dict[str, tuple[float, float]]:
    """Services whose monthly cost differs by a cent or more: (cost's, the import's)."""
    want, got = expected.by_service(), actual.by_service()
    return {service: (round(want.get(service, 0), 4), round(got.get(service, 0), 4))
            for service in sorted(set(want) | set(got)) if abs(want.get(service, 0) - got.get(service, 0)) >= CENT}


@pytest.mark.parametrize("format", FORMATS)
@pytest.mark.parametrize("name", SPECS)
def test_import_of_the_generated_code_prices_what_cost_prices(name, format, generated):
    case = generated[name]
    result, bill = case.imported(format)
    assert result.unsupported == [] and bill.unknown == [] and case.bill.unknown == []
    assert differences(case.bill, bill) == {}, f"{name} {format}: per service (cost, import)"
    assert abs(bill.total - case.bill.total) < CENT, (case.bill.total, bill.total)


# An import's SQS queues (priced by their resource cost module) have no spec form yet,
# so the spec an import writes leaves them out (the import's own bill prices them; see the test above).
WITHOUT_SPEC_FORM = {"web-worker-queue"}


@pytest.mark.parametrize("name", [n for n in SPECS if n not in WITHOUT_SPEC_FORM])
def test_imported_spec_written_out_prices_the_same(name, generated, tmp_path):
    case = generated[name]
    result, bill = case.imported("terraform")
    path = tmp_path / "imported.yaml"
    path.write_text(render_import(result, bill, "spec"), encoding="utf-8")
    loaded = load(path)
    again = price(loaded.spec, loaded)
    assert differences(case.bill, again) == {}
    assert abs(again.total - case.bill.total) < CENT


@pytest.mark.parametrize("name", SPECS)
def test_every_usage_entry_names_a_resource_the_import_reads(name, generated):
    case = generated[name]
    for format in FORMATS:
        result, _ = case.imported(format)
        assert [a for a in result.assumptions if "matches no resource" in a.text] == []
        usage = yaml.safe_load((case.directory / format / FILE_NAME).read_text(encoding="utf-8"))
        assert usage["traffic"] == case.spec.traffic.model_dump(mode="json", exclude_none=True)
        for address in usage.get("resource_usage", {}):
            assert address in result.priced_as, (format, address)
            block = re.sub(r'\[[^\]]*\]$', "", address)  # an instance of for_each: noted on its block
            assert any(a.subject in (result.priced_as.get(address, address), address, block)
                       for a in result.assumptions if a.source == USAGE_FILE), (format, address)


def test_usage_files_sit_next_to_the_code(generated):
    case = generated["glimpse"]
    assert case.usage_files == [case.directory / "terraform" / FILE_NAME, case.directory / "cloudformation" / FILE_NAME]
    terraform = yaml.safe_load(case.usage_files[0].read_text(encoding="utf-8"))
    cloudformation = yaml.safe_load(case.usage_files[1].read_text(encoding="utf-8"))
    # what the spec's bill gives the bucket, traffic-derived requests included
    assert terraform["resource_usage"]["module.edge.aws_s3_bucket.files"] == cloudformation["resource_usage"]["Files"]
    assert cloudformation["resource_usage"]["Files"] == {
        "storage_gb": 10, "put_requests_per_month": pytest.approx(15208.33), "get_requests_per_month": pytest.approx(152083.3)}
    # the internet data out the spec's bill counts is usage of the resource it leaves from (the API the
    # users call), no billing-only line
    assert "spec" not in terraform
    gateway = terraform["resource_usage"]["module.serverless.aws_apigatewayv2_api.gateway"]
    assert gateway["internet_out_gb_month"] == pytest.approx(29.007594)
    assert cloudformation["resource_usage"]["Gateway"]["internet_out_gb_month"] == gateway["internet_out_gb_month"]
    assert not any("internet_out_gb_month" in values for address, values in terraform["resource_usage"].items()
                   if address != "module.serverless.aws_apigatewayv2_api.gateway")


def test_the_import_reads_what_the_generator_writes(generated):
    """Schedules as scale_in, reservations and Spot discounts from the usage file, read replicas inside
    their source's component, lifecycle rules as storage classes, billing-only components."""
    for format in FORMATS:
        spec = generated["everything"].imported(format)[0].spec
        by_kind: dict[str, list] = {}
        for component in spec.components.values():
            by_kind.setdefault(component.kind, []).append(component)
        (web,) = by_kind["fargate_service"]
        assert (web.scale_in.off_hours_per_week, web.scale_in.count) == (56, 1)
        assert [(cp.provider, cp.base, cp.weight) for cp in web.capacity_providers] == [
            ("FARGATE", 1, 1), ("FARGATE_SPOT", 0, 3)]
        workers, batch = sorted(by_kind["ec2_asg"], key=lambda c: c.instance_type, reverse=True)
        assert (workers.purchase_option, workers.spot_discount, workers.scale_in.off_hours_per_week) == ("spot", 0.6, 70)
        assert batch.purchase_option == "reserved_1y" and batch.scale_in is None
        assert {c.purchase_option for c in by_kind["ec2_instance"]} == {"reserved_3y"}
        (reports,) = by_kind["rds"]
        assert (reports.read_replicas, reports.purchase_option, reports.backup_gb) == (1, "reserved_1y", 300)
        assert sorted((c.storage_class, c.infrequent_access_share) for c in by_kind["s3"]) == [
            ("glacier-instant", 0), ("standard", 0.4), ("standard-ia", 0)]
        assert by_kind["cloudfront"][0].geo == "europe"
        assert by_kind["cloudwatch"][0].custom_metrics == 4
        assert {c.kind for c in by_kind["data_transfer"] + by_kind["public_ipv4"]} == {"data_transfer", "public_ipv4"}
        assert (spec.free_tier, spec.running_hours_per_week) == (True, 120)


def test_cloudformation_region_comes_from_its_region_mapping(generated):
    result, _ = generated["glimpse"].imported("cloudformation")
    assert result.spec.region == "ap-northeast-2"
    assert any(a.subject == "region" and "AvailabilityZones" in a.text for a in result.assumptions)


def test_usage_file_words_and_spec_section_are_checked(tmp_path):
    code = tmp_path / "main.tf"
    code.write_text('resource "aws_db_instance" "db" {\n  engine = "postgres"\n  instance_class = "db.t4g.micro"\n'
                    '  allocated_storage = 20\n}\n', encoding="utf-8")
    usage = tmp_path / "usage.yml"
    usage.write_text("aws_db_instance.db: {purchase_option: 12}\nspec: {components: {web: {kind: alb}}}\n",
                     encoding="utf-8")
    with pytest.raises(UserError) as error:
        import_path(code, usage)
    messages = [p.message for p in error.value.problems]
    assert any("purchase_option is 12; give a word" in m for m in messages)
    assert any("only data_transfer and public_ipv4 components belong here" in m for m in messages)
    usage.write_text("aws_db_instance.db: {purchase_option: reserved_3y}\n", encoding="utf-8")
    (db,) = import_path(code, usage).spec.components.values()
    assert db.purchase_option == "reserved_3y"
