"""A Terraform read frees its parse trees when it ends, without the cycle collector it pauses while reading,
gives the collector back as it found it, and keeps only line and column of each parsed rule."""

import gc
import weakref

import pytest

from stackwright.errors import UserError
from stackwright.importer import terraform

MAIN = """
variable "size" {
  default = 2
}

locals {
  names = [for i in range(var.size) : "web-${i}"]
}

resource "aws_instance" "web" {
  count         = var.size
  instance_type = "t3.micro"
  tags          = { Name = local.names[count.index] }
}

module "child" {
  source = "./child"
  name   = "a"
}
"""
CHILD = """
variable "name" {}

resource "aws_s3_bucket" "b" {
  bucket = "bucket-${var.name}"
}
"""


@pytest.fixture
def project(tmp_path):
    (tmp_path / "main.tf").write_text(MAIN)
    (tmp_path / "child").mkdir()
    (tmp_path / "child" / "main.tf").write_text(CHILD)
    return tmp_path


@pytest.fixture
def parsed_trees(monkeypatch):
    trees = []
    parse = terraform.parse_hcl

    def recording(path):
        tree = parse(path)
        trees.append(weakref.ref(tree))
        return tree

    monkeypatch.setattr(terraform, "parse_hcl", recording)
    return trees


@pytest.mark.parametrize("enabled", [True, False])
def test_trees_are_freed_without_the_collector(project, parsed_trees, enabled):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        read = terraform.read_terraform(project)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert sorted(r.address for r in read.resources) == [
        "aws_instance.web[0]", "aws_instance.web[1]", "module.child.aws_s3_bucket.b"]
    assert len(parsed_trees) == 2
    assert all(tree() is None for tree in parsed_trees)


def test_rules_keep_their_place(project):
    read = terraform.read_terraform(project)
    where = {r.address: (r.location.line, r.location.column) for r in read.resources}
    assert where["aws_instance.web[0]"] == (10, 1)
    assert where["module.child.aws_s3_bucket.b"] == (4, 1)


def test_a_module_that_calls_itself_is_a_user_error(tmp_path):
    (tmp_path / "main.tf").write_text('module "again" {\n  source = "./"\n}\n')
    with pytest.raises(UserError, match="module instances, or modules nested"):
        terraform.read_terraform(tmp_path)
    assert gc.isenabled()
