"""`stackwright plan`: every output for one spec, written into one folder.

Each writer is a separate step so the CLI can show progress and a missing optional tool (Graphviz)
costs only its own output.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from stackwright import collector
from stackwright.spec.model import Spec


# Generated files a new plan replaces wholesale: stale ones an earlier plan wrote are removed.
PRUNE = ("terraform/*.tf", "terraform/**/*.tf")


@dataclass(frozen=True)
class Step:
    name: str
    write: Callable[[], list[Path]]


def _apart(name: str, write: Callable[[], list[Path]]) -> Step:
    """A step whose collections walk only what it allocates: at 1,000 services the plan and the optimiser's
    result are millions of objects, and every full collection a renderer's allocations set off walked them all
    again (a fifth of the plan's CPU)."""

    def written() -> list[Path]:
        with collector.apart():
            return write()

    return Step(name, written)


# What makes Rich treat the output as a terminal although it is not one (see rich.console.Console.is_terminal).
RICH_TERMINAL_VARIABLES = ("FORCE_COLOR", "TTY_COMPATIBLE")


@contextlib.contextmanager
def progress(total: int) -> Iterator[Callable[[str], None]]:
    """A transient progress bar of `total` steps, on a terminal: yields `started(description)`, called as each
    step starts. Anywhere else Rich would draw nothing, so it is not loaded (importing it is 25 ms of a plan
    whose output goes to a file or a pipe, as in CI)."""
    if not sys.stdout.isatty() and not any(name in os.environ for name in RICH_TERMINAL_VARIABLES):
        yield lambda description: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("planning", total=total)
        done = [-1]  # steps finished before the one starting

        def started(description: str) -> None:
            done[0] += 1
            bar.update(task, description=description, completed=done[0])

        yield started


def _top_level_section(text: str, key: str) -> str:
    """The lines of a block-style YAML document's top-level `key` (empty when it has none)."""
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
    if start is None:
        return ""
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "\n", "#", "-", "")),
               len(lines))
    return "".join(lines[start:end])


def steps(spec: Spec, out: Path, lang: str, environments: dict | None = None) -> Iterator[Step]:
    """`environments`: the spec's environments side by side and which this is, for the document and report."""
    from stackwright.plan import build_plan

    plan = build_plan(spec)

    def cloudformation() -> list[Path]:
        from stackwright.render.cloudformation import PARAMETERS_FILE, write_cloudformation

        template = write_cloudformation(plan, out)
        return [template, template.parent / PARAMETERS_FILE]

    def terraform() -> list[Path]:
        from stackwright.render.terraform import write_terraform

        return write_terraform(plan, out)

    def parameters() -> list[Path]:
        import re

        import yaml

        from stackwright.render.parameter_files import write_parameter_files

        # what the two steps before wrote: the template's parameters and the root module's variables
        # only its Parameters section is read: loading a large template whole takes seconds
        text = (out / "cloudformation" / "template.yaml").read_text(encoding="utf-8")
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        template = yaml.load(_top_level_section(text, "Parameters"), Loader=loader) or {}
        variables_tf = out / "terraform" / "variables.tf"  # absent when the root module takes no variables
        variables = variables_tf.read_text(encoding="utf-8") if variables_tf.exists() else ""
        declared = set(re.findall(r'^variable "([^"]+)"', variables, flags=re.MULTILINE))
        return write_parameter_files(plan, template, declared, out)

    def usage() -> list[Path]:
        from stackwright.render.usage_file import write_usage_files

        return write_usage_files(spec, plan, out)

    def design() -> list[Path]:
        from stackwright.document import write_design

        return [write_design(spec, out, lang, environments)]

    def diagram() -> list[Path]:
        from stackwright.diagram import write_diagram

        return write_diagram(spec, out)

    def report() -> list[Path]:
        from stackwright.report import write_report

        return [write_report(spec, out, lang, environments)]

    yield _apart("CloudFormation", cloudformation)
    yield _apart("Terraform", terraform)
    yield _apart("parameter files", parameters)
    yield _apart("usage files", usage)
    yield _apart("design document", design)
    yield _apart("diagram", diagram)
    yield _apart("HTML report", report)


def folder(env: str | None, each: list) -> str:
    """Where an environment's plan goes: the spec as written (the first) at the top, as without environments;
    each other environment in a folder of its own name."""
    return "." if env is None or env == each[0][0] else env


def side_by_side(each: list) -> dict | None:
    """The environments' figures every environment's document and report shows; None for a single spec."""
    if each[0][0] is None or len(each) < 2:
        return None
    from stackwright.document.environments import side_by_side as figures

    return figures(each)


def shared_steps(each: list, out: Path, lang: str, figures: dict | None = None) -> Iterator[Step]:
    """Outputs for the whole spec, beside the environments' folders: the deploy workflow over every environment
    (with `ci:`), and the environments side by side. `figures`: `side_by_side(each)`, when the caller has it
    (each environment priced once for the documents and environments.md)."""

    def workflow() -> list[Path]:
        from stackwright.plan import build_plan
        from stackwright.render.github_actions import write_workflow

        return write_workflow([build_plan(loaded.spec, loaded) for _, loaded in each], out)

    def environments() -> list[Path]:
        from stackwright.document.environments import write_environments

        return [write_environments(each, out, lang, figures)]

    if any(loaded.spec.ci for _, loaded in each):
        yield Step("GitHub Actions workflow", workflow)
    if each[0][0] is not None and len(each) > 1:
        yield Step("environments", environments)
