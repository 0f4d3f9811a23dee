"""The compute kinds' bills come from the AWS resources their plans create: every line of a fargate_service,
worker, ec2_instance, ec2_asg or nat component names the resource at the address the generated Terraform
gives it, with its type, so a line compares one to one with an import of that code."""

from types import SimpleNamespace

import pytest

from stackwright.plan import build_plan
from stackwright.render.terraform import resource_addresses
from stackwright.resources.from_plan import address
from stackwright.spec.loader import load
from stackwright.spec_bill import price

from conftest import BLUEPRINTS, EXAMPLES, ROOT

FIXTURES = ROOT / "tests" / "fixtures"

KINDS = {"fargate_service": {"aws_ecs_service"}, "worker": {"aws_ecs_service"}, "ec2_instance": {"aws_instance"},
         "ec2_asg": {"aws_autoscaling_group"}, "nat": {"aws_nat_gateway", "aws_instance"}}


@pytest.mark.parametrize("path", BLUEPRINTS + EXAMPLES, ids=lambda p: p.stem)
def test_compute_lines_name_the_generated_resources(path):
    spec = load(path).spec
    addresses = set(resource_addresses(build_plan(spec)).values())
    bill = price(spec)
    kinds = {name: c.kind for name, c in spec.components.items()}
    lines = [i for i in bill.items if kinds.get(i.resource) in KINDS]
    assert lines or not any(k in KINDS for k in kinds.values())
    for item in lines:
        assert item.address in addresses, item
        assert item.resource_type in KINDS[kinds[item.resource]], item


def test_eks_services_carry_the_cluster_the_spec_asks_for():
    spec = load(FIXTURES / "checks" / "GEN001" / "fail.yaml").spec
    (cluster,) = [i for i in price(spec).items if i.resource_type == "aws_eks_cluster"]
    assert cluster.sku == "eks/cluster" and cluster.quantity == 730
    assert cluster.address.endswith(".aws_eks_cluster.this")


def test_a_resource_written_beside_an_element_shares_its_name():
    ctx = SimpleNamespace(addresses={"api": "module.serverless.aws_lambda_function.api",
                                     "svc": 'module.service["a.b"].aws_ecs_service.this'})
    assert address(ctx, "api") == "module.serverless.aws_lambda_function.api"
    assert address(ctx, "api", "aws_lambda_provisioned_concurrency_config") == \
        "module.serverless.aws_lambda_provisioned_concurrency_config.api"
    assert address(ctx, "svc", "aws_eks_cluster") == 'module.service["a.b"].aws_eks_cluster.this'


def test_identical_hosts_in_separate_blocks_fold_into_one_component(tmp_path):
    from stackwright.importer import import_path

    (tmp_path / "main.tf").write_text("\n".join(
        f'resource "aws_instance" "app_{n}" {{\n  instance_type = "t3.small"\n}}\n' for n in (1, 2)), encoding="utf-8")
    (component,) = import_path(tmp_path).spec.components.values()
    assert (component.kind, component.count) == ("ec2_instance", 2)
