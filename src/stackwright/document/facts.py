"""Everything the design document and the report show, computed once from the spec.

Numbers stay numbers here; templates format them for the language. Nothing here reads a clock, so
the same spec gives the same facts.
"""

from __future__ import annotations

import importlib
import ipaddress
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property, lru_cache

from stackwright import memo
from stackwright.cost.bill import Bill
from stackwright.cost.usage import Usage
from stackwright.diagram.layout import Layout, build_layout
from stackwright.document.recovery import Recovery, recovery
from stackwright.optimize.search import Result
from stackwright.plan.model import Plan, Rule
from stackwright.pricing import catalogue
from stackwright.roadmap import Phase
from stackwright.spec.model import Spec


@dataclass(frozen=True)
class Flow:
    """One allowed flow, read from the security groups: `source` → `target` on `ports`."""

    source: str  # a component name, a CIDR, or a group id the plan made without a component
    target: str
    ports: str
    description: str


@dataclass(frozen=True)
class Traffic:
    dau: int
    peak_concurrent_users: int | None
    avg_rps: float
    avg_rps_given: bool
    peak_rps: float
    peak_rps_given: bool
    requests_per_month: float
    data_out_gb_month: float
    data_out_given: bool
    requests_per_user_day: float
    kb_per_request: float


@dataclass(frozen=True)
class Facts:
    spec: Spec  # sized: every `auto` filled
    plan: Plan
    layout: Layout
    bill: Bill
    optimised: Result
    phases: list[Phase]
    findings: list | None  # None when the checks module is not installed
    recovery: Recovery
    traffic: Traffic
    flows: list[Flow]
    price_sources: list[catalogue.Source]  # those the bill cites, by id
    estimate_notes: dict[str, int]  # estimate reason -> its mark number, in bill order

    def usable_addresses(self, cidr: str) -> int:
        """Addresses AWS leaves for resources: it keeps 5 in every subnet."""
        return ipaddress.ip_network(cidr).num_addresses - 5

    def component_cost(self, name: str) -> float:
        return self._cost_by_resource.get(name, 0.0)

    @cached_property
    def _cost_by_resource(self) -> dict[str, float]:
        return self.bill.by_resource()


def _traffic(spec: Spec) -> Traffic:
    from stackwright.sizing.sizer import peak_rps

    t, usage = spec.traffic, Usage(spec.traffic)
    peak, _ = peak_rps(spec)
    return Traffic(
        dau=t.dau, peak_concurrent_users=t.peak_concurrent_users, avg_rps=usage.avg_rps,
        avg_rps_given=t.avg_rps is not None, peak_rps=peak, peak_rps_given=t.peak_rps is not None,
        requests_per_month=usage.requests_per_month.value, data_out_gb_month=usage.data_out_gb.value,
        data_out_given=t.data_out_gb_month is not None, requests_per_user_day=t.requests_per_user_day,
        kb_per_request=t.kb_per_request,
    )


def _ports(rule: Rule) -> str:
    return str(rule.from_port) if rule.from_port == rule.to_port else f"{rule.from_port}-{rule.to_port}"


def _flows(plan: Plan) -> list[Flow]:
    """Ingress rules, plus egress to CIDRs (egress to a group repeats that group's ingress)."""
    owners = {g.id: g.component or g.id for g in plan.security_groups}

    def end(rule: Rule) -> str:
        return owners.get(rule.group, rule.group) if rule.group else rule.cidr

    flows: dict[tuple[str, str, str], Flow] = {}
    for group in plan.security_groups:
        me = owners[group.id]
        for rule in group.ingress:
            flows.setdefault((end(rule), me, _ports(rule)), Flow(end(rule), me, _ports(rule), rule.description))
        for rule in group.egress:
            if rule.cidr:
                flows.setdefault((me, rule.cidr, _ports(rule)), Flow(me, rule.cidr, _ports(rule), rule.description))
    return list(flows.values())


def _findings(spec: Spec, plan: Plan) -> list | None:
    """The checks module's findings, errors first; None where the build has no checks module."""
    try:
        checks = importlib.import_module("stackwright.checks")
    except ModuleNotFoundError as missing:
        if missing.name != "stackwright.checks":
            raise
        return None
    return checks.run_checks(spec, plan)


def _estimate_notes(bill: Bill) -> dict[str, int]:
    notes: dict[str, int] = {}
    for item in bill.items:
        if item.estimate:
            notes.setdefault(item.estimate, len(notes) + 1)
    return notes


BILLS_KEPT = 8
_bills: OrderedDict[str, Bill] = OrderedDict()  # spec (as gather keys it) -> its bill, priced by a caller


def remember_bill(spec: Spec, bill: Bill) -> None:
    """`price(spec, loaded)` for the facts of `spec` to use: `plan` prices each environment once for the figures
    side by side, and its documents and reports show the same bills."""
    memo.keep(_bills, spec.model_dump_json(exclude_unset=True), bill, BILLS_KEPT)


def gather(spec: Spec) -> Facts:
    """The facts for `spec`; computed once per distinct spec, as the document and the report share them.
    Only the fields the spec sets travel, so the optimiser still tells written fields from defaults."""
    return _gather(spec.model_dump_json(exclude_unset=True))


@lru_cache(maxsize=8)
def _gather(spec_json: str) -> Facts:
    from stackwright.optimize.search import optimize
    from stackwright.plan import build_plan
    from stackwright.roadmap import roadmap
    from stackwright.sizing.sizer import resolve
    from stackwright.spec_bill import price

    written = Spec.model_validate_json(spec_json)
    spec = resolve(written)
    plan = build_plan(spec)
    bill = _bills.get(spec_json)
    bill = bill if bill is not None else price(spec)
    cited = sorted({item.price_source for item in bill.items})
    sources = catalogue.sources()
    return Facts(
        spec=spec, plan=plan, layout=build_layout(spec, plan), bill=bill, optimised=optimize(written),
        phases=roadmap(spec), findings=_findings(spec, plan), recovery=recovery(plan), traffic=_traffic(spec),
        flows=_flows(plan), price_sources=[sources[s] for s in cited],
        estimate_notes=_estimate_notes(bill),
    )
