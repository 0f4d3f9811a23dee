"""Properties of spec -> bill that hold for any spec."""

import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stackwright.spec.model import FARGATE_CPU_MEMORY_GB, Spec
from stackwright.spec_bill import price

from conftest import BLUEPRINTS

REGIONS = ("us-east-1", "ap-northeast-2")


@st.composite
def specs(draw):
    cpu = draw(st.sampled_from(sorted(FARGATE_CPU_MEMORY_GB)))
    memory = draw(st.sampled_from(FARGATE_CPU_MEMORY_GB[cpu]))
    desired = draw(st.integers(1, 30))
    arch = draw(st.sampled_from(["x86", "arm"]))
    spot_weight = draw(st.integers(0, 5)) if arch == "x86" else 0  # Fargate Spot is x86 only
    components = {
        "api": {
            "kind": "fargate_service", "cpu": cpu, "memory_gb": memory,
            "arch": arch,
            "tasks": {"min": 1, "desired": desired, "max": desired + 10},
            "capacity_providers": [
                {"provider": "FARGATE", "base": draw(st.integers(0, 2)), "weight": 1},
                {"provider": "FARGATE_SPOT", "weight": spot_weight},
            ],
        },
        "web": {"kind": "ec2_asg", "instance_type": draw(st.sampled_from(["t3.small", "m6g.large", "c7g.xlarge"])),
                "instances": {"min": 1, "desired": draw(st.integers(1, 10)), "max": 20}},
        "cache": {"kind": "elasticache", "node_type": draw(st.sampled_from(["cache.t4g.small", "cache.r6g.large"])),
                  "shards": draw(st.integers(1, 4)), "replicas_per_shard": draw(st.integers(0, 2))},
        "db": {"kind": "rds", "engine": draw(st.sampled_from(["postgresql", "mysql"])),
               "instance_class": draw(st.sampled_from(["db.t4g.micro", "db.m6g.large"])),
               "multi_az": draw(st.booleans()), "storage": {"gb": draw(st.integers(20, 500))}},
        "lb": {"kind": "alb"},
        "nat": {"kind": "nat", "count": draw(st.integers(1, 3))},
    }
    traffic = {"dau": draw(st.integers(0, 1_000_000))}
    return {"name": "prop", "region": draw(st.sampled_from(REGIONS)), "traffic": traffic, "components": components}


def _bump(data, path, by=1):
    *parents, leaf = path
    node = data
    for key in parents:
        node = node[key]
    node[leaf] += by


GROWTH = [
    (("components", "api", "tasks", "desired"), ("components", "api", "tasks", "max")),
    (("components", "web", "instances", "desired"), ("components", "web", "instances", "max")),
    (("components", "cache", "shards"),),
    (("components", "cache", "replicas_per_shard"),),
    (("components", "nat", "count"),),
    (("components", "db", "storage", "gb"),),
    (("traffic", "dau"),),
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=specs(), growth=st.sampled_from(GROWTH))
def test_more_capacity_never_costs_less(data, growth):
    import copy

    before = price(Spec.model_validate(data)).total
    bigger = copy.deepcopy(data)
    for path in growth:
        _bump(bigger, path)
    spec = Spec.model_validate(bigger) if bigger["components"]["cache"]["replicas_per_shard"] <= 5 else None
    if spec is not None:
        assert price(spec).total >= before


@settings(max_examples=30, deadline=None)
@given(data=specs())
def test_every_line_is_priced_from_the_catalogue(data):
    bill = price(Spec.model_validate(data))
    assert bill.total > 0
    for item in bill.items:
        assert item.price_source and item.price_date
        assert item.monthly_usd >= 0
        if not item.usage_based and item.unit == "hour":
            assert item.monthly_usd == round(item.unit_price_usd * item.quantity, 6)


def test_same_spec_gives_byte_identical_output(tmp_path):
    """Two separate processes, so no cache or dict order can hide a difference."""
    outputs = []
    for run in range(2):
        out = tmp_path / f"run{run}"
        subprocess.run([sys.executable, "-m", "stackwright", "cost", *map(str, BLUEPRINTS), "--out", str(out)],
                       check=True, capture_output=True)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]
    from stackwright.spec.environments import names
    from stackwright.spec.loader import load

    envs = [len(names(load(p))) for p in BLUEPRINTS]  # json, md and csv per environment; a side by side each
    assert len(outputs[0]) == 3 * sum(max(n, 1) for n in envs) + sum(n > 0 for n in envs) + 1
