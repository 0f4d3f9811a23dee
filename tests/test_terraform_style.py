"""The generated Terraform is written as `terraform fmt` writes it (hclwrite's rules, checked here
without a terraform binary): two-space indents, `=` aligned within runs of single-line attributes,
a single space before the `=` of a value opening several lines."""

import copy
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from stackwright.importer.terraform import read_terraform
from stackwright.plan import build_plan
from stackwright.render.terraform import render_files
from stackwright.render.terraform.hcl import align
from stackwright.render.terraform.stack import ROOT_VALIDATIONS
from stackwright.spec.loader import load
from stackwright.spec.model import Spec

from conftest import BLUEPRINTS, ROOT

PADDED_OPENER = re.compile(r"\S {2,}= [\[{(]$|\S {2,}= \w+\([\[{]$")


def test_align_follows_hclwrite():
    written = "\n".join([
        'resource "x" "y" {',
        "  name = 1",
        '  description    = "a = b"',
        "  tags        = {",
        "    Name = \"n\"",
        "  }",
        "  cpu = 2",
        "  memory_in_gib = 4",
        "",
        "  count = 1",
        '  policy = jsonencode({',
        '    a = "${var.x}"',
        '  })',
        "  user_data = <<EOT",
        "a   = b",
        "EOT",
        "  enabled = var.a == 1",
        "}",
    ])
    assert align(written).splitlines() == [
        'resource "x" "y" {',
        "  name        = 1",
        '  description = "a = b"',
        "  tags = {",
        "    Name = \"n\"",
        "  }",
        "  cpu           = 2",
        "  memory_in_gib = 4",
        "",
        "  count = 1",
        '  policy = jsonencode({',
        '    a = "${var.x}"',
        '  })',
        "  user_data = <<EOT",
        "a   = b",
        "EOT",
        "  enabled = var.a == 1",
        "}",
    ]


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_generated_files_are_fmt_clean(blueprint):
    for path, text in render_files(build_plan(load(blueprint).spec)).items():
        assert align(text) == text, path
        heredoc = False
        for number, line in enumerate(text.splitlines(), start=1):
            if heredoc:
                heredoc = line != "EOT"
                continue
            heredoc = line.endswith("<<EOT")
            indent = len(line) - len(line.lstrip(" "))
            assert indent % 2 == 0 and "\t" not in line, f"{path}:{number}: {line!r}"
            assert not PADDED_OPENER.search(line), f"{path}:{number}: {line!r}"
            assert line == line.rstrip(), f"{path}:{number}: trailing space"


BEFORE = Path(__file__).parent / "fixtures" / "terraform" / "bowwow-before.json"


CERTIFICATE_REQUEST = re.compile(r'^(resource "aws_acm_certificate(_validation)?" "certificate"|resource '
                                 r'"aws_route53_record" "certificate_validation"|output "certificate_arn") \{\n'
                                 r'.*?^\}\n\n?', flags=re.MULTILINE | re.DOTALL)


def lines(files: dict[str, str]) -> int:
    return sum(text.count("\n") for text in files.values())


def test_bowwow_is_at_most_half_the_lines_it_was_with_the_same_resources(tmp_path):
    """BowWow's six services once took 5,122 lines of Terraform (every service written out in full); the
    service module, for_each and list variables bring it to half or less, with the same resource
    instances (as `stackwright import` expands for_each and count)."""
    before = json.loads(BEFORE.read_text(encoding="utf-8"))
    spec = load(ROOT / "blueprints" / "bowwow.yaml").spec
    # the blueprint has since encoded the document's Cloud Map discovery and alarm topic: measured without
    # them, as then
    components = {n: c for n, c in spec.components.items() if c.kind not in ("service_discovery", "sns")}
    plan = build_plan(spec.model_copy(update={"components": components}))
    files = render_files(plan)
    # since then the configuration can request its certificate (the root module also reads an existing hosted
    # zone and an empty image tag, measured): those new resources and their output are measured apart
    requesting = {path: CERTIFICATE_REQUEST.sub("", text) for path, text in files.items()}
    assert lines(files) - lines(requesting) <= 40  # the three resources and their output, not more
    assert lines(requesting) <= before["lines"] // 2
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    expected = Counter(before["resources"])
    # since then RDS manages each database's master password: no generated password, secret or version
    expected.subtract({t: len(plan.databases) for t in
                       ("random_password", "aws_secretsmanager_secret", "aws_secretsmanager_secret_version")})
    expected.update({"aws_acm_certificate": 1, "aws_route53_record": 1, "aws_acm_certificate_validation": 1})
    assert Counter(r.type for r in read_terraform(tmp_path).resources) == +expected


def test_each_added_service_adds_a_small_fixed_number_of_lines():
    """The generated code grows per service by its entry in `local.services` and a few lines where other
    modules name it (its target group, listener rule and alarm), not by another copy of the service's resources."""
    spec = yaml.safe_load((ROOT / "blueprints" / "bowwow.yaml").read_text(encoding="utf-8"))
    template = spec["components"]["user-service"]
    sizes = []
    for extra in (0, 1, 2, 3):
        grown = copy.deepcopy(spec)
        for number in range(extra):
            grown["components"][f"extra-{number}"] = copy.deepcopy(template)
        sizes.append(lines(render_files(build_plan(Spec.model_validate(grown)))))
    steps = [b - a for a, b in zip(sizes, sizes[1:])]
    assert len(set(steps)) == 1, steps
    assert 0 < steps[0] <= 100, steps  # was about 800: the service written out in full


@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_root_variable_validations_accept_the_plans_own_examples_and_defaults(blueprint):
    """Each validation's pattern (RE2 and Python agree on these) accepts the example and the default the
    variable's description gives, and rejects an obviously wrong value."""
    plan = build_plan(load(blueprint).spec)
    checked = 0
    for parameter in plan.parameters:
        if parameter.kind not in ROOT_VALIDATIONS:
            continue
        condition = ROOT_VALIDATIONS[parameter.kind][0]
        pattern = re.search(r'regex\("((?:[^"\\]|\\.)*)"', condition)
        allowed_empty = '== ""' in condition
        for value in filter(None, (parameter.example, parameter.default)):
            if pattern:
                assert re.search(pattern.group(1).replace("{{", "{").replace("}}", "}"), value), (parameter.id, value)
            else:
                assert value.startswith("/aws/service/"), (parameter.id, value)
            checked += 1
        if pattern and not allowed_empty:
            assert not re.search(pattern.group(1).replace("{{", "{").replace("}}", "}"), "not valid!")
    assert checked
