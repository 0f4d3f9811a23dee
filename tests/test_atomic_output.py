"""Outputs are atomic: a failed or interrupted command leaves the previous output or nothing, and
file-system trouble is a user error (exit 2) naming the option and the path."""

import os
import signal
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from stackwright import planner
from stackwright.cli import app

from conftest import ROOT

GLIMPSE = str(ROOT / "blueprints" / "glimpse.yaml")
runner = CliRunner()


def tree(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(".partial")]


def test_a_failing_plan_leaves_the_previous_output(tmp_path, monkeypatch):
    out = tmp_path / "plan"
    assert runner.invoke(app, ["plan", GLIMPSE, "--out", str(out)]).exit_code == 0
    (out / "terraform" / "terraform.tfstate").write_text("{}")  # the user's, not ours: kept
    before = tree(out)
    real_steps = planner.steps

    def failing_steps(spec, staged, lang, *more):
        for step in real_steps(spec, staged, lang, *more):
            yield step
            if step.name == "Terraform":
                yield planner.Step("broken", lambda: (_ for _ in ()).throw(OSError(28, "No space left on device")))

    monkeypatch.setattr(planner, "steps", failing_steps)
    result = runner.invoke(app, ["plan", GLIMPSE, "--out", str(out)])
    assert result.exit_code == 2
    assert "--out" in result.stderr and "the disk is full" in result.stderr
    assert tree(out) == before
    assert leftovers(tmp_path) == []


def test_a_new_plan_replaces_stale_terraform_files_but_keeps_the_users(tmp_path):
    out = tmp_path / "plan"
    (out / "terraform").mkdir(parents=True)
    (out / "terraform" / "old_module.tf").write_text("# from an earlier plan")
    (out / "notes.txt").write_text("mine")
    assert runner.invoke(app, ["plan", GLIMPSE, "--out", str(out)]).exit_code == 0
    assert not (out / "terraform" / "old_module.tf").exists()
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / "terraform" / "main.tf").is_file()
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("delay", [0.4, 0.8, 1.2])
def test_an_interrupted_plan_leaves_nothing_half_written(tmp_path, delay):
    out = tmp_path / "plan"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen([sys.executable, "-m", "stackwright", "plan", GLIMPSE, "--out", str(out)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(delay)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert b"Traceback" not in err
    assert leftovers(tmp_path) == []
    if out.exists():  # finished, or stopped while the finished output was moved in: complete
        assert (out / "report.html").is_file() and (out / "terraform" / "main.tf").is_file(), err
    else:  # stopped while writing: nothing at all, and said so
        assert process.returncode in (130, -signal.SIGTERM), err


def test_an_interrupt_caught_inside_exec_source_still_exits_130_under_python_m(tmp_path):
    # CPython marks an interrupt raised inside exec'd source as unhandled even when it is caught, and under
    # `python -m` kills itself with SIGINT at exit; an interrupt landing in a lazy import's dataclass did that.
    (tmp_path / "interrupted_cli.py").write_text(
        "from stackwright import cli\n"
        "def interrupted():\n"
        "    try:\n"
        "        exec('raise KeyboardInterrupt')\n"
        "    except KeyboardInterrupt:\n"
        "        raise SystemExit(130)\n"
        "cli.app = interrupted\n"
        "cli.main()\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(tmp_path)])}
    done = subprocess.run([sys.executable, "-m", "interrupted_cli"], env=env, capture_output=True, timeout=60)
    assert done.returncode == 130, done.stderr


def test_cost_out_onto_a_file_is_refused(tmp_path):
    target = tmp_path / "bill"
    target.write_text("x")
    result = runner.invoke(app, ["cost", GLIMPSE, "--out", str(target)])
    assert result.exit_code == 2
    assert f"--out '{target}': is a file" in result.stderr
    assert target.read_text() == "x"


@pytest.mark.parametrize("name, says", [
    ("missing/sized.yaml", "a folder on the path does not exist"),
    ("file/sized.yaml", "a part of the path is a file"),
    ("x" * 300 + ".yaml", "the path is too long"),
    (".", "is a folder"),
])
def test_write_into_impossible_places_is_refused(tmp_path, name, says):
    (tmp_path / "file").write_text("x")
    result = runner.invoke(app, ["size", GLIMPSE, "--write", str(tmp_path / name)])
    assert result.exit_code == 2, result.stderr
    assert says in result.stderr
    assert leftovers(tmp_path) == []


def test_write_replaces_an_existing_file_whole(tmp_path):
    target = tmp_path / "sized.yaml"
    target.write_text("old")
    assert runner.invoke(app, ["size", GLIMPSE, "--write", str(target)]).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("#")
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())
    assert leftovers(tmp_path) == []


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_document_written_in_pieces_is_their_text_however_they_are_cut(tmp_path):
    from stackwright.output import write_pieces

    pieces = ["한국어 ", "", "x" * 3_000_000, *("line\n" for _ in range(300_000)), "end"]
    path = tmp_path / "design.md"
    write_pieces(path, iter(pieces))
    assert path.read_text(encoding="utf-8") == "".join(pieces)
