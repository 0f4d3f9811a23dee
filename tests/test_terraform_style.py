"""The generated Terraform is written as `terraform fmt` writes it (hclwrite's rules, checked here
without a terraform binary): two-space indents, `=` aligned within runs of single-line attributes,
a single space before the `=` of a value opening several lines."""

import re

import pytest

from stackwright.plan import build_plan
from stackwright.render.terraform import render_files
from stackwright.render.terraform.hcl import align
from stackwright.spec.loader import load

from conftest import BLUEPRINTS

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
