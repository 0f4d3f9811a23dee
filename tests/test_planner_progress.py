"""`plan`'s progress bar: drawn by Rich on a terminal (or where Rich's variables say the output is one), and Rich
not even loaded where it would draw nothing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from stackwright import planner

SCRIPT = """
import sys
from stackwright import planner
with planner.progress(3) as started:
    for name in ("CloudFormation", "Terraform", "diagram"):
        started(name)
print("rich.progress" in sys.modules)
"""


def run(**variables: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in planner.RICH_TERMINAL_VARIABLES}
    return subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True,
                          env=environment | variables)


def test_rich_is_not_loaded_when_the_output_is_no_terminal():
    done = run()
    assert done.stdout == "False\n" and done.stderr == ""


@pytest.mark.parametrize("variable", planner.RICH_TERMINAL_VARIABLES)
def test_a_terminal_rich_is_told_of_still_gets_the_bar(variable):
    done = run(**{variable: "1"})
    assert "planning" in done.stdout and done.stdout.endswith("True\n")  # the bar, then Rich loaded
