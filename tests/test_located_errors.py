"""Errors point at the place at fault: in the hostile corpus only whole-file problems (no such file,
empty, too large, not UTF-8, not the kind of file wanted) are located at 1:1; a value, key, section,
resource or region is located where it is written; command-line options are named, not given a place."""

import pytest
from typer.testing import CliRunner

from stackwright.cli import app

from test_hostile_corpus import collect

WHOLE_FILE = ("no such file", "the file is empty", "larger than", "not UTF-8", "not a spec", "this is already a spec")


def test_only_whole_file_problems_are_located_at_the_first_character():
    at_start = [case for case in collect() if (case.line, case.column) == (1, 1)]
    assert at_start  # the corpus still has whole-file cases
    wrongly = [(case.id, case.says) for case in at_start if not case.says.startswith(WHOLE_FILE)
               and not (case.id.endswith("037-resources-missing.yaml"))]  # no Resources key to point at
    assert wrongly == []


@pytest.mark.parametrize(("arguments", "starts"), [
    (["--var", "novalue"], "error: --var 'novalue': not KEY=VALUE"),
    (["--var-file", "missing.tfvars"], "error: --var-file 'missing.tfvars': no such variables file"),
    (["--region", "../sources"], "error: --region '../sources': it is not a region code"),
])
def test_a_bad_option_is_named_not_located(arguments, starts, tmp_path):
    (tmp_path / "main.tf").write_text('resource "aws_instance" "a" {\n  instance_type = "t3.micro"\n}\n')
    result = CliRunner().invoke(app, ["import", str(tmp_path), *arguments])
    assert result.exit_code == 2 and result.stderr.startswith(starts), result.stderr
    assert ":1:1:" not in result.stderr


def test_a_stack_running_out_in_the_yaml_builder_is_located_where_it_was():
    """The limits stop nesting (MAX_YAML_DEPTH, merge-key chains) before Python's stack runs out; should it
    still run out, the error points at the node being built, not at 1:1."""
    import inspect
    import sys

    from stackwright.errors import UserError
    from stackwright.spec.loader import parse_yaml

    text = "name: shop\nregion: ap-northeast-2\ncomponents:\n" + "".join(
        "  " * (level + 1) + f"l{level}:\n" for level in range(60)) + "  " * 61 + "leaf: 1\n"
    sys_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 120)  # room for about 40 levels of the builder
    try:
        with pytest.raises(UserError) as raised:
            parse_yaml(text, "deep.yaml")
    finally:
        sys.setrecursionlimit(sys_limit)
    [problem] = raised.value.problems
    assert problem.message == "the document is nested too deeply here; flatten it"
    assert 10 < problem.line < 65 and problem.column > 1  # a key of the nesting, not 1:1
