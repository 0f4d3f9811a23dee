"""Runtime profiles: every runtime the spec accepts has a requests-per-vCPU figure and a public source."""

from typing import get_args

from stackwright.sizing import profiles, sizer
from stackwright.spec.model import Runtime, Spec

NEW_RUNTIMES = ("django", "flask", "rails", "laravel", "express", "aspnet", "phoenix")


def test_every_runtime_has_a_figure_and_a_cited_source():
    runtimes = set(get_args(Runtime))
    assert set(NEW_RUNTIMES) <= runtimes
    assert runtimes == set(profiles.RPS_PER_VCPU) == set(profiles.RPS_SOURCES)
    for runtime in runtimes:
        assert profiles.RPS_PER_VCPU[runtime] > 0
        assert "https://" in profiles.RPS_SOURCES[runtime], runtime


def test_schema_lists_the_allowed_runtimes():
    schema = Spec.model_json_schema()
    enum = schema["$defs"]["FargateService"]["properties"]["runtime"]["anyOf"][0]["enum"]
    assert set(enum) == set(profiles.RPS_PER_VCPU)


def _tasks_for(runtime: str) -> int:
    spec = Spec.model_validate({
        "name": "t", "region": "us-east-1", "traffic": {"peak_rps": 2000},
        "components": {"web": {"kind": "fargate_service", "cpu": 1, "memory_gb": 2, "runtime": runtime}}})
    return sizer.size(spec).spec.components["web"].tasks.max


def test_slower_runtimes_size_more_tasks():
    assert _tasks_for("rails") > _tasks_for("django") > _tasks_for("fastapi") >= _tasks_for("aspnet") > _tasks_for("go")


def test_derived_figures_follow_from_the_published_benchmark():
    """1 / (application work + cores / published req/s), the application work being what makes FastAPI 100."""
    work = 1 / 100 - 8 / 67_813.00
    assert profiles.RPS_PER_VCPU["rails"] == round(1 / (work + 8 / 4_124.33)) == 85
    assert profiles.RPS_PER_VCPU["django"] == round(1 / (work + 8 / 15_040.00)) == 96
    assert profiles.RPS_PER_VCPU["aspnet"] == round(1 / (work + 8 / 192_538.00)) == 101
    # Phoenix is in the 2020 run only: its cost relative to FastAPI's in that run
    assert profiles.RPS_PER_VCPU["phoenix"] == round(1 / (work + 8 / 67_813.00 * 27_239 / 35_880)) == 100
    for runtime in NEW_RUNTIMES:
        assert "github.com/the-benchmarker/web-frameworks/blob/" in profiles.RPS_SOURCES[runtime]
        assert f"= {profiles.RPS_PER_VCPU[runtime]} req/s per vCPU" in profiles.RPS_SOURCES[runtime]
    for runtime in set(profiles.RPS_PER_VCPU) - set(NEW_RUNTIMES):
        assert profiles.RPS_SOURCES[runtime].startswith("estimate, not a benchmark figure"), runtime
