"""Traffic -> task and instance counts, DB class and cache node type, each with the formula that chose it."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from stackwright.cost.usage import Usage
from stackwright.errors import UserError
from stackwright.pricing import catalogue
from stackwright.sizing import profiles as p
from stackwright.spec.model import AUTO, ElastiCache, Rds, Spec, TaskCounts
from stackwright.translatable import N_

COMPUTE_KINDS = ("fargate_service", "ec2_asg")


@dataclass(frozen=True)
class Sized:
    path: tuple
    value: str
    why: str


@dataclass(frozen=True)
class SizingResult:
    spec: Spec
    sized: list[Sized]


def needs_sizing(spec: Spec) -> bool:
    for c in spec.components.values():
        if (c.kind in ("fargate_service", "worker") and c.tasks == AUTO) or (c.kind == "ec2_asg" and c.instances == AUTO):
            return True
        if (c.kind == "rds" and c.instance_class == AUTO) or (c.kind == "elasticache" and c.node_type == AUTO):
            return True
    return False


def peak_rps(spec: Spec) -> tuple[float, str]:
    t = spec.traffic
    if t.peak_rps is not None:
        return t.peak_rps, f"traffic.peak_rps = {t.peak_rps:g}"
    avg = Usage(t).avg_rps
    return avg * p.PEAK_TO_AVERAGE, f"{avg:.2f} avg req/s × {p.PEAK_TO_AVERAGE:g} peak/average"


def traffic_shares(spec: Spec) -> dict[str, float]:
    """Share of requests each compute component serves: its own share_of_traffic, else an even split."""
    compute = {n: c for n, c in spec.components.items() if c.kind in COMPUTE_KINDS}
    given = {n: c.share_of_traffic for n, c in compute.items() if c.share_of_traffic is not None}
    rest = [n for n in compute if n not in given]
    left = max(0.0, 1.0 - sum(given.values()))
    return given | {n: left / len(rest) for n in rest} if rest else given


def _rps_per_vcpu(component) -> tuple[float, str]:
    if component.rps_per_vcpu:
        return component.rps_per_vcpu, f"rps_per_vcpu = {component.rps_per_vcpu:g}"
    if component.runtime:
        return p.RPS_PER_VCPU[component.runtime], f"{component.runtime} profile {p.RPS_PER_VCPU[component.runtime]} req/s per vCPU"
    return p.DEFAULT_RPS_PER_VCPU, f"no runtime given: {p.DEFAULT_RPS_PER_VCPU} req/s per vCPU (the FastAPI profile; set runtime or rps_per_vcpu)"


def unit_capacity(component, spec: Spec) -> tuple[float, str]:
    """Requests per second one task or instance of a compute component carries at the target utilisation."""
    if component.kind == "fargate_service":
        vcpu, unit = component.cpu, "task"
    else:
        size = catalogue.instance_size("ec2", component.instance_type)
        vcpu, unit = (size.vcpu if size else 1), "instance"
    rate, rate_why = _rps_per_vcpu(component)
    util = spec.sizing.target_utilisation
    per_unit = rate * vcpu * util
    return per_unit, f"one {unit} = {vcpu:g} vCPU × {rate_why} × {util:.0%} target CPU = {per_unit:g} req/s"


def _counts(name: str, component, spec: Spec, share: float) -> tuple[TaskCounts, str]:
    per_unit, unit_why = unit_capacity(component, spec)
    peak, peak_why = peak_rps(spec)
    avg = Usage(spec.traffic).avg_rps
    need_peak = math.ceil(peak * share / per_unit)
    need_avg = math.ceil(avg * share / per_unit)
    floor = 2 if spec.availability_target > p.AVAILABILITY_NEEDING_TWO_AZS else 1
    desired = max(floor, need_avg + 1)
    counts = TaskCounts(min=floor, desired=desired, max=max(desired, need_peak + 1))
    bound = N_("desired %(desired)s, max %(max)s") % {
        "desired": N_("the availability floor") if desired == floor and need_avg + 1 < floor else N_("average load"),
        "max": N_("peak load") if counts.max > desired else N_("desired")}
    why = (f"{unit_why}; "
           f"{share:.0%} of traffic: average {avg * share:.2f} req/s → {need_avg} + 1 spare (N+1) = {desired} desired; "
           f"peak ({peak_why}) {peak * share:.2f} req/s → {need_peak} + 1 = {counts.max} max; "
           f"min {floor} ({'two AZs for' if floor == 2 else 'one is enough for'} a {spec.availability_target:g}% target); "
           f"bound by: {bound}")
    return counts, why


SIZED_KEPT = 16_384  # bounds the memo below: a sized component and its sentence each, a few MB when full
_sized_memo: dict[tuple, tuple] = {}  # (id(component), what its counts read) -> (component, sized, counts, why)


def _sized(name: str, component, spec: Spec, share: float, field: str, reads: tuple) -> tuple:
    """(`component` with its `field` counted by `_counts`, the counts, why), worked out once per component object
    and what `_counts` reads besides it (`reads`: the spec's traffic, sizing and availability target; the
    component's share of traffic and name): the optimiser sizes the same components in each of its variants,
    and the sized objects it gets back are the same objects, so the bill's memos know them."""
    key = (id(component), reads, share, name)
    found = _sized_memo.get(key)
    if found is None or found[0] is not component:
        counts, why = _counts(name, component, spec, share)
        if len(_sized_memo) >= SIZED_KEPT:
            _sized_memo.clear()
        found = _sized_memo[key] = (component, component.model_copy(update={field: counts}), counts, why)
    return found[1:]


def max_connections(engine: str, memory_gib: float) -> int:
    available = memory_gib * 2**30 * p.DB_CLASS_MEMORY_SHARE
    connections = int(available // p.MAX_CONNECTIONS_DIVISOR[engine])
    return min(connections, p.POSTGRES_MAX_CONNECTIONS_CAP) if engine == "postgresql" else connections


def db_connections_needed(spec: Spec) -> tuple[int, str]:
    pool = spec.sizing.db_pool_per_task
    total, parts = 0, []
    for name, c in spec.components.items():
        counts = c.tasks if c.kind in ("fargate_service", "worker") else c.instances if c.kind == "ec2_asg" else None
        if counts is None:
            count = c.count if c.kind == "ec2_instance" else 0
        else:
            count = counts.max
        if count:
            total += count * pool
            parts.append(f"{name} {count}")
    needed = math.ceil(total * p.DB_CONNECTION_HEADROOM)
    return needed, (f"({' + '.join(parts) or 'no'} tasks/instances at max) × pool {pool} × "
                    f"{p.DB_CONNECTION_HEADROOM:g} headroom = {needed} connections")


@functools.cache
def _candidates(family: str, prefixes: tuple[str, ...]) -> list[str]:
    """The current-generation classes sizing picks from (the catalogue's list does not change in a run)."""
    return [t for t in catalogue.instance_types(family) if t.startswith(prefixes)]


def _cheapest(prices: catalogue.RegionPrices, prefix: str, candidates: list[str]) -> list[str]:
    return list(_cheapest_first(prices, prefix, tuple(candidates)))


@functools.lru_cache(maxsize=256)  # sizing runs on every pricing the optimiser does; the order never changes
def _cheapest_first(prices: catalogue.RegionPrices, prefix: str, candidates: tuple[str, ...]) -> tuple[str, ...]:
    priced = [(prices.get(f"{prefix}{c}").usd, c) for c in candidates if f"{prefix}{c}" in prices]
    return tuple(c for _, c in sorted(priced))


def db_working_set_gb(spec: Spec) -> tuple[float, str]:
    given = spec.sizing.db_working_set_gb
    if given is not None:
        return given, f"db_working_set_gb = {given:g}"
    storage = sum(c.storage.gb for c in spec.components.values() if c.kind == "rds")
    return storage * p.WORKING_SET_SHARE_OF_STORAGE, f"{p.WORKING_SET_SHARE_OF_STORAGE:.0%} of {storage:g} GB storage"


def db_vcpus_needed(spec: Spec) -> tuple[float, str]:
    peak, peak_why = peak_rps(spec)
    has_cache = any(c.kind == "elasticache" for c in spec.components.values())
    hit = p.CACHE_HIT_RATE if has_cache else 0.0
    qps = peak * p.QUERIES_PER_REQUEST * (1 - hit)
    return qps / p.QPS_PER_DB_VCPU, (f"peak {peak:,.0f} req/s ({peak_why}) × {p.QUERIES_PER_REQUEST} queries × "
                                     f"{1 - hit:.0%} missing the cache = {qps:,.0f} queries/s ÷ "
                                     f"{p.QPS_PER_DB_VCPU} per vCPU")


def burstable_baseline(instance_type: str) -> float | None:
    """The CPU share per vCPU a burstable class sustains on credits earned (None when not burstable)."""
    family, _, size = instance_type.removeprefix("db.").removeprefix("cache.").partition(".")
    if family not in p.BURSTABLE_FAMILIES:
        return None
    return (p.BURSTABLE_BASELINE_T2 if family == "t2" else p.BURSTABLE_BASELINE).get(size)


def _credit_problem(cls: str, vcpu: float, steady_vcpus: float) -> str | None:
    """Why a burstable class runs out of CPU credits under this steady load (None when it holds)."""
    baseline = burstable_baseline(cls)
    if baseline is None or not vcpu:
        return None
    steady = steady_vcpus / vcpu
    if steady <= baseline:
        return None
    return N_("steady CPU %(steady)s of %(class)s > its %(baseline)s credit baseline") % {
        "steady": f"{steady:.0%}", "class": cls, "baseline": f"{baseline:.0%}"}


def db_average_vcpus(spec: Spec) -> float:
    """Database vCPUs the average load keeps busy (at 100% use), for CPU-credit arithmetic."""
    has_cache = any(c.kind == "elasticache" for c in spec.components.values())
    hit = p.CACHE_HIT_RATE if has_cache else 0.0
    qps = Usage(spec.traffic).avg_rps * p.QUERIES_PER_REQUEST * (1 - hit)
    return qps / (p.QPS_PER_DB_VCPU / spec.sizing.target_utilisation)


@dataclass(frozen=True)
class DbSize:
    instance_class: str
    read_replicas: int
    why: str


def size_db_replicas(db: Rds, spec: Spec, prices: catalogue.RegionPrices) -> DbSize:
    """The cheapest class, with read replicas only when one instance cannot serve the reads, that holds the
    connections, the working set, the peak queries and (for burstable classes) the steady CPU."""
    needed, conn_why = db_connections_needed(spec)
    working_set, ws_why = db_working_set_gb(spec)
    vcpus, cpu_why = db_vcpus_needed(spec)
    steady = db_average_vcpus(spec)
    az = "multi-az" if db.multi_az else "single-az"
    ordered = _cheapest(prices, f"rds/{db.engine}/{az}/", _candidates("rds", p.DB_FAMILIES))
    for replicas in range(0, p.MAX_READ_REPLICAS + 1):
        # each replica takes an equal share of the reads; the primary keeps the writes and its share
        share = (1 - p.READ_SHARE_OF_QUERIES) + p.READ_SHARE_OF_QUERIES / (1 + replicas)
        rejected: tuple[str, str] | None = None
        for cls in ordered:
            size = catalogue.instance_size("rds", cls)
            limit = max_connections(db.engine, size.memory_gib)
            why_not = (N_("max_connections %(limit)s < %(needed)s") % {"limit": limit, "needed": needed}
                       if limit < needed else
                       N_("%(share)s of %(gib)s GiB < working set %(gb)s GB") % {
                           "share": f"{p.DB_BUFFER_SHARE:.0%}", "gib": f"{size.memory_gib:g}", "gb": f"{working_set:g}"}
                       if size.memory_gib * p.DB_BUFFER_SHARE < working_set else
                       N_("%(vcpus)s vCPUs < %(needed)s needed at peak") % {
                           "vcpus": f"{size.vcpu:g}", "needed": f"{vcpus * share:.1f}"}
                       if size.vcpu < vcpus * share else
                       _credit_problem(cls, size.vcpu, steady * share))
            if why_not:
                rejected = (cls, why_not)
                continue
            bound = (N_("%(reason)s on the next cheaper class, %(class)s") % {"reason": rejected[1], "class": rejected[0]}
                     if rejected else N_("nothing (the cheapest class)"))
            spread = (f"; reads spread over the primary and {replicas} read replica(s): the primary serves "
                      f"{share:.0%} of the queries" if replicas else "")
            return DbSize(cls, replicas, (
                f"cheapest class with max_connections ≥ {needed} ({conn_why}; {cls} allows {limit}), "
                f"{p.DB_BUFFER_SHARE:.0%} of memory ≥ working set {working_set:g} GB ({ws_why}), "
                f"vCPUs ≥ {vcpus * share:.1f} ({cpu_why}) and, if burstable, steady CPU within its credit baseline"
                f"{spread}; bound by: {bound}"))
    raise ValueError(N_("no RDS %(engine)s class in %(region)s holds %(needed)s connections, %(gb)s GB and "
                        "%(vcpus)s vCPUs even with %(replicas)s read replicas: add RDS Proxy, a cache in front, or "
                        "shard") % {"engine": db.engine, "region": spec.region, "needed": needed,
                                    "gb": f"{working_set:g}", "vcpus": f"{vcpus:.1f}", "replicas": p.MAX_READ_REPLICAS})


def size_db(db: Rds, spec: Spec, prices: catalogue.RegionPrices) -> tuple[str, str]:
    """The primary's class (read replicas, when needed, come from size_db_replicas)."""
    sized = size_db_replicas(db, spec, prices)
    return sized.instance_class, sized.why


def cache_memory_needed_gib(spec: Spec) -> tuple[float, str]:
    t, s = spec.traffic, spec.sizing
    users = t.peak_concurrent_users
    if users is not None:
        users_why = N_("%(users)s peak concurrent users") % {"users": f"{users:,}"}
    else:
        users = math.ceil(t.dau * p.CONCURRENT_SHARE_OF_DAU)
        users_why = N_("%(users)s concurrent users (%(share)s of %(dau)s DAU)") % {
            "users": f"{users:,}", "share": f"{p.CONCURRENT_SHARE_OF_DAU:.0%}", "dau": f"{t.dau:,}"}
    mib = users * s.session_kb / 1024 + s.hot_data_mb
    return mib / 1024, N_("%(users)s × %(kb)s KB sessions + %(hot)s MB hot data = %(mib)s MB") % {
        "users": users_why, "kb": f"{s.session_kb:g}", "hot": f"{s.hot_data_mb:g}", "mib": f"{mib:,.0f}"}


def cache_average_vcpus(spec: Spec) -> float:
    ops = Usage(spec.traffic).avg_rps * p.CACHE_OPS_PER_REQUEST
    return ops / p.CACHE_OPS_PER_VCPU


def size_cache(cache: ElastiCache, spec: Spec, prices: catalogue.RegionPrices) -> tuple[str, str]:
    needed, why = cache_memory_needed_gib(spec)
    per_shard = needed / cache.shards / p.CACHE_USABLE_SHARE
    steady = cache_average_vcpus(spec) / cache.shards
    rejected: tuple[str, str] | None = None
    for node in _cheapest(prices, f"elasticache/{cache.engine}/", _candidates("elasticache", p.CACHE_FAMILIES)):
        size = catalogue.instance_size("elasticache", node)
        why_not = (N_("%(gib)s GiB < %(needed)s GiB per shard") % {
            "gib": f"{size.memory_gib:g}", "needed": f"{per_shard:.2f}"} if size.memory_gib < per_shard
                   else _credit_problem(node, size.vcpu, steady))
        if why_not:
            rejected = (node, why_not)
            continue
        bound = (N_("%(reason)s on the next cheaper node, %(node)s") % {"reason": rejected[1], "node": rejected[0]}
                 if rejected else N_("nothing (the cheapest node)"))
        return node, N_("cheapest node with memory ≥ %(mb)s MB per shard: %(why)s, over %(shards)s shard(s), "
                        "%(usable)s usable after reserved memory; if burstable, steady CPU (%(steady)s vCPU for "
                        "%(ops)s ops per request) within its credit baseline; bound by: %(bound)s") % {
            "mb": f"{per_shard * 1024:,.0f}", "why": why, "shards": cache.shards, "usable": f"{p.CACHE_USABLE_SHARE:.0%}",
            "steady": f"{steady:.2f}", "ops": p.CACHE_OPS_PER_REQUEST, "bound": bound}
    raise ValueError(N_("no ElastiCache %(engine)s node in %(region)s holds %(gib)s GiB") % {
        "engine": cache.engine, "region": spec.region, "gib": f"{per_shard:.1f}"})


def cache_replicas(cache: ElastiCache, spec: Spec) -> tuple[int, str] | None:
    """One replica per shard when a lone node's SLA is below the availability target (None when it is not)."""
    from stackwright.optimize.availability import SLAS

    single = SLAS["elasticache-single-az"].percent
    if cache.engine == "memcached" or cache.replicas_per_shard >= 1 or spec.availability_target <= single:
        return None
    if spec.azs < 2:
        return None
    bound = N_("the availability target")
    return 1, (f"one node's ElastiCache Single-AZ SLA ({single:g}%) is below the {spec.availability_target:g}% "
               f"target; a replica in another AZ with automatic failover is covered by the Multi-AZ SLA "
               f"({SLAS['elasticache-multi-az'].percent:g}%); bound by: {bound}")


def db_multi_az(db: Rds, spec: Spec) -> str | None:
    """Why a database whose spec leaves multi_az unwritten gets a standby: a lone instance's SLA is below
    the availability target (None when it is not), so the defaults reach the default target."""
    from stackwright.optimize.availability import SLAS

    single = SLAS["rds-single"].percent
    if db.multi_az or "multi_az" in db.model_fields_set or spec.availability_target <= single or spec.azs < 2:
        return None
    bound = N_("the availability target (write multi_az: false to keep one instance)")
    return (f"one instance's RDS Single-AZ SLA ({single:g}%) is below the {spec.availability_target:g}% target; "
            f"a Multi-AZ standby is covered by the Multi-AZ SLA ({SLAS['rds-multi-az'].percent:g}%); "
            f"bound by: {bound}")


def nat_per_az(nat, spec: Spec) -> tuple[int, str] | None:
    """One NAT per AZ when the spec leaves count unwritten and one AZ's NAT would hold every AZ's egress
    below the availability target (None when it would not)."""
    from stackwright.optimize.availability import SLAS

    single = SLAS["compute-instance"].percent
    if "count" in nat.model_fields_set or nat.count >= spec.azs or spec.availability_target <= single:
        return None
    bound = N_("the availability target (write count: 1 to keep one)")
    return spec.azs, (f"one NAT for {spec.azs} AZs puts every AZ's egress on one AZ (taken at {single:g}%), below "
                      f"the {spec.availability_target:g}% target; one per AZ; "
                      f"bound by: {bound}")


def storage_in_a_year(db: Rds, spec: Spec) -> Sized:
    grown = db.storage.gb + spec.sizing.storage_growth_gb_month * 12
    return Sized(("storage", "gb"), f"{grown:g} GB in 12 months",
                 f"{db.storage.gb:g} GB + {spec.sizing.storage_growth_gb_month:g} GB/month × 12 "
                 f"(enable storage autoscaling up to at least this)")


def size(spec: Spec, *, resize_all: bool = False) -> SizingResult:
    """Fill every `auto` count and class (every one, with resize_all) from the spec's traffic."""
    prices = catalogue.load(spec.region)
    components = dict(spec.components)
    sized: list[Sized] = []
    shares = traffic_shares(spec)
    reads = (spec.traffic.model_dump_json(), spec.sizing.model_dump_json(), spec.availability_target)  # see _sized

    def record(name: str, field: tuple, value: str, why: str) -> None:
        sized.append(Sized(("components", name, *field), value, why))

    for name, c in spec.components.items():
        field = "tasks" if c.kind == "fargate_service" else "instances" if c.kind == "ec2_asg" else None
        if field and (resize_all or getattr(c, field) == AUTO):
            components[name], counts, why = _sized(name, c, spec, shares[name], field, reads)
            record(name, (field,), f"{counts.min}/{counts.desired}/{counts.max}", why)
        elif c.kind == "worker":
            from stackwright.sizing import worker

            if c.tasks == AUTO or (resize_all and worker.can_size(c, spec)):
                counts, why = worker.counts(name, c, spec)
                components[name] = c.model_copy(update={"tasks": counts})
                record(name, ("tasks",), f"{counts.min}/{counts.desired}/{counts.max}", why)
    sized_compute = spec.model_copy(update={"components": components})
    for name, c in spec.components.items():
        if c.kind == "rds":
            if resize_all or c.instance_class == AUTO:
                sized_db = size_db_replicas(c, sized_compute, prices)
                update = {"instance_class": sized_db.instance_class}
                if sized_db.read_replicas > c.read_replicas and (resize_all or "read_replicas" not in c.model_fields_set):
                    update["read_replicas"] = sized_db.read_replicas
                    record(name, ("read_replicas",), str(sized_db.read_replicas),
                           "reads exceed what one instance serves: " + sized_db.why)
                standby = db_multi_az(c, spec)
                if standby:
                    update["multi_az"] = True
                    record(name, ("multi_az",), "true", standby)
                components[name] = c.model_copy(update=update)
                record(name, ("instance_class",), sized_db.instance_class, sized_db.why)
            grown = storage_in_a_year(c, spec)
            record(name, grown.path, grown.value, grown.why)
        elif c.kind == "nat" and (per_az := nat_per_az(c, spec)):
            components[name] = c.model_copy(update={"count": per_az[0]})
            record(name, ("count",), str(per_az[0]), per_az[1])
        elif c.kind == "elasticache" and (resize_all or c.node_type == AUTO):
            node, why = size_cache(c, spec, prices)
            update = {"node_type": node}
            replicas = cache_replicas(c, spec)
            if replicas and (resize_all or "replicas_per_shard" not in c.model_fields_set):
                update["replicas_per_shard"] = replicas[0]
                record(name, ("replicas_per_shard",), str(replicas[0]), replicas[1])
            components[name] = c.model_copy(update=update)
            record(name, ("node_type",), node, why)
    return SizingResult(spec.model_copy(update={"components": components}), sized)


def resolve(spec: Spec, loaded=None) -> Spec:
    """`spec` with every `auto` count and class sized from traffic: what the bill prices and the plan
    builds. A spec sizing cannot place is a located UserError."""
    if not needs_sizing(spec):
        return spec
    try:
        return size(spec).spec
    except ValueError as error:
        raise UserError(loaded.problem(("components",), str(error)) if loaded else str(error)) from None
