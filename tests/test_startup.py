"""`stackwright cost` start-up: what a fresh process imports for each output, and what it leaves the
interpreter's final collections. The figures are in bench/bench_cost.py; these guard the lazy imports that
make them, in a fresh interpreter as a user's shell starts one."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from stackwright.cli import app

from conftest import BLUEPRINTS

# A fresh interpreter runs the command as the `stackwright` script does; an exit handler registered before
# main()'s own runs after it (last registered, first run) and reports what the process loaded.
PROCESS = """
import atexit, gc, json, sys

def report():
    print(json.dumps({"modules": sorted(sys.modules), "frozen": gc.get_freeze_count(), "collector": gc.isenabled()}),
          file=sys.stderr)

atexit.register(report)
sys.argv = ["stackwright", *sys.argv[1:]]
from stackwright.cli import main
main()
"""

# What `cost` never needs, whatever the output: the other commands' machinery and libraries.
OTHER_COMMANDS = ("stackwright.optimize", "stackwright.deploy", "stackwright.diagram", "stackwright.document",
                  "stackwright.report", "stackwright.serve", "stackwright.checks", "stackwright.importer.terraform",
                  "stackwright.render.cloudformation", "jinja2", "hcl2", "lark", "boto3", "moto")


def _run(*args: str, env: dict[str, str] | None = None, process: str = PROCESS) -> tuple[str, dict]:
    done = subprocess.run([sys.executable, "-c", process, *args], capture_output=True, text=True, check=True,
                          env=env)
    return done.stdout, json.loads(done.stderr.strip().splitlines()[-1])


def _loaded(modules: list[str], names: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == name or m.startswith(name + ".") for name in names)]


def test_cost_as_json_loads_neither_rich_nor_what_other_commands_need():
    out, process = _run("cost", str(BLUEPRINTS[0]), "--format", "json")
    assert json.loads(out)["items"][0]["address"]  # the Terraform addresses are there
    assert _loaded(process["modules"], ("rich", *OTHER_COMMANDS)) == []


def test_cost_as_a_table_leaves_the_terraform_renderer_unloaded():
    """The table names no Terraform address, so the renderer that finds them stays unloaded."""
    out, process = _run("cost", str(BLUEPRINTS[0]))
    assert "monthly cost" in out
    assert "rich.table" in process["modules"]
    assert _loaded(process["modules"], ("stackwright.render.terraform", *OTHER_COMMANDS)) == []


def test_what_the_process_leaves_is_frozen_before_the_final_collections():
    _, process = _run("cost", str(BLUEPRINTS[0]), "--format", "csv")
    assert process["frozen"] > 10_000


@pytest.mark.parametrize("entry", [PROCESS, PROCESS.replace("from stackwright.cli import main\nmain()",
                                                              "from stackwright.__main__ import run\nrun()")])
def test_a_short_command_runs_without_the_cycle_collector_and_any_other_gets_it_back(entry):
    """Through main(), and through the process entry (`python -m stackwright`, the installed script), which turns
    the collector off before importing the commands."""
    _, short = _run("validate", str(BLUEPRINTS[0]), process=entry)
    assert short["collector"] is False
    out, other = _run("prices", "sources", process=entry)
    assert "ec2shop-ec2-ondemand" in out
    assert other["collector"] is True


def test_run_in_process_the_commands_leave_the_collector_as_they_found_it():
    """Only main(), which owns the process, turns the collector off; a caller invoking the app (tests, an
    embedding program) keeps its collector and nothing of its own is frozen."""
    frozen = gc.get_freeze_count()
    for args in (["cost", str(BLUEPRINTS[0]), "--format", "csv"], ["prices", "sources"]):
        assert CliRunner().invoke(app, args).exit_code == 0
        assert gc.isenabled()
        assert gc.get_freeze_count() == frozen


def test_the_next_process_takes_the_dataclass_methods_compiled_by_the_first(tmp_path):
    """A cold `cost` compiles the methods `dataclasses` writes for the plan's and the bill's classes and keeps
    them in the user cache; the next one compiles none (the file is not written again) and prints the same."""
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    first, _ = _run("cost", str(BLUEPRINTS[0]), "--format", "json", env=env)
    kept = sorted(tmp_path.glob("stackwright-*/dataclass-methods-*.marshal"))  # a file per module making classes
    assert any(path.name.endswith("-stackwright.plan.model.marshal") for path in kept)
    for path in kept:
        os.utime(path, (0, 0))
    second, _ = _run("cost", str(BLUEPRINTS[0]), "--format", "json", env=env)
    assert second == first
    assert sorted(tmp_path.glob("stackwright-*/dataclass-methods-*.marshal")) == kept
    assert [path.stat().st_mtime for path in kept] == [0] * len(kept)


def test_the_command_named_first_is_the_only_one_made_and_shows_the_same():
    """main() gives Typer only the command the arguments name; its help, a run and the whole app's answers to
    anything else (help, a misspelt command) are the same as with every command."""
    from stackwright.cli import _app_for

    runner = CliRunner()
    names = [info.name or info.callback.__name__ for info in app.registered_commands]
    names += [info.name for info in app.registered_groups]
    for name in names:
        only = _app_for([name.rstrip("_"), "--help"])
        assert len(only.registered_commands) + len(only.registered_groups) == 1, name
        assert runner.invoke(only, [name.rstrip("_"), "--help"]).output == \
            runner.invoke(app, [name.rstrip("_"), "--help"]).output
    assert runner.invoke(_app_for(["prices", "sources", "--help"]), ["prices", "sources", "--help"]).output == \
        runner.invoke(app, ["prices", "sources", "--help"]).output
    for args in ([], ["--help"], ["cots"], ["--help", "cost"]):
        assert _app_for(args) is app
    spec = str(BLUEPRINTS[0])
    assert runner.invoke(_app_for(["cost", spec]), ["cost", spec, "--format", "csv"]).output == \
        runner.invoke(app, ["cost", spec, "--format", "csv"]).output
