"""checkov on generated Terraform or CloudFormation, run as a subprocess from its own environment.

checkov pins boto3 and installs its own fork of python-hcl2 under the same module name, so it cannot
share stackwright's environment: it lives in `.venv-checkov/` (or wherever `STACKWRIGHT_CHECKOV`
points) and is run with `--skip-download` (no platform calls) and `--soft-fail` (the exit code says
only whether checkov itself worked). The report keeps failed and skipped checks: a skip carries the
reason written next to the resource (see `checkov_skips`).
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Framework = Literal["terraform", "cloudformation"]
FRAMEWORKS = ("terraform", "cloudformation")
ENV_VARIABLE = "STACKWRIGHT_CHECKOV"
REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_EXECUTABLE = REPO_ROOT / ".venv-checkov" / "bin" / "checkov"
MAKE_TARGET = ".venv-checkov/bin/checkov"  # the Makefile's rule that creates the environment
TIMEOUT_SECONDS = 600
NO_REASON = "No comment provided"  # what checkov records for a skip comment without one


class CheckovUnavailable(RuntimeError):
    pass


class CheckovFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Finding:
    check: str
    name: str
    resource: str  # `module.database.aws_db_instance.db`, `AWS::RDS::DBInstance.Db`
    file: str  # relative to the scanned directory, as checkov gives it: `/glimpse/terraform/main.tf`
    lines: tuple[int, int]
    reason: str = ""  # the skip comment; empty for a failed check

    @property
    def reasoned(self) -> bool:
        return bool(self.reason.strip()) and self.reason != NO_REASON


@dataclass(frozen=True)
class CheckovReport:
    framework: str
    directory: Path
    version: str
    passed: int
    failed: tuple[Finding, ...]
    skipped: tuple[Finding, ...]
    parsing_errors: tuple[str, ...]

    @property
    def clean(self) -> bool:
        """No failed check, every skip with a reason, every file parsed."""
        return not self.failed and not self.parsing_errors and all(s.reasoned for s in self.skipped)


def checkov_executable() -> Path:
    """`$STACKWRIGHT_CHECKOV`, else the repository's `.venv-checkov`; an error says how to install it."""
    configured = os.environ.get(ENV_VARIABLE)
    path = Path(configured) if configured else DEFAULT_EXECUTABLE
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise CheckovUnavailable(
            f"checkov not found at {path}. It needs an environment of its own (it pins boto3 and replaces "
            f"python-hcl2): run `make {MAKE_TARGET}` in the repository to create it, or set {ENV_VARIABLE} "
            "to a checkov executable.")
    return path


def run_checkov(directory: Path, framework: Framework) -> CheckovReport:
    """checkov's verdict on every template under `directory`."""
    if framework not in FRAMEWORKS:
        raise ValueError(f"framework must be one of {', '.join(FRAMEWORKS)}, not {framework!r}")
    directory = Path(directory)
    command = [str(checkov_executable()), "-d", str(directory), "--framework", framework, "--skip-download",
               "--soft-fail", "-o", "json", "--compact"]  # not --quiet: it drops the skipped checks
    result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    if result.returncode != 0:
        raise CheckovFailed(f"checkov exited with {result.returncode}: {result.stderr.strip()[-2000:]}")
    return parse_report(result.stdout, framework, directory)


def parse_report(output: str, framework: str, directory: Path) -> CheckovReport:
    """checkov's JSON: one report object, a list of them (one per framework), or a bare summary when it
    found nothing to scan."""
    try:
        data = json.loads(output)
    except json.JSONDecodeError as error:
        raise CheckovFailed(f"checkov printed no JSON report ({error}): {output[:500]!r}") from None
    reports = data if isinstance(data, list) else [data]
    report = next((r for r in reports if r.get("check_type") == framework), None)
    if report is None:
        summary = reports[0] if reports else {}
        return CheckovReport(framework, directory, summary.get("checkov_version", ""), 0, (), (), ())
    results = report.get("results", {})
    return CheckovReport(
        framework=framework,
        directory=directory,
        version=report["summary"].get("checkov_version", ""),
        passed=report["summary"].get("passed", 0),
        failed=tuple(_finding(f) for f in results.get("failed_checks", [])),
        skipped=tuple(_finding(f) for f in results.get("skipped_checks", [])),
        parsing_errors=tuple(results.get("parsing_errors", [])),
    )


def _finding(entry: dict) -> Finding:
    start, end = entry.get("file_line_range") or (0, 0)
    return Finding(entry["check_id"], entry.get("check_name", ""), entry.get("resource", ""),
                   entry.get("file_path", ""), (start, end),
                   entry.get("check_result", {}).get("suppress_comment", ""))
