"""Composite availability: serial parts multiply, redundant parts combine in parallel up to the published SLA."""

import math

import pytest

from stackwright.optimize.availability import SLAS, composite
from stackwright.spec.loader import parse_yaml, validate

BASE = """\
name: avail
region: ap-northeast-2
availability_target: 99.9
components:
"""


def spec(components: str):
    return validate(parse_yaml(BASE + components, "avail.yaml"))


def test_serial_parts_multiply():
    result = composite(spec("""\
  api: {kind: fargate_service, tasks: {min: 1, desired: 1, max: 2}}
  db: {kind: rds, engine: postgresql, instance_class: db.t4g.micro}
  lb: {kind: alb}
"""))
    assert result.percent == pytest.approx(100 * 0.995 * 0.995 * 0.9999)
    assert result.formula == "api 99.5% × db 99.5% × lb 99.99% = 98.993%"


def test_redundant_parts_combine_in_parallel_up_to_the_published_sla():
    result = composite(spec("""\
  api: {kind: fargate_service, tasks: {min: 3, desired: 3, max: 6}}
  db: {kind: rds, engine: postgresql, instance_class: db.t4g.micro, multi_az: true}
  cache: {kind: elasticache, node_type: cache.t4g.micro, shards: 2, replicas_per_shard: 1}
"""))
    parts = {p.component: p for p in result.parts}
    assert parts["db"].percent == 99.95 and "1 − (1 − 99.5%)^2 = 99.9975%" in parts["db"].formula
    assert parts["api"].percent == 99.99  # 1 − 0.005³ is higher, but the Region-Level SLA is what AWS promises
    assert parts["cache"].percent == pytest.approx(100 * 0.9999 ** 2)  # each shard holds part of the keyspace
    assert result.percent == pytest.approx(math.prod(p.percent / 100 for p in result.parts) * 100)


def test_all_spot_tasks_and_one_nat_for_two_azs_count_as_single_points():
    parts = {p.component: p for p in composite(spec("""\
  api:
    kind: fargate_service
    tasks: {min: 2, desired: 2, max: 4}
    capacity_providers: [{provider: FARGATE_SPOT, weight: 1}]
  nat: {kind: nat, count: 1}
  logs: {kind: cloudwatch}
""")).parts}
    assert parts["api"].percent == 99.5 and "Spot" in parts["api"].formula
    assert parts["nat"].percent == 99.5 and "no SLA of their own" in parts["nat"].formula
    assert "logs" not in parts  # no request waits on CloudWatch


def test_every_figure_cites_its_sla_page():
    assert all(s.url.startswith("https://aws.amazon.com/") and s.url.endswith("/sla/") for s in SLAS.values())
    assert all(len(s.updated) == 10 for s in SLAS.values())


def test_soft_dependencies_leave_the_product_and_are_listed_apart():
    text = """\
  api: {kind: fargate_service, tasks: {min: 2, desired: 2, max: 4}}
  db: {kind: rds, engine: postgresql, instance_class: db.t4g.micro, multi_az: true}
  cache: {kind: elasticache, node_type: cache.t4g.micro}
  nat: {kind: nat, count: 1}
"""
    hard = composite(spec(text))
    soft = composite(validate(parse_yaml(BASE.replace("components:", "soft_dependencies: [cache, nat]\ncomponents:")
                                         + text, "avail.yaml")))
    assert hard.percent == pytest.approx(100 * 0.9999 * 0.9995 * 0.995 * 0.995)
    assert soft.percent == pytest.approx(100 * 0.9999 * 0.9995)
    assert [p.component for p in soft.soft] == ["cache", "nat"]
    assert soft.formula.endswith("REL05-BP01 counts them: cache 99.5%, nat 99.5%)")


def test_a_soft_dependency_must_name_a_component():
    from stackwright.errors import UserError

    with pytest.raises(UserError, match="soft_dependencies names 'cahce', which is no component; did you mean 'cache'"):
        validate(parse_yaml(BASE.replace("components:", "soft_dependencies: [cahce]\ncomponents:")
                            + "  cache: {kind: elasticache, node_type: cache.t4g.micro}\n", "avail.yaml"))


def test_a_distribution_carrying_part_of_the_requests_counts_for_that_share():
    parts = {p.component: p for p in composite(spec("""\
  lb: {kind: alb}
  cdn: {kind: cloudfront, share_of_traffic: 0.9, behaviors: [{path: "*", origin: lb}]}
  all: {kind: cloudfront}
""")).parts}
    assert parts["cdn"].percent == pytest.approx(0.9 * 99.9 + 0.1 * 100)
    assert "0.9 × Amazon CloudFront SLA 99.9% + 0.1 × 100% = 99.9100%" in parts["cdn"].formula
    assert parts["all"].percent == 99.9  # every request through it: its SLA in series
