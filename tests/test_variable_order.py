"""Terraform variable precedence, as Terraform applies it: TF_VAR_* over the default, terraform.tfvars
over the environment, *.auto.tfvars(.json) in lexical order of their names over that, then -var-file and
-var in the order they stand on the command line (the later wins)."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stackwright.cli import app
from stackwright.importer import import_path

MAIN = '''variable "size" {
  type    = string
  default = "t3.nano"
}

resource "aws_instance" "web" {
  ami           = "ami-12345678"
  instance_type = var.size
}
'''


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    (tmp_path / "file-x.tfvars").write_text('size = "m5.large"\n', encoding="utf-8")
    (tmp_path / "file-y.tfvars").write_text('size = "c5.large"\n', encoding="utf-8")
    return tmp_path


def size(project: Path, **inputs) -> str:
    return import_path(project, region="us-east-1", **inputs).spec.components["aws_instance.web"].instance_type


def test_layers_below_the_command_line(project):
    assert size(project, environ={}) == "t3.nano"  # the default
    assert size(project, environ={"TF_VAR_size": "t3.micro"}) == "t3.micro"
    (project / "terraform.tfvars").write_text('size = "t3.small"\n', encoding="utf-8")
    assert size(project, environ={"TF_VAR_size": "t3.micro"}) == "t3.small"  # the file wins over the environment
    (project / "b.auto.tfvars").write_text('size = "t3.large"\n', encoding="utf-8")
    (project / "a.auto.tfvars.json").write_text(json.dumps({"size": "t3.medium"}), encoding="utf-8")
    # lexical order of all the auto files, .json or not: b.auto.tfvars comes after a.auto.tfvars.json
    assert size(project, environ={}) == "t3.large"
    (project / "c.auto.tfvars.json").write_text(json.dumps({"size": "t3.xlarge"}), encoding="utf-8")
    assert size(project, environ={}) == "t3.xlarge"
    assert size(project, environ={}, var_files=[project / "file-x.tfvars"]) == "m5.large"  # over every auto file


@pytest.mark.parametrize(("arguments", "expected"), [
    (["--var", "size=m5.xlarge", "--var-file", "file-x.tfvars"], "m5.large"),  # the later wins...
    (["--var-file", "file-x.tfvars", "--var", "size=m5.xlarge"], "m5.xlarge"),  # ...whichever kind it is
    (["--var-file=file-y.tfvars", "--var=size=m5.xlarge", "--var-file=file-x.tfvars"], "m5.large"),
    (["--var-file", "file-x.tfvars", "--var-file", "file-y.tfvars"], "c5.large"),
    (["--var", "size=m5.2xlarge", "--var", "size=m5.xlarge"], "m5.xlarge"),
])
def test_var_and_var_file_apply_in_command_line_order(project, arguments, expected, monkeypatch):
    monkeypatch.chdir(project)
    (project / "terraform.tfvars").write_text('size = "t3.small"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["import", ".", "--region", "us-east-1", "-f", "json", *arguments],
                                env={"TF_VAR_size": "t3.micro"})
    assert result.exit_code == 0, result.output
    (item,) = [i for i in json.loads(result.stdout)["items"] if i["component"].startswith("Instance")]
    assert item["component"] == f"Instance ({expected}, on demand)"


def test_the_api_keeps_files_then_values_and_takes_an_explicit_order(project):
    files_then_values = {"var_files": [project / "file-x.tfvars"], "variables": {"size": "m5.xlarge"}}
    assert size(project, environ={}, **files_then_values) == "m5.xlarge"
    assert size(project, environ={}, given=[("size", "m5.xlarge"), project / "file-x.tfvars"]) == "m5.large"


def test_a_missing_var_file_names_the_option_not_a_place_in_it(project):
    result = CliRunner().invoke(app, ["import", str(project), "--var-file", str(project / "nope.tfvars")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: --var-file '{project / 'nope.tfvars'}': no such variables file")
