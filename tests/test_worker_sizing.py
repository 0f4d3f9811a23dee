"""A queue worker is sized from its queue's messages and the CPU one message takes, grows with the roadmap's
phases, and the optimiser considers it as it does a Fargate service (Spot share, smaller tasks)."""

import math

import pytest
import yaml
from typer.testing import CliRunner

from stackwright.cli import app
from stackwright.errors import UserError
from stackwright.optimize.rules import opt001_fargate_spot, opt017_rightsize_service
from stackwright.roadmap import roadmap
from stackwright.sizing import sizer
from stackwright.spec.loader import load
from stackwright.spec.model import Spec

SPEC = """
name: jobs
region: us-east-1
traffic: {dau: 20000, requests_per_user_day: 50, peak_rps: 100}
components:
  web: {kind: fargate_service, cpu: 0.5, memory_gb: 1, tasks: {min: 2, desired: 2, max: 4}}
  lb: {kind: alb}
  work: {kind: sqs, messages_per_user_day: 10}
  jobs:
    kind: worker
    cpu: 1
    memory_gb: 2
    queue: work
    tasks: auto
    cpu_seconds_per_message: 2
"""


def spec(**jobs) -> Spec:
    data = yaml.safe_load(SPEC)
    data["components"]["jobs"].update(jobs)
    return Spec.model_validate(data)


def test_tasks_come_from_the_queues_messages_and_the_cpu_each_takes():
    result = sizer.size(spec())
    jobs = result.spec.components["jobs"]
    average = 10 * 20_000 * 30 / (730 * 3600)  # messages a second
    per_task = 1 * 0.6 / 2  # 1 vCPU at the 60% target, 2 vCPU-s a message
    usage_peak_ratio = 100 / sizer.Usage(result.spec.traffic).avg_rps
    assert jobs.tasks.min == 1
    assert jobs.tasks.desired == max(1, math.ceil(average / per_task)) == 8
    assert jobs.tasks.max == math.ceil(average * usage_peak_ratio / per_task) + 1
    why = next(s.why for s in result.sized if s.path[1] == "jobs")
    assert "2 vCPU-s per message" in why and "queue work" in why


def test_cpu_scaling_sizes_at_its_own_cpu_target():
    at_90 = sizer.size(spec(scaling={"metric": "cpu", "target_cpu_percent": 90})).spec.components["jobs"]
    at_60 = sizer.size(spec()).spec.components["jobs"]
    assert at_90.tasks.desired < at_60.tasks.desired


def test_auto_without_what_a_message_costs_is_a_located_error(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(SPEC.replace("    cpu_seconds_per_message: 2\n", ""), encoding="utf-8")
    result = CliRunner().invoke(app, ["cost", str(path)])
    assert result.exit_code == 2 and "cpu_seconds_per_message" in result.output and "Traceback" not in result.output


def test_explicit_tasks_stay_and_every_command_runs(tmp_path):
    fixed = sizer.size(spec(tasks={"min": 1, "desired": 2, "max": 3})).spec.components["jobs"]
    assert (fixed.tasks.min, fixed.tasks.desired, fixed.tasks.max) == (1, 2, 3)
    path = tmp_path / "s.yaml"
    path.write_text(SPEC, encoding="utf-8")
    for command in (["size"], ["cost"], ["check"], ["optimize"], ["roadmap"], ["plan", "--out", str(tmp_path / "o")]):
        result = CliRunner().invoke(app, [command[0], str(path), *command[1:]])
        assert result.exit_code in (0, 1), (command, result.output)
        assert "Traceback" not in result.output


def test_the_roadmap_grows_the_worker_with_its_queue():
    phases = roadmap(spec(), (1_000, 100_000))
    small, large = (p.sizes["jobs"] for p in phases)  # "desired–max × size"
    counts = [tuple(int(n) for n in size.split(" ×")[0].split("–")) for size in (small, large)]
    assert counts[0][0] == 1 and counts[1][0] > 10 * counts[0][0] and counts[1][1] > counts[0][1]
    assert any("ApproximateNumberOfMessagesVisible on work" in s for s in phases[1].move_on_when)


def test_the_optimiser_puts_a_worker_on_spot_with_its_own_risk():
    sized = sizer.size(spec()).spec
    proposals = [p for p in opt001_fargate_spot.propose(sized) if p.components == frozenset({"jobs"})]
    assert proposals and all("visibility timeout" in p.risk for p in proposals)
    assert all(p.spec.components["jobs"].capacity_providers[1].provider == "FARGATE_SPOT" for p in proposals)


@pytest.mark.parametrize("known", [True, False])
def test_smaller_worker_tasks_keep_peak_capacity(known):
    sized = sizer.size(spec(cpu_seconds_per_message=0.5)).spec
    jobs = sized.components["jobs"]
    if not known:
        sized = sized.model_copy(update={"components": {**sized.components, "jobs": jobs.model_copy(
            update={"cpu_seconds_per_message": None})}})
    (proposal,) = [p for p in opt017_rightsize_service.propose(sized) if p.components == frozenset({"jobs"})]
    smaller = proposal.spec.components["jobs"]
    assert (smaller.cpu, smaller.memory_gb) == (0.5, 1)
    # half the vCPU a task: from the queue, about twice the tasks at peak; without the figure, the same vCPU
    expected = (sizer.size(spec(cpu=0.5, memory_gb=1, cpu_seconds_per_message=0.5)).spec.components["jobs"].tasks.max
                if known else jobs.tasks.max * 2)
    assert smaller.tasks.max == expected
    assert "twice as long" in proposal.risk


def test_resolve_refuses_auto_tasks_without_a_queue(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(SPEC, encoding="utf-8")
    loaded = load(path)
    with pytest.raises(UserError):
        sizer.resolve(spec(queue=None), loaded)
