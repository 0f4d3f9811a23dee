"""The plan: subnets that never overlap, a least-privilege security chain, IAM scoped to its own
resources, NAT modes, alarms and scaling from the spec; fast and deterministic."""

import ipaddress
import time
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stackwright.errors import UserError
from stackwright.plan import build_plan
from stackwright.plan.model import AccountArn
from stackwright.plan.network import AZ_LETTERS, AZ_SLOTS, availability_zones, subnet_cidr
from stackwright.plan.security import LISTENER_PORTS, WORLD
from stackwright.spec.loader import load
from stackwright.spec.model import Spec

from conftest import BLUEPRINTS

PLANS = {path.stem: build_plan(load(path).spec) for path in BLUEPRINTS}


def spec(**fields) -> Spec:
    return Spec.model_validate({"name": "t", "region": "ap-northeast-2", "availability_target": 99.5, **fields})


def service(**fields) -> dict:
    return {"kind": "fargate_service", "cpu": 0.25, "memory_gb": 0.5, "tasks": {"min": 1, "desired": 1, "max": 1},
            **fields}


# ---------------------------------------------------------------------------------------------- network


def assert_subnets_sound(plan):
    vpc = ipaddress.ip_network(plan.network.cidr)
    subnets = [ipaddress.ip_network(s.cidr) for s in plan.network.subnets]
    assert all(s.subnet_of(vpc) for s in subnets)
    assert not [(a, b) for a, b in combinations(subnets, 2) if a.overlaps(b)]


@given(prefix=st.integers(8, 23), tier_azs=st.lists(st.integers(1, AZ_SLOTS), min_size=3, max_size=3))
def test_subnet_blocks_never_overlap_and_stay_inside_the_vpc(prefix, tier_azs):
    vpc = ipaddress.ip_network(f"10.0.0.0/{prefix}", strict=False)
    cidrs = [ipaddress.ip_network(subnet_cidr(str(vpc), tier, az))
             for tier, count in zip(("public", "app", "data"), tier_azs) for az in range(count)]
    assert all(c.subnet_of(vpc) for c in cidrs)
    assert not [(a, b) for a, b in combinations(cidrs, 2) if a.overlaps(b)]


@settings(max_examples=40, deadline=None)
@given(region=st.sampled_from(sorted(AZ_LETTERS) + ["eu-west-1"]), azs=st.integers(1, 6),
       alb_azs=st.integers(1, 6), nat_count=st.integers(1, 6), with_db=st.booleans(), public=st.booleans())
def test_planned_subnets_never_overlap_for_any_az_count(region, azs, alb_azs, nat_count, with_db, public):
    components = {"api": service(public_ip=public), "lb": {"kind": "alb", "azs": alb_azs},
                  "nat": {"kind": "nat", "count": nat_count}}
    if with_db:
        components["db"] = {"kind": "rds", "engine": "postgresql", "instance_class": "db.t4g.micro"}
    plan = build_plan(spec(region=region, azs=azs, components=components))
    assert_subnets_sound(plan)
    assert set(plan.network.azs) <= set(availability_zones(region))
    for tier in ("public", "app", "data"):
        assert len({s.az for s in plan.network.subnets_in(tier)}) == len(plan.network.subnets_in(tier))


@pytest.mark.parametrize("name", sorted(PLANS))
def test_blueprint_subnets_are_sound(name):
    assert_subnets_sound(PLANS[name])


@pytest.mark.parametrize("region, expected", [
    ("ap-northeast-2", ("ap-northeast-2a", "ap-northeast-2c")),
    ("ap-northeast-1", ("ap-northeast-1a", "ap-northeast-1c")),
    ("us-west-1", ("us-west-1b", "us-west-1c")),
    ("eu-west-1", ("eu-west-1a", "eu-west-1b")),
])
def test_explicit_az_names_follow_the_region(region, expected):
    assert availability_zones(region)[:2] == expected
    assert build_plan(spec(region=region, components={"lb": {"kind": "alb"}})).network.azs == expected


def test_one_az_spec_still_gives_rds_a_two_az_subnet_group():
    plan = PLANS["homu-ec2"]
    assert len(plan.databases[0].subnets) == 2
    assert plan.instance_groups[0].subnets == ("subnet-public-a",)
    assert any("RDS subnet groups" in note for note in plan.notes)


def test_nat_gateway_per_az_gives_each_az_its_own_route():
    network = PLANS["tiketi"].network
    assert [g.az for g in network.nat_gateways] == ["ap-northeast-2a", "ap-northeast-2c"]
    routes = {s.az: s.route_table for s in network.subnets_in("app")}
    assert routes == {"ap-northeast-2a": "route-table-app-a", "ap-northeast-2c": "route-table-app-c"}


def test_single_nat_serves_every_az():
    network = PLANS["ecommerce"].network
    assert len(network.nat_gateways) == 1
    assert {s.route_table for s in network.subnets_in("app")} == {"route-table-app-a"}


def test_nat_instance_routes_and_is_not_a_gateway():
    network = PLANS["glimpse"].network
    assert not network.nat_gateways and network.nat_instances[0].instance_type == "t4g.nano"
    assert network.nat_instances[0].arch == "arm64"
    table = next(t for t in network.route_tables if t.tier == "app")
    assert table.routes[0].via.target == network.nat_instances[0].id


def test_no_nat_with_public_tasks_puts_them_in_public_subnets():
    plan = PLANS["homu-fargate"]
    assert not plan.network.nat_gateways and not plan.network.nat_instances
    assert plan.services[0].public_ip and all(s.startswith("subnet-public-") for s in plan.services[0].subnets)
    assert not plan.network.subnets_in("app") and not plan.network.endpoints


def test_no_nat_with_private_tasks_plans_the_endpoints_they_need():
    plan = build_plan(spec(components={"api": service(), "db": {"kind": "rds", "engine": "mysql",
                                                                "instance_class": "db.t4g.micro"}}))
    added = {e.service: e.type for e in plan.network.endpoints if e.component is None}
    assert added == {"ecr.api": "interface", "ecr.dkr": "interface", "logs": "interface", "s3": "gateway",
                     "secretsmanager": "interface"}
    gateway = next(e for e in plan.network.endpoints if e.type == "gateway")
    assert gateway.route_tables == ("route-table-app",)


def test_spec_endpoints_are_kept_and_not_duplicated():
    plan = build_plan(spec(components={
        "api": service(), "s3-endpoint": {"kind": "vpc_endpoint", "type": "gateway", "service": "s3"}}))
    s3 = [e for e in plan.network.endpoints if e.service == "s3"]
    assert [(e.id, e.component) for e in s3] == [("s3-endpoint", "s3-endpoint")]


# ---------------------------------------------------------------------------------------------- security


@pytest.mark.parametrize("name", sorted(PLANS))
def test_security_groups_form_a_least_privilege_chain(name):
    plan = PLANS[name]
    lb_groups = {lb.security_group for lb in plan.load_balancers}
    workloads = {w.security_group: w for w in (*plan.services, *plan.instance_groups)}
    stores = {s.security_group: s for s in (*plan.databases, *plan.caches)}
    for group in plan.security_groups:
        for rule in group.ingress:
            assert not rule.from_port <= 22 <= rule.to_port, f"{group.id} opens SSH"
            if rule.cidr == WORLD:
                public_entry = group.id in lb_groups or (group.id in workloads and not plan.load_balancers)
                assert public_entry and rule.from_port == rule.to_port and rule.from_port in LISTENER_PORTS
        if group.id in workloads:
            port = workloads[group.id].spec.port
            assert all(r.group in lb_groups and r.from_port == r.to_port == port
                       for r in group.ingress if r.cidr != WORLD)
        if group.id in stores:
            port = stores[group.id].port
            assert group.ingress and all(r.group in workloads and r.from_port == r.to_port == port
                                         for r in group.ingress)
            assert group.egress == ()


def test_data_ports_come_from_the_spec_or_the_engine():
    ports = {d.component: d.port for d in (*PLANS["ecommerce"].databases, *PLANS["ecommerce"].caches)}
    assert ports == {"db": 3306, "cache": 6379}
    memcached = build_plan(spec(components={"m": {"kind": "elasticache", "engine": "memcached",
                                                  "node_type": "cache.t4g.micro"}}))
    assert memcached.caches[0].port == 11211 and memcached.caches[0].auth_secret is None


@pytest.mark.parametrize("name", sorted(PLANS))
def test_roles_hold_only_their_own_resources(name):
    plan = PLANS[name]
    for role in plan.roles:
        for statement in role.statements:
            assert "*" not in statement.actions and not any(a.endswith(":*") for a in statement.actions)
            if "*" in statement.resources:
                assert statement.actions == ("ecr:GetAuthorizationToken",)  # AWS offers no resource scope
            assert not any(isinstance(r, AccountArn) and r.service != "ecr" for r in statement.resources)
    for service in plan.services:
        execution = next(r for r in plan.roles if r.id == service.execution_role)
        logs = next(s for s in execution.statements if s.sid == "WriteOwnLogs")
        assert [r.target for r in logs.resources] == [service.log_group]
        assert service.task_role != service.execution_role


@pytest.mark.parametrize("name", sorted(PLANS))
def test_every_database_password_is_a_generated_secret(name):
    plan = PLANS[name]
    secrets = {s.id: s for s in plan.secrets}
    for db in plan.databases:
        assert secrets[db.secret].username and secrets[db.secret].length >= 32
    for cache in plan.caches:
        assert cache.spec.engine == "memcached" or cache.auth_secret in secrets
    assert "password" not in repr(plan.parameters).lower()


def test_instances_connect_through_ssm_not_ssh():
    role = next(r for r in PLANS["homu-ec2"].roles if r.instance_profile)
    assert set(role.managed_policies) == {"AmazonSSMManagedInstanceCore", "CloudWatchAgentServerPolicy"}


# ---------------------------------------------------------------------------------------------- monitoring


def test_alarm_thresholds_fit_each_component():
    alarms = {a.id: a for a in PLANS["glimpse"].alarms}
    assert alarms["db-free-storage-low"].threshold == round(20 * 0.2 * 1024 ** 3)
    # db.t4g.micro PostgreSQL: 90 default connections (the sizer's reading of its 1 GiB); alarm at 80%
    assert alarms["db-connections-high"].threshold == 72
    assert alarms["api-cpu-high"].metric.namespace == "AWS/ECS"
    assert alarms["cache-001-memory-high"].metric.dimensions[0].value == "glimpse-cache-001"
    assert {"alb-elb-5xx", "alb-target-5xx", "alb-response-time-high", "alb-api-targets-unhealthy"} <= set(alarms)
    assert alarms["nat-a-system-check"].recover


def test_cluster_mode_cache_alarms_on_every_shard():
    cache = PLANS["tiketi"].caches[0]
    assert cache.cluster_mode and cache.primary_node_ids == ("tiketi-cache-0001-001", "tiketi-cache-0002-001")


def test_log_retention_comes_from_cloudwatch_and_rounds_up_to_a_period():
    assert {g.retention_days for g in PLANS["ecommerce"].log_groups} == {7}
    assert {g.retention_days for g in build_plan(spec(components={"api": service(public_ip=True)})).log_groups} == {30}
    plan = build_plan(spec(components={"api": service(public_ip=True),
                                       "watch": {"kind": "cloudwatch", "log_retention_days": 10}}))
    assert {g.retention_days for g in plan.log_groups} == {14} and plan.notes


def test_scaling_follows_the_spec_range():
    policies = {p.workload: (p.min, p.max) for p in PLANS["bowwow"].scaling_policies}
    assert policies["gateway"] == (2, 20) and len(policies) == 6
    assert PLANS["homu-fargate"].scaling_policies == ()  # 1/1/1: nothing to scale
    assert [(p.workload, p.min, p.max) for p in PLANS["ecommerce"].scaling_policies] == [("app", 2, 6)]


def test_scale_in_becomes_a_nightly_schedule():
    plan = build_plan(spec(components={"api": service(public_ip=True, tasks={"min": 2, "desired": 4, "max": 8},
                                                      scale_in={"off_hours_per_week": 49, "count": 1})}))
    [schedule] = plan.scheduled_scaling
    assert (schedule.count, schedule.start_hour, schedule.end_hour, schedule.min, schedule.max) == (1, 0, 7, 2, 8)


def test_websocket_targets_are_sticky():
    assert all(tg.sticky for tg in PLANS["glimpse"].load_balancers[0].target_groups)
    assert not any(tg.sticky for tg in PLANS["bowwow"].load_balancers[0].target_groups)


# ---------------------------------------------------------------------------------------------- plan as a whole


@pytest.mark.parametrize("path", BLUEPRINTS, ids=lambda p: p.stem)
def test_plan_is_deterministic_and_fast(path):
    loaded = load(path)
    build_plan(loaded.spec)  # warm imports
    start = time.perf_counter()
    plan = build_plan(loaded.spec)
    assert time.perf_counter() - start < 0.05
    assert plan == build_plan(loaded.spec)


def test_auto_counts_and_classes_are_sized_as_the_bill_sizes_them():
    plan = build_plan(spec(components={"api": {"kind": "fargate_service", "public_ip": True},
                                       "db": {"kind": "rds", "engine": "postgresql"}}))
    assert plan.services[0].spec.tasks != "auto" and plan.databases[0].spec.instance_class.startswith("db.")


def test_load_balancer_routes_every_workload():
    target_groups = PLANS["bowwow"].load_balancers[0].target_groups
    assert target_groups[0].workload == "gateway" and target_groups[0].path_patterns == ()
    assert target_groups[1].path_patterns == ("/user-service", "/user-service/*")
    assert len({tg.priority for tg in target_groups[1:]}) == len(target_groups) - 1


def test_component_names_that_collide_are_a_located_error(write_spec):
    path = write_spec("name: t\nregion: us-east-1\ncomponents:\n"
                      "  my-db: {kind: rds, engine: mysql, instance_class: db.t4g.micro}\n"
                      "  my_db: {kind: rds, engine: mysql, instance_class: db.t4g.micro}\n")
    with pytest.raises(UserError) as error:  # refused as the spec is read (the plan refuses it too)
        loaded = load(path)
        build_plan(loaded.spec, loaded)
    assert f"{path}:5:" in str(error.value) and "'my_db'" in str(error.value) and "'my-db'" in str(error.value)
