"""Work done once per spec: `stackwright plan` builds the spec's plan once, lays the diagram out once
(PNG and SVG from one Graphviz run) and the report embeds that same SVG."""

from __future__ import annotations

import subprocess
import tempfile
from collections import OrderedDict
from pathlib import Path

import pytest

from stackwright import diagram, planner
from stackwright.plan import build
from stackwright.sizing.sizer import resolve
from stackwright.spec.loader import load

BLUEPRINTS = Path(__file__).resolve().parents[1] / "blueprints"


def test_a_spec_and_its_sized_self_share_one_plan(monkeypatch):
    monkeypatch.setattr(build, "_plans", OrderedDict())
    monkeypatch.setattr(build, "_once", OrderedDict())
    spec = load(BLUEPRINTS / "glimpse.yaml").spec
    plan = build.build_plan(spec)
    assert build.build_plan(resolve(spec)) is plan
    assert build.build_plan(spec.model_copy(update={"azs": 3})) is not plan


def test_plan_outputs_build_the_plan_and_draw_the_diagram_once(monkeypatch, tmp_path):
    if not diagram.graphviz_available():
        pytest.skip("Graphviz is not installed")
    (tmp_path / "temp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))  # an empty user cache: nothing drawn before
    monkeypatch.setattr(build, "_plans", OrderedDict())
    monkeypatch.setattr(build, "_once", OrderedDict())
    monkeypatch.setattr(diagram, "_drawn", OrderedDict())
    spec = resolve(load(BLUEPRINTS / "glimpse.yaml").spec)
    own = spec.model_dump_json()
    built, layouts = [], []
    builder, run = build._Builder.build, subprocess.run

    def counted_build(self, loaded):
        built.append(self.spec.model_dump_json())
        return builder(self, loaded)

    def counted_run(command, **kwargs):
        if command[0] == "dot":
            layouts.append(command)
        return run(command, **kwargs)

    monkeypatch.setattr(build._Builder, "build", counted_build)
    monkeypatch.setattr(subprocess, "run", counted_run)
    for step in planner.steps(spec, tmp_path / "out", "en"):
        step.write()
    assert built.count(own) == 1  # the optimiser and the roadmap plan other specs
    assert len(layouts) == 1 and {"-Tpng", "-Tsvg"} <= set(layouts[0])
    svg = (tmp_path / "out" / "diagram.svg").read_text(encoding="utf-8")
    report = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert svg.split("<svg", 1)[1][:2000].split(">", 1)[1] in report  # the same picture, embedded
