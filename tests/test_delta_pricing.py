"""Delta pricing (spec_bill's memo of each component's bill lines) against pricing from scratch: the bill of
a spec whose components were priced before in other specs, a few of them changed, is the same JSON text as
the bill of the spec priced in one pass with nothing remembered."""

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from stackwright import spec_bill
from stackwright.errors import UserError
from stackwright.render.cost_report import to_json
from stackwright.resources import price as pricing
from stackwright.spec.loader import load
from stackwright.spec.model import Spec

from conftest import BLUEPRINTS

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
from bench_scale import generated_spec  # noqa: E402

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*.yaml"))


def _delta(spec: Spec) -> str:
    return to_json(spec_bill.price(spec, terraform_addresses=False))


def _scratch(spec: Spec, monkeypatch) -> str:
    """The bill in one pass, no group memoised and no resource's components remembered."""
    with monkeypatch.context() as patch:
        patch.setattr(spec_bill, "_in_groups", lambda *args: None)
        patch.setattr(pricing, "_components_made", type(pricing._components_made)())
        return to_json(spec_bill.price(spec, terraform_addresses=False))


WORKLOADS = ("fargate_service", "worker", "ec2_asg", "ec2_instance")
FARGATE_SIZES = [(0.25, 0.5), (0.5, 1), (1, 2), (2, 4)]


def _change(component: dict, draw) -> dict | None:
    """`component` with one field changed as the optimiser or a user would change it; None removes it."""
    kind = component["kind"]
    choice = draw(st.integers(0, 5))
    if choice == 0:
        return None
    if kind in ("fargate_service", "worker"):
        change = draw(st.sampled_from(["size", "tasks", "spot", "public", "arch", "eks", "scale_in"]))
        if change == "size":
            cpu, memory = draw(st.sampled_from(FARGATE_SIZES))
            return {**component, "cpu": cpu, "memory_gb": memory}
        if change == "tasks":
            desired = draw(st.integers(1, 8))
            return {**component, "tasks": {"min": 1, "desired": desired, "max": desired + 2}}
        if change == "spot":
            return {**component, "capacity_providers": [{"provider": "FARGATE", "base": 1, "weight": 1},
                                                        {"provider": "FARGATE_SPOT", "weight": draw(st.integers(1, 4))}]}
        if change == "public" and kind == "fargate_service":
            return {**component, "public_ip": not component.get("public_ip", False)}
        if change == "arch":
            return {**component, "arch": "x86" if component.get("arch") == "arm" else "arm"}
        if change == "eks" and kind == "fargate_service":
            return {**component, "orchestrator": "eks"}
        if change == "scale_in" and kind == "fargate_service":
            return {**component, "scale_in": {"count": 1, "off_hours_per_week": draw(st.integers(10, 80))}}
        return component
    if kind == "ec2_asg":
        change = draw(st.sampled_from(["type", "purchase", "public", "instances"]))
        if change == "type":
            return {**component, "instance_type": draw(st.sampled_from(["m6i.large", "m6g.large", "c6i.xlarge"]))}
        if change == "purchase":
            option = draw(st.sampled_from(["on_demand", "spot", "reserved_1y"]))
            return {**component, "purchase_option": option, **({"spot_discount": 0.6} if option == "spot" else {})}
        if change == "public":
            return {**component, "public_ip": not component.get("public_ip", False)}
        desired = draw(st.integers(1, 6))
        return {**component, "instances": {"min": 1, "desired": desired, "max": desired + 2}}
    numbers = {"cloudwatch": "log_gb_month", "ecr": "storage_gb", "alb": "lcu", "nat": "count", "s3": "storage_gb",
               "cloudfront": "share_of_traffic", "rds": "storage_gb", "secrets_manager": "secrets"}
    if kind in numbers:
        field = numbers[kind]
        value = draw(st.sampled_from([0.3, 1, 2, 50])) if field != "count" else draw(st.integers(1, 3))
        return {**component, field: value}
    return component


def _doorless(components: dict, draw) -> dict:
    """`components` without load balancers or APIs, some workloads given public addresses: the internet's data
    out then leaves from those, shared among as many as there are."""
    public = draw(st.sets(st.sampled_from(list(components)))) if components else set()
    doors = ("alb", "api_gateway", "cloudfront") if draw(st.booleans()) else ("alb", "api_gateway")
    return {n: {**c, "public_ip": True} if n in public and c["kind"] in ("fargate_service", "ec2_asg") else c
            for n, c in components.items() if c["kind"] not in doors}


@st.composite
def _specs_and_changes(draw):
    """A spec (generated, a blueprint or an example) and specs made of it by a few changes each: components
    changed, removed, added (a copy of a workload) or renamed; the traffic and running hours changed."""
    source = draw(st.sampled_from(["generated", "file"]))
    if source == "generated":
        base = Spec.model_validate(generated_spec(draw(st.integers(2, 24))))
    else:
        base = load(draw(st.sampled_from(BLUEPRINTS + EXAMPLES))).spec
    data = base.model_dump(exclude_unset=True)
    if draw(st.booleans()):  # the internet's data out shared among public workloads, not a load balancer
        data = {**data, "components": _doorless(data["components"], draw)}
        try:
            base = Spec.model_validate(data)
        except ValidationError:
            pass
    variants = []
    for _ in range(draw(st.integers(1, 3))):
        changed = {**data, "components": dict(data["components"])}
        names = list(changed["components"])
        for _ in range(draw(st.integers(1, 3))):
            what = draw(st.sampled_from(["component", "component", "component", "add", "rename", "traffic", "hours",
                                         "doors", "platform", "platform"]))
            if what == "component" and changed["components"]:
                name = draw(st.sampled_from(list(changed["components"])))
                found = _change(changed["components"][name], draw)
                if found is None:
                    del changed["components"][name]
                else:
                    changed["components"][name] = found
            elif what == "add":
                workloads = [n for n in names if data["components"][n]["kind"] in ("fargate_service", "ec2_asg")]
                if workloads:
                    name = draw(st.sampled_from(workloads))
                    changed["components"][f"{name}-copy"] = dict(data["components"][name])
            elif what == "rename" and changed["components"]:
                name = draw(st.sampled_from(list(changed["components"])))
                changed["components"] = {f"{n}-renamed" if n == name else n: c
                                         for n, c in changed["components"].items()}
            elif what == "traffic":
                changed["traffic"] = {**changed.get("traffic", {}), "dau": draw(st.integers(100, 500_000))}
            elif what == "platform":  # what every workload's plan reads: stores, buckets, queues, secrets
                kinds = sorted({c["kind"] for c in changed["components"].values()} - set(WORKLOADS))
                if kinds:
                    kind = draw(st.sampled_from(kinds))  # each kind as likely, however many workloads there are
                    name = draw(st.sampled_from([n for n, c in changed["components"].items() if c["kind"] == kind]))
                    if draw(st.booleans()):
                        del changed["components"][name]
                    else:
                        changed["components"] = {f"{n}-renamed" if n == name else n: c
                                                 for n, c in changed["components"].items()}
            elif what == "doors":
                changed["components"] = _doorless(changed["components"], draw)
            elif what == "hours":
                changed["running_hours_per_week"] = draw(st.sampled_from([40, 84, 150, 168]))
        try:
            variant = Spec.model_validate(changed)
        except ValidationError:
            continue
        # the components not changed are the base's objects, as in the variants the optimiser makes
        objects = {id(c): base.components[n] for n, c in data["components"].items()}
        variants.append(variant.model_copy(update={"components": {
            n: objects.get(id(c), variant.components[n]) for n, c in changed["components"].items()}}))
    return base, variants


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=_specs_and_changes())
def test_a_changed_spec_bills_the_same_from_the_memo_as_from_scratch(case):
    base, variants = case
    with pytest.MonkeyPatch.context() as monkeypatch:
        try:
            _delta(base)  # its components' groups met before
            delta = [_delta(v) for v in variants]
        except (UserError, ValueError):  # not a valid spec, or one sizing cannot place: nothing to compare
            assume(False)
        assert delta == [_scratch(v, monkeypatch) for v in variants]


def test_the_optimisers_whole_specs_bill_the_same_from_the_memo(monkeypatch):
    """The whole specs a search prices at scale (platform components, CloudFront and its traffic, the front's
    points of many changed workloads): what the memo is for."""
    from stackwright.optimize import search

    variants = []
    summed = search.monthly_sum
    monkeypatch.setattr(search, "monthly_sum", lambda spec, content=None: variants.append(spec) or summed(spec))
    search.optimize(Spec.model_validate(generated_spec(40)))
    variants = [v for v in variants if len(v.components) > 20][::3]
    assert len(variants) > 5
    assert [_delta(v) for v in variants] == [_scratch(v, monkeypatch) for v in variants]


def test_a_memoised_group_is_reused_and_the_memo_keeps_its_bound(monkeypatch):
    spec = Spec.model_validate(generated_spec(30))
    monkeypatch.setattr(spec_bill, "_groups", type(spec_bill._groups)())
    monkeypatch.setattr(spec_bill, "_group_lines", [0])
    _delta(spec)
    kept = dict(spec_bill._groups)
    assert len(kept) >= 30  # every workload's group, and the monitoring's
    changed = spec.components["svc0000"].model_copy(update={"cpu": 1, "memory_gb": 2})
    _delta(spec.model_copy(update={"components": {**spec.components, "svc0000": changed}}))
    assert len(spec_bill._groups) == len(kept) + 1  # only the changed service's group is new
    assert all(spec_bill._groups[k] is v for k, v in kept.items())
    monkeypatch.setattr(spec_bill, "GROUP_LINES_KEPT", 20)
    spec_bill._keep_group(("x",), ((None,) * 5, ()))
    assert spec_bill._group_lines[0] <= 20 and ("x",) in spec_bill._groups
    assert spec_bill._group_lines[0] == sum(len(v[0]) + len(v[1]) for v in spec_bill._groups.values())


@pytest.mark.parametrize("kind", ["fargate_service", "ec2_asg"])
def test_a_public_workload_unchanged_bills_its_new_share_of_the_internets_data_out(kind, monkeypatch):
    """Without a load balancer (or CloudFront) the data out leaves from the public workloads, shared evenly: one
    more of them changes the share of every other, though none of those changed."""
    data = generated_spec(20)
    data["components"] = {n: {**c, "public_ip": True} if c["kind"] == kind else c
                          for n, c in data["components"].items() if c["kind"] not in ("alb", "cloudfront")}
    base = Spec.model_validate(data)
    _delta(base)
    name = next(n for n, c in data["components"].items() if c["kind"] == kind)
    more = Spec.model_validate({**data, "components": {**data["components"], "extra": data["components"][name]}})
    assert _delta(more) == _scratch(more, monkeypatch) != _scratch(base, monkeypatch)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(case=_specs_and_changes())
def test_a_changed_spec_plans_the_same_from_the_memo_as_from_scratch(case):
    """The plan builder's memo of each service's elements (plan.build._workload_parts) against building afresh."""
    from stackwright.plan import build
    from stackwright.sizing.sizer import resolve

    base, variants = case
    try:
        build.build_plan(base, remember=False)  # its services met before
        remembered = [build.build_plan(v, remember=False) for v in variants]
    except (UserError, ValueError):
        assume(False)
    build._service_contexts.clear()
    build._workload_parts.clear()
    assert remembered == [build._Builder(resolve(v)).build(None) for v in variants]


def _planned_after_removing(spec: Spec, kind: str):
    """`spec` planned, then again without its components of `kind` (its other objects unchanged, so the plan
    builder's memos are asked): that plan, and the same spec's plan built with those memos emptied."""
    from stackwright.plan import build
    from stackwright.sizing.sizer import resolve

    build.build_plan(spec, remember=False)
    without = spec.model_copy(update={"components": {n: c for n, c in spec.components.items() if c.kind != kind}})
    remembered = build.build_plan(without, remember=False)
    build._workload_parts.clear()
    return remembered, build._Builder(resolve(without)).build(None)


@pytest.mark.parametrize("kind", ["sqs", "s3", "rds", "secrets_manager", "ecr"])
def test_a_service_unchanged_plans_anew_when_what_it_reads_goes(kind):
    """A service's role reads the spec's queues, buckets, stores, secrets and repositories: the service object
    unchanged, its memoised elements are not reused once one of those goes."""
    from stackwright.plan import build

    spec = load(next(p for p in EXAMPLES if p.stem == "web-worker-queue")).spec
    if not any(c.kind == kind for c in spec.components.values()):
        spec = Spec.model_validate(generated_spec(5))
    remembered, fresh = _planned_after_removing(spec, kind)
    assert remembered == fresh
    assert remembered.roles != build.build_plan(spec, remember=False).roles


@pytest.mark.parametrize("kind", ["s3", "secrets_manager", "ecr", "rds"])
def test_an_instance_group_unchanged_plans_anew_when_what_it_reads_goes(kind):
    """An instance group's role reads the spec's buckets, secrets and repositories (as a service's does): the ec2
    component object unchanged, its memoised elements are not reused once one of those goes."""
    from stackwright.plan import build

    spec = Spec.model_validate(generated_spec(10))
    remembered, fresh = _planned_after_removing(spec, kind)
    assert remembered == fresh
    groups = {g.role for g in remembered.instance_groups}
    assert {r for r in remembered.roles if r.id in groups} != {
        r for r in build.build_plan(spec, remember=False).roles if r.id in groups}


def test_a_worker_unchanged_scales_on_cpu_once_its_queue_goes():
    """A worker that scales on its queue's backlog takes no CPU policy; without the queue it does (the scaling
    memo reads the spec's queues)."""
    from stackwright.plan import build

    spec = load(next(p for p in EXAMPLES if p.stem == "web-worker-queue")).spec
    worker = next(n for n, c in spec.components.items() if c.kind == "worker")
    with_queue = build.build_plan(spec, remember=False)
    without = build.build_plan(spec.model_copy(update={"components": {
        n: c for n, c in spec.components.items() if c.kind != "sqs"}}), remember=False)
    assert not [p for p in with_queue.scaling_policies if p.workload == build.slug(worker)]
    assert [p for p in without.scaling_policies if p.workload == build.slug(worker)]
