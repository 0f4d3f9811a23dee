"""The hostile-input corpus (tests/fixtures/hostile/): every case ends with its documented exit code,
a `file:line:column: what; how to fix` message (or the option at fault), no traceback, in under 10 s
and 500 MB.

Cases run in worker subprocesses (tests/hostile_worker.py), many per process, under an address-space
limit and a per-case alarm; see tests/fixtures/hostile/README.md for how a case is written.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
EXPECT = re.compile(r"^(?:#\s*)?expect (\d+)(?: at (\d+):(\d+))?: (.*)$")
RUN = re.compile(r"^#\s*run: (.*)$")
DEFAULT_RUN = {
    "spec": "validate {file}",
    "terraform": "import {file} --format json",
    "cloudformation": "import {file} --format json",
    "usage": "import tests/fixtures/hostile/usage/_code/main.tf --usage {file} --format json",
}
LOCATED = re.compile(r"^(.+):(\d+):(\d+): (.+); (.+)$")
OPTION = re.compile(r"^error: (.+); (.+)$")
MAX_SECONDS = 10
MAX_MB = 500
BATCHES = 2


@dataclass(frozen=True)
class Case:
    id: str
    run: str
    code: int
    line: int | None
    column: int | None
    says: str
    file: str  # the file a location refers to, relative to the repository


def _expectation(text: str, where: str) -> tuple[int, int | None, int | None, str]:
    match = EXPECT.match(text.strip())
    if not match:
        raise ValueError(f"{where}: no `expect CODE [at LINE:COL]: TEXT` line")
    code, line, column, says = match.groups()
    return int(code), line and int(line), column and int(column), says


def collect() -> list[Case]:
    cases = []
    for folder, default in DEFAULT_RUN.items():
        directory = HOSTILE / folder
        sidecar = yaml.safe_load((directory / "expectations.yaml").read_text()) \
            if (directory / "expectations.yaml").exists() else {}
        for path in sorted(directory.iterdir()):
            if path.name.startswith(("_", ".")) or path.name == "expectations.yaml":
                continue
            header = path / "main.tf" if path.is_dir() else path
            relative = str(header.relative_to(ROOT))
            run, expect = default, None
            if path.name in sidecar:
                entry = sidecar[path.name]
                expect, run = (entry, run) if isinstance(entry, str) else (entry["expect"], entry.get("run", run))
            else:
                for line in header.read_bytes().decode("utf-8", "replace").splitlines()[:3]:
                    if RUN.match(line):
                        run = RUN.match(line).group(1)
                    elif EXPECT.match(line):
                        expect = line
            code, line, column, says = _expectation(expect or "", relative)
            target = str(path.relative_to(ROOT))
            cases.append(Case(f"{folder}/{path.name}", run.replace("{file}", shlex.quote(target)), code, line,
                              column, says, relative))
    for entry in yaml.safe_load((HOSTILE / "cli" / "cases.yaml").read_text()):
        code, line, column, says = _expectation(entry["expect"], entry["id"])
        cases.append(Case(f"cli/{entry['id']}", entry["run"], code, line, column, says, entry.get("file", "")))
    return cases


CASES = collect()


@pytest.fixture(scope="session")
def results(tmp_path_factory) -> dict[str, dict]:
    scratch = tmp_path_factory.mktemp("hostile")
    (scratch / "a-file").write_text("not a folder\n")
    jobs = [{"id": c.id, "args": shlex.split(c.run.replace("{tmp}", str(scratch)))} for c in CASES]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "200"}
    workers = [subprocess.Popen([sys.executable, str(ROOT / "tests" / "hostile_worker.py")], cwd=ROOT, env=env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(BATCHES)]
    for index, worker in enumerate(workers):
        worker.stdin.write(json.dumps(jobs[index::BATCHES]))
        worker.stdin.close()
    found = {}
    for worker in workers:
        out, err = worker.stdout.read(), worker.stderr.read()
        worker.wait(timeout=600)
        for line in out.splitlines():
            result = json.loads(line)
            found[result["id"]] = result
        if worker.returncode != 0:
            found.setdefault("worker", {"crashed": err[-4000:]})
    return found


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 150, len(CASES)
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, results):
    result = results.get(case.id)
    assert result is not None, f"the worker gave no result (crashed? {results.get('worker')})"
    assert result["crashed"] is None, result["crashed"]
    output = result["stdout"] + result["stderr"]
    assert "Traceback" not in output, output
    assert result["seconds"] < MAX_SECONDS
    assert result["peak_mb"] < MAX_MB
    assert result["code"] == case.code, output
    assert case.says in output, output
    if case.code == 2:
        lines = [line for line in result["stderr"].splitlines() if line.strip()]
        assert lines, "exit 2 without a message"
        for line in lines:
            assert LOCATED.match(line) or OPTION.match(line), f"not `file:line:column: what; how to fix`: {line}"
        if case.line is not None:
            assert any(line.startswith(f"{case.file}:{case.line}:{case.column}: ") for line in lines), lines


def test_worst_case_time_and_memory(results, record_property):
    """The corpus's worst figures (reported in the README)."""
    measured = [r for key, r in results.items() if key != "worker"]
    worst_seconds = max(r["seconds"] for r in measured)
    peak = max(r["peak_mb"] for r in measured)
    record_property("worst_seconds", worst_seconds)
    record_property("peak_mb", peak)
    print(f"hostile corpus: {len(measured)} cases, slowest {worst_seconds:.2f} s, peak RSS {peak:.0f} MB")
    assert worst_seconds < MAX_SECONDS and peak < MAX_MB
