"""Composite availability of the request path, as AWS's SLAs compose.

Parts a request passes through in turn (edge, load balancer, each service, database, cache, egress)
are in series: their availabilities multiply. A part made of redundant units (Multi-AZ standby,
tasks or instances across AZs, cache replicas) is in parallel: 1 − Π(1 − unit), capped at the SLA
AWS publishes for that redundant configuration (AWS promises no more than its SLA, and units in
one region fail together more often than independence assumes). Every figure is a published SLA,
cited below; where AWS publishes none (a single Fargate task, a NAT gateway), the figure used and
the reason are stated.

Only hard dependencies multiply (AWS Well-Architected, "Calculating availability with hard dependencies";
REL05-BP01, https://docs.aws.amazon.com/wellarchitected/latest/framework/rel05-bp01.html: a dependency the
component answers around when it fails counts as available). A spec names
the components its service answers without in `soft_dependencies` (a cache it falls back from to the
database, a NAT no request calls out through); they leave the product and are listed apart.

A CloudFront distribution that carries only `share_of_traffic` of the requests (the rest reach the load
balancer directly) lets through s × its SLA + (1 − s) of them: the share of requests served, the figure
AWS's request-based SLAs measure.

Several services behind one entry are taken in series: the spec does not say which requests need which
service, so "the service is up" is read as every feature answering at once, a lower bound on the share of
requests served.
"""

from __future__ import annotations

import collections
import functools
import math
from dataclasses import dataclass

from stackwright.spec.model import Spec
from stackwright.translatable import N_


@dataclass(frozen=True)
class Sla:
    percent: float
    name: str
    url: str
    updated: str  # the "Last Updated" date the SLA page shows


SLAS: dict[str, Sla] = {
    "compute-region": Sla(99.99, N_("Amazon Compute SLA, Region-Level (EC2, ECS, Fargate with tasks or "
                                               "instances in two or more AZs)"), "https://aws.amazon.com/compute/sla/", "2022-05-05"),
    "compute-instance": Sla(99.5, N_("Amazon Compute SLA, Instance-Level (one EC2 instance)"),
                            "https://aws.amazon.com/compute/sla/", "2022-05-05"),
    "rds-multi-az": Sla(99.95, N_("Amazon RDS SLA, Multi-AZ DB Instance"), "https://aws.amazon.com/rds/sla/", "2024-01-22"),
    "rds-single": Sla(99.5, N_("Amazon RDS SLA, Single-DB Instance"), "https://aws.amazon.com/rds/sla/", "2024-01-22"),
    "aurora-multi-az": Sla(99.99, N_("Amazon Aurora SLA, Multi-AZ cluster"), "https://aws.amazon.com/rds/aurora/sla/",
                           "2022-05-19"),
    "aurora-single-az": Sla(99.9, N_("Amazon Aurora SLA, Single-AZ cluster"), "https://aws.amazon.com/rds/aurora/sla/",
                            "2022-05-19"),
    "elasticache-multi-az": Sla(99.99, N_("Amazon ElastiCache SLA, Multi-AZ configuration (replica "
                                          "and automatic failover)"), "https://aws.amazon.com/elasticache/sla/", "2024-11-22"),
    "elasticache-single-az": Sla(99.5, N_("Amazon ElastiCache SLA, Single-AZ node"), "https://aws.amazon.com/elasticache/sla/",
                                 "2024-11-22"),
    "elb": Sla(99.99, N_("Elastic Load Balancing SLA"), "https://aws.amazon.com/elasticloadbalancing/sla/", "2022-05-05"),
    "cloudfront": Sla(99.9, N_("Amazon CloudFront SLA"), "https://aws.amazon.com/cloudfront/sla/", "2022-05-05"),
    "waf": Sla(99.95, N_("AWS WAF SLA"), "https://aws.amazon.com/waf/sla/", "2022-05-05"),
    "route53": Sla(100.0, N_("Amazon Route 53 SLA (DNS queries)"), "https://aws.amazon.com/route53/sla/", "2022-05-05"),
    # Request-based commitments, as the SLAs published in 2018-2019 set them (listed by cloudonaut.io,
    # 2019-01-31): a share of requests answered without a server error.
    "lambda": Sla(99.95, N_("AWS Lambda SLA"), "https://aws.amazon.com/lambda/sla/", "2019-01-31"),
    "api_gateway": Sla(99.95, N_("Amazon API Gateway SLA"), "https://aws.amazon.com/api-gateway/sla/", "2019-01-31"),
    "dynamodb": Sla(99.99, N_("Amazon DynamoDB SLA (standard tables)"), "https://aws.amazon.com/dynamodb/sla/",
                    "2019-01-31"),
}
# Serverless kinds and the SLA that covers each (Lambda, API Gateway and DynamoDB run in every AZ of the region).
SERVERLESS_SLAS = {"lambda_function": "lambda", "api_gateway": "api_gateway", "dynamodb_table": "dynamodb"}
# Kinds no request waits on: storage, registry, logs, secrets (read at start-up), endpoints, transfer.
# A Cognito user pool is on the sign-in path only: API Gateway checks its tokens against cached keys.
OFF_PATH = ("s3", "ecr", "cloudwatch", "secrets_manager", "vpc_endpoint", "data_transfer", "public_ipv4",
            "cognito_user_pool",
            # read at start or cached (keys, parameters), or watching beside the request path
            "kms_key", "ssm_parameters", "xray", "cloudtrail", "vpc_flow_logs", "guardduty", "backup_plan")
# Queued work runs after the response: a worker, its queue and the alarm topic hold no request up.
OFF_PATH += ("worker", "sqs", "sns")
EPSILON = 1e-9  # percentages compared after float products


@dataclass(frozen=True)
class Part:
    component: str
    percent: float
    formula: str  # how the figure is reached, with the SLA names
    sources: tuple[str, ...]  # keys of SLAS

    @functools.cached_property
    def term(self) -> str:
        """The part in a composite's formula: written once, as the optimiser's many composites share parts."""
        return f"{self.component} {self.percent:.4g}%"


@dataclass(frozen=True)
class Composite:
    percent: float
    parts: tuple[Part, ...]
    soft: tuple[Part, ...] = ()  # the spec's soft dependencies: shown, not multiplied

    @functools.cached_property
    def formula(self) -> str:  # written once: the history's steps that leave the path as it was share it
        product = " × ".join(p.term for p in self.parts) or N_("nothing on the path")
        formula = f"{product} = {self.percent:.3f}%"
        if self.soft:
            formula = N_("%(formula)s (soft dependencies, answered around when down, not multiplied as AWS "
                         "Well-Architected REL05-BP01 counts them: %(parts)s)") % {
                "formula": formula, "parts": ", ".join(p.term for p in self.soft)}
        return formula

    @property
    def weakest(self) -> Part | None:
        return min(self.parts, key=lambda p: p.percent, default=None)

    def sources(self) -> list[Sla]:
        keys = dict.fromkeys(k for p in self.parts for k in p.sources)
        return [SLAS[k] for k in keys]


def _parallel(units: int, unit_key: str, cap_key: str, what: str) -> tuple[float, str, tuple[str, ...]]:
    unit, cap = SLAS[unit_key].percent, SLAS[cap_key].percent
    combined = 100 * (1 - (1 - unit / 100) ** units)
    value = min(cap, combined)
    formula = N_("%(units)s %(what)s in parallel: 1 − (1 − %(unit)s%%)^%(units)s = %(combined)s%%, capped at "
                 "%(sla)s %(cap)s%%") % {"units": units, "what": what, "unit": f"{unit:g}",
                                          "combined": f"{combined:.4f}", "sla": SLAS[cap_key].name, "cap": f"{cap:g}"}
    return value, formula, (unit_key, cap_key)


def _single(key: str, why: str = "") -> tuple[float, str, tuple[str, ...]]:
    sla = SLAS[key]
    values = {"sla": sla.name, "percent": f"{sla.percent:g}", "why": why}
    return sla.percent, (N_("%(sla)s %(percent)s%% (%(why)s)") if why else N_("%(sla)s %(percent)s%%")) % values, (key,)


def _share(key: str, share: float) -> tuple[float, str, tuple[str, ...]]:
    """A part only `share` of the requests pass through (the rest bypass it): the share of requests it lets
    through, s × SLA + (1 − s) × 100%."""
    sla = SLAS[key]
    value = share * sla.percent + (1 - share) * 100
    return value, N_("%(share)s of requests through it: %(share)s × %(sla)s %(percent)s%% + %(rest)s × 100%% = "
                     "%(value)s%%") % {"share": f"{share:g}", "sla": sla.name, "percent": f"{sla.percent:g}",
                                       "rest": f"{1 - share:g}", "value": f"{value:.4f}"}, (key,)


def lowest_count(component) -> int:
    """Tasks or instances running at the quietest time: the floor the service may scale in to."""
    if component.kind == "ec2_instance":
        return component.count
    counts = component.tasks if component.kind == "fargate_service" else component.instances
    low = counts.min
    if component.scale_in is not None:
        low = min(low, component.scale_in.count)
    return low


def _compute(component, spec: Spec) -> tuple[float, str, tuple[str, ...]]:
    tasks = component.kind == "fargate_service"
    providers = tuple((p.provider, p.base, p.weight) for p in component.capacity_providers) if tasks else ()
    return _compute_of(tasks, lowest_count(component), spec.azs, providers)


@functools.lru_cache(maxsize=4096)
def _compute_of(tasks: bool, running: int, azs: int, providers: tuple) -> tuple[float, str, tuple[str, ...]]:
    """A workload's part from the little it depends on: the optimiser measures thousands of specs that
    differ in one component, and a spec of a thousand workloads has few distinct ones."""
    if running < 2 or azs < 2:
        values = {"running": running, "azs": azs}
        return _single("compute-instance", (
            N_("%(running)s tasks in %(azs)s AZ(s) at the lowest count: one failure stops the service; a lone task "
               "has no SLA of its own, taken at the instance figure") if tasks else
            N_("%(running)s instances in %(azs)s AZ(s) at the lowest count: one failure stops the service; a lone "
               "task has no SLA of its own, taken at the instance figure")) % values)
    if tasks:
        if _place_tasks()(running, [_Provider(*p) for p in providers]).get("FARGATE", 0) == 0:
            return _single("compute-instance", N_("all %(running)s tasks at the lowest count on Fargate Spot: one "
                                                  "capacity reclaim can stop them all") % {"running": running})
    across = N_("tasks across %(azs)s AZs") if tasks else N_("instances across %(azs)s AZs")
    return _parallel(running, "compute-instance", "compute-region", across % {"azs": azs})


_Provider = collections.namedtuple("_Provider", "provider base weight")


@functools.cache
def _place_tasks():
    from stackwright.resources.types.aws_ecs_service import place_tasks  # the bill's placement, loaded once

    return place_tasks


def _elasticache(cache) -> tuple[float, str, tuple[str, ...]]:
    if cache.engine == "memcached":
        nodes = cache.shards * (1 + cache.replicas_per_shard)
        if nodes < 2:
            return _single("elasticache-single-az", N_("one memcached node"))
        return _parallel(nodes, "elasticache-single-az", "compute-region", N_("memcached nodes across AZs"))
    if cache.replicas_per_shard == 0:
        value, formula, keys = _single("elasticache-single-az", N_("no replica: a node failure loses the shard"))
    else:
        value, formula, keys = _parallel(1 + cache.replicas_per_shard, "elasticache-single-az",
                                         "elasticache-multi-az", N_("nodes per shard"))
    if cache.shards > 1:  # every shard holds part of the keyspace: shards are in series
        total = 100 * (value / 100) ** cache.shards
        return total, N_("(%(formula)s) for each of %(shards)s shards in series = %(total)s%%") % {
            "formula": formula, "shards": cache.shards, "total": f"{total:.4f}"}, keys
    return value, formula, keys


def _nat(nat, spec: Spec) -> tuple[float, str, tuple[str, ...]]:
    if nat.count < spec.azs:
        return _single("compute-instance", N_(
            "%(count)s NAT %(mode)s(s) for %(azs)s AZs: every AZ's egress hangs on one AZ; NAT gateways have no SLA "
            "of their own, so a one-AZ dependency is taken at the instance figure") % {
            "count": nat.count, "mode": nat.mode, "azs": spec.azs})
    if nat.mode == "instance":
        return _parallel(nat.count, "compute-instance", "compute-region", N_("NAT instances, one per AZ"))
    return _single("compute-region", N_("a NAT gateway in every AZ, so no AZ's egress depends on another; NAT "
                                        "gateways have no SLA of their own and are taken at the regional compute "
                                        "figure"))


def part(name: str, component, spec: Spec) -> Part | None:
    """The component's availability on the request path, or None when no request waits on it (its kind, or
    the spec naming it a soft dependency)."""
    if name in spec.soft_dependencies:
        return None
    return _part(name, component, spec)


def _part(name: str, component, spec: Spec) -> Part | None:
    kind = component.kind
    if kind in OFF_PATH:
        return None
    if kind in ("fargate_service", "ec2_asg", "ec2_instance"):
        value, formula, keys = _compute(component, spec)
    elif kind == "rds":
        value, formula, keys = (_parallel(2, "rds-single", "rds-multi-az", N_("instances (primary and standby)"))
                                if component.multi_az else _single("rds-single"))
    elif kind == "aurora_serverless_v2":
        value, formula, keys = (_parallel(component.instances, "aurora-single-az", "aurora-multi-az",
                                          N_("instances (writer and readers)"))
                                if component.instances >= 2 else _single("aurora-single-az"))
    elif kind == "elasticache":
        value, formula, keys = _elasticache(component)
    elif kind == "nat":
        value, formula, keys = _nat(component, spec)
    elif kind in ("alb", "nlb"):
        value, formula, keys = _single("elb")
    elif kind == "service_discovery":  # its records live in a Route 53 private hosted zone
        value, formula, keys = _single("route53")
    elif kind == "cloudfront" and component.share_of_traffic < 1:
        value, formula, keys = _share("cloudfront", component.share_of_traffic)
    elif kind in ("cloudfront", "waf", "route53"):
        value, formula, keys = _single(kind)
    elif kind in SERVERLESS_SLAS:
        value, formula, keys = _single(SERVERLESS_SLAS[kind])
    else:  # pragma: no cover - a new kind must say whether requests wait on it
        raise ValueError(f"no availability model for kind {kind!r}")
    return Part(name, value, formula, keys)


def composite(spec: Spec) -> Composite:
    parts = tuple(p for name, c in spec.components.items() if (p := part(name, c, spec)) is not None)
    soft = tuple(p for name, c in spec.components.items()
                 if name in spec.soft_dependencies and (p := _part(name, c, spec)) is not None)
    return composite_of(parts, soft)


def composite_of(parts: tuple[Part, ...], soft: tuple[Part, ...] = ()) -> Composite:
    """The composite of the request path's parts (in the spec's order) and the soft dependencies' parts."""
    return Composite(100 * math.prod(p.percent / 100 for p in parts), parts, soft)


def meets(percent: float, target: float) -> bool:
    return percent + EPSILON >= target
