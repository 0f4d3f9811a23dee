"""Sizing: a traffic-only spec becomes a complete one, and bigger traffic never gets smaller sizes."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from stackwright.cli import app
from stackwright.pricing import catalogue
from stackwright.sizing import sizer
from stackwright.spec.loader import load
from stackwright.spec.model import AUTO, Spec
from stackwright.spec_bill import price

TRAFFIC_ONLY = """\
name: new-service
region: ap-northeast-2
availability_target: 99.9
traffic: {dau: 20000, peak_concurrent_users: 2000, peak_rps: 300}
components:
  api: {kind: fargate_service, runtime: fastapi}
  worker: {kind: ec2_asg, instance_type: m7g.large, runtime: go}
  db: {kind: rds, engine: postgresql, storage: {gb: 100}}
  cache: {kind: elasticache}
  lb: {kind: alb}
"""


def traffic_only(**traffic) -> Spec:
    return Spec.model_validate({
        "name": "t", "region": "us-east-1", "availability_target": 99.9, "traffic": traffic,
        "components": {"api": {"kind": "fargate_service", "cpu": 1, "memory_gb": 2, "runtime": "nestjs"},
                       "db": {"kind": "rds", "engine": "mysql"}, "cache": {"kind": "elasticache"}},
    })


def test_traffic_only_spec_becomes_complete(write_spec, tmp_path):
    path = write_spec(TRAFFIC_ONLY)
    out = tmp_path / "sized.yaml"
    result = CliRunner().invoke(app, ["size", str(path), "--write", str(out)])
    assert result.exit_code == 0, result.stderr
    sized = load(out).spec
    assert not sizer.needs_sizing(sized)
    api, worker, db, cache = (sized.components[n] for n in ("api", "worker", "db", "cache"))
    # fastapi: 100 req/s per vCPU × 0.5 vCPU × 60% = 30 req/s per task; the api serves half of 300 req/s
    assert api.tasks.max == math.ceil(150 / 30) + 1 and api.tasks.min == 2
    assert worker.instances.min == 2 and db.instance_class != AUTO and cache.node_type != AUTO
    bill = price(sized)
    assert bill.total > 0 and not bill.unknown
    # cost accepts the auto spec directly and prices it the same
    assert price(load(path).spec).total == bill.total
    for column in ("Why", "tasks", "instance_class", "node_type"):
        assert column in result.stdout


def test_every_sized_value_says_why(write_spec):
    result = sizer.size(load(write_spec(TRAFFIC_ONLY)).spec)
    assert {s.path[1] for s in result.sized} == {"api", "worker", "db", "cache"}
    assert all(len(s.why) > 30 for s in result.sized)


def _capacity(spec: Spec) -> tuple:
    api, db, cache = (spec.components[n] for n in ("api", "db", "cache"))
    db_size = catalogue.instance_size("rds", db.instance_class)
    cache_size = catalogue.instance_size("elasticache", cache.node_type)
    return (api.tasks.desired, api.tasks.max, db_size.memory_gib, db_size.vcpu, cache_size.memory_gib)


@settings(max_examples=40, deadline=None)
@given(dau=st.integers(100, 200_000), rps_per_user=st.floats(0.0001, 0.01), concurrency=st.floats(0.01, 0.3))
def test_doubling_traffic_never_shrinks_anything(dau, rps_per_user, concurrency):
    def at(scale):
        return sizer.size(traffic_only(dau=dau * scale, avg_rps=dau * rps_per_user * scale,
                                       peak_concurrent_users=int(dau * concurrency * scale))).spec
    small, big = at(1), at(2)
    assert all(b >= s for s, b in zip(_capacity(small), _capacity(big)))
    assert price(big).total >= price(small).total


def test_availability_target_sets_the_floor():
    low = sizer.size(traffic_only(dau=10).model_copy(update={"availability_target": 99.0})).spec
    high = sizer.size(traffic_only(dau=10)).spec
    assert low.components["api"].tasks.min == 1 and high.components["api"].tasks.min == 2


@pytest.mark.parametrize("engine, memory, expected", [("postgresql", 1, 90), ("postgresql", 4, 360),
                                                       ("mysql", 1, 68), ("postgresql", 768, 5000)])
def test_max_connections_formula(engine, memory, expected):
    assert sizer.max_connections(engine, memory) == expected


def _service(traffic: dict, target: float = 99.9, cache: bool = True) -> Spec:
    components = {"api": {"kind": "fargate_service", "cpu": 1, "memory_gb": 2, "runtime": "go"},
                  "db": {"kind": "rds", "engine": "postgresql"}}
    if cache:
        components["cache"] = {"kind": "elasticache"}
    return Spec.model_validate({"name": "t", "region": "us-east-1", "availability_target": target,
                                "traffic": traffic, "components": components})


def _sized(spec: Spec) -> dict:
    return {s.path[1:]: s for s in sizer.size(spec).sized}


def test_burstable_class_only_where_its_cpu_credits_hold():
    # a flat 400 req/s with no cache: peak needs 1.6 vCPUs (a t class has 2), but the steady load keeps
    # about 48% of two vCPUs busy, above any t class's 20-30% credit baseline
    sized = _sized(_service({"dau": 1000, "avg_rps": 400, "peak_rps": 400}, cache=False))
    db = sized[("db", "instance_class")]
    assert sizer.burstable_baseline(db.value) is None, db.value
    assert "credit baseline" in db.why and "bound by: steady CPU" in db.why
    # the same peak in short bursts (a low average) may burst on credits
    bursty = _sized(_service({"dau": 1000, "avg_rps": 20, "peak_rps": 400}, cache=False))
    assert sizer.burstable_baseline(bursty[("db", "instance_class")].value) is not None


@pytest.mark.parametrize(("cls", "baseline"), [
    ("db.t4g.micro", 0.10), ("db.t3.medium", 0.20), ("db.t4g.large", 0.30), ("db.t3.xlarge", 0.40),
    ("cache.t3.micro", 0.10), ("t2.xlarge", 0.225), ("db.t2.2xlarge", 0.16875), ("db.m6g.large", None)])
def test_burstable_baselines_per_vcpu_are_the_published_ones(cls, baseline):
    """EC2 User Guide, burstable-credits-baseline-concepts: baseline utilisation per vCPU."""
    assert sizer.burstable_baseline(cls) == baseline


def test_read_replicas_when_the_reads_exceed_one_instance():
    sized = _sized(_service({"dau": 1000, "avg_rps": 20_000, "peak_rps": 60_000}, cache=False))
    replicas = sized[("db", "read_replicas")]
    assert int(replicas.value) >= 1 and "read replica" in replicas.why
    # one instance is enough at a tenth of the load: no replicas
    assert ("db", "read_replicas") not in _sized(_service({"dau": 1000, "avg_rps": 2_000, "peak_rps": 6_000},
                                                          cache=False))


def test_cache_replica_where_one_node_breaks_the_target():
    high = _sized(_service({"dau": 20_000}, target=99.9))
    assert high[("cache", "replicas_per_shard")].value == "1"
    assert "99.5%" in high[("cache", "replicas_per_shard")].why
    assert ("cache", "replicas_per_shard") not in _sized(_service({"dau": 20_000}, target=99.0))


def test_every_sized_value_names_what_bound_it(write_spec):
    sized = sizer.size(load(write_spec(TRAFFIC_ONLY)).spec).sized
    assert all("bound by" in s.why for s in sized if s.path[-1] != "gb"), [s.why for s in sized]
