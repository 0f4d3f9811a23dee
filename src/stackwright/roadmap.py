"""Growth roadmap: the spec re-sized and re-costed at each traffic phase, with the signals that say
when to move to the next one."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from stackwright.sizing import sizer
from stackwright.spec.model import Spec
from stackwright.spec_bill import monthly_sum
from stackwright.translatable import N_

DEFAULT_PHASES_DAU = (1_000, 5_000, 20_000, 50_000, 100_000)
CPU_TRIGGER = 0.70  # sustained peak CPU at max tasks
CONNECTIONS_TRIGGER = 0.80
CACHE_MEMORY_TRIGGER = 0.75


@dataclass(frozen=True)
class Phase:
    name: str
    dau: int
    peak_rps: float
    monthly_usd: float | None  # None when one phase outgrows what sizing can place (see move_on_when)
    sizes: dict[str, str]  # component -> its sized counts or class
    move_on_when: list[str]  # signals that this phase's sizes are running out
    # component -> what bound each sized value ("instance_class: …; read_replicas: …"), from the sizing
    bound_by: dict[str, str] = field(default_factory=dict)


LAMBDA_CONCURRENCY_QUOTA = 1_000  # Lambda's default concurrent executions per account and Region (a soft quota)


def scaled(spec: Spec, dau: int) -> Spec:
    """The spec at `dau` daily users: every given rate and volume scales with DAU."""
    t = spec.traffic
    factor = dau / t.dau if t.dau else 1.0
    updates = {"dau": dau}
    for field in ("peak_concurrent_users", "avg_rps", "peak_rps", "data_out_gb_month"):
        value = getattr(t, field)
        if value is not None:
            updates[field] = round(value * factor) if field == "peak_concurrent_users" else value * factor
    return spec.model_copy(update={"traffic": t.model_copy(update=updates)})


def _sizes(spec: Spec) -> dict[str, str]:
    sizes = {}
    for name, c in spec.components.items():
        if c.kind in ("fargate_service", "worker"):
            sizes[name] = f"{c.tasks.desired}–{c.tasks.max} × {c.cpu:g} vCPU/{c.memory_gb:g} GB"
        elif c.kind == "ec2_asg":
            sizes[name] = f"{c.instances.desired}–{c.instances.max} × {c.instance_type}"
        elif c.kind == "rds":
            primary = c.instance_class + (" Multi-AZ" if c.multi_az else "")
            sizes[name] = (N_("%(primary)s + %(count)s read replica(s)") % {"primary": primary, "count": c.read_replicas}
                           if c.read_replicas else primary)
        elif c.kind == "elasticache":
            sizes[name] = f"{c.shards * (1 + c.replicas_per_shard)} × {c.node_type}"
        elif c.kind == "lambda_function":
            sizes[name] = f"{c.memory_mb} MB {c.architecture}" + (
                f" + {c.provisioned_concurrency} provisioned" if c.provisioned_concurrency else "")
        elif c.kind == "dynamodb_table" and c.billing == "provisioned":
            sizes[name] = f"{c.read_capacity} RCU / {c.write_capacity} WCU"
    return sizes


def _signals(spec: Spec) -> list[str]:
    """Thresholds in CloudWatch terms, at the figure where this phase's sizes stop fitting."""
    signals = []
    shares = sizer.traffic_shares(spec)
    for name, c in spec.components.items():
        if c.kind in sizer.COMPUTE_KINDS:
            counts = c.tasks if c.kind == "fargate_service" else c.instances
            if not shares[name]:  # serves none of the spec's requests (a queue worker): no req/s to quote
                signals.append(N_("%(name)s: CPUUtilization > %(cpu)s with %(max)s tasks/instances running") % {
                    "name": name, "cpu": f"{CPU_TRIGGER:.0%}", "max": counts.max})
                continue
            per_unit, _ = sizer.unit_capacity(c, spec)
            limit = counts.max * per_unit / spec.sizing.target_utilisation * CPU_TRIGGER / shares[name]
            signals.append(N_("%(name)s: CPUUtilization > %(cpu)s with %(max)s tasks/instances running (about "
                              "%(rps)s req/s)") % {"name": name, "cpu": f"{CPU_TRIGGER:.0%}", "max": counts.max,
                                                  "rps": f"{limit:,.0f}"})
        elif c.kind == "rds":
            size = sizer.catalogue.instance_size("rds", c.instance_class)
            if size:
                limit = sizer.max_connections(c.engine, size.memory_gib)
                signals.append(N_("%(name)s: DatabaseConnections > %(connections)s (%(share)s of %(limit)s on "
                                  "%(class)s), or CPU > 70%%") % {
                    "name": name, "connections": f"{CONNECTIONS_TRIGGER * limit:,.0f}",
                    "share": f"{CONNECTIONS_TRIGGER:.0%}", "limit": limit, "class": c.instance_class})
        elif c.kind == "elasticache":
            signals.append(N_("%(name)s: DatabaseMemoryUsagePercentage > %(share)s or Evictions > 0") % {
                "name": name, "share": f"{CACHE_MEMORY_TRIGGER:.0%}"})
        elif c.kind == "worker" and c.queue and c.scaling.metric == "queue_backlog":
            signals.append(N_("%(name)s: ApproximateNumberOfMessagesVisible on %(queue)s > %(backlog)s "
                              "(backlog_per_task × %(max)s tasks) for 15 minutes") % {
                "name": name, "queue": c.queue, "backlog": f"{c.scaling.backlog_per_task * c.tasks.max:,}",
                "max": c.tasks.max})
        elif c.kind == "worker":
            signals.append(N_("%(name)s: CPUUtilization > %(cpu)s with %(max)s tasks/instances running") % {
                "name": name, "cpu": f"{CPU_TRIGGER:.0%}", "max": c.tasks.max})
        elif c.kind == "lambda_function":
            signals.append(N_("%(name)s: ConcurrentExecutions > %(limit)s (%(share)s of the default %(quota)s per "
                              "account and Region) or Throttles > 0") % {
                "name": name, "limit": f"{CONNECTIONS_TRIGGER * LAMBDA_CONCURRENCY_QUOTA:,.0f}",
                "share": f"{CONNECTIONS_TRIGGER:.0%}", "quota": f"{LAMBDA_CONCURRENCY_QUOTA:,}"})
        elif c.kind == "dynamodb_table" and c.billing == "provisioned":
            signals.append(N_("%(name)s: ConsumedReadCapacityUnits > %(reads)s or ConsumedWriteCapacityUnits > "
                              "%(writes)s per second (%(share)s of provisioned), or ThrottledRequests > 0") % {
                "name": name, "reads": f"{CONNECTIONS_TRIGGER * c.read_capacity:,.0f}",
                "writes": f"{CONNECTIONS_TRIGGER * c.write_capacity:,.0f}", "share": f"{CONNECTIONS_TRIGGER:.0%}"})
    return signals


def roadmap(spec: Spec, phases_dau: tuple[int, ...] = DEFAULT_PHASES_DAU) -> list[Phase]:
    phases = []
    for i, dau in enumerate(phases_dau, start=1):
        label = f"Phase {i}: {dau:,}{'+' if i == len(phases_dau) else ''} DAU"
        at_scale = scaled(spec, dau)
        peak, _ = sizer.peak_rps(at_scale)
        try:
            result = sizer.size(at_scale, resize_all=True)
        except ValueError as beyond:
            redesign = N_("redesign first: %(why)s") % {"why": beyond}
            phases.append(Phase(label, dau, round(peak, 2), None, {}, [redesign]))
            continue
        sized = result.spec
        total = round(monthly_sum(sized), 2)  # as the bill totals it; each phase summed once per process
        phases.append(Phase(label, dau, round(peak, 2), total, _sizes(sized), _signals(sized),
                            _bound_by(result.sized)))
    return phases


BOUND_BY = "bound by: "


def _bound_by(sized) -> dict[str, str]:
    """Per component, each sized value's binding constraint, as the sizing's reason names it."""
    bound: dict[str, list[str]] = {}
    for s in sized:
        if BOUND_BY in s.why:
            bound.setdefault(s.path[1], []).append(f"{'.'.join(s.path[2:])}: {s.why.split(BOUND_BY, 1)[1]}")
    return {name: "; ".join(reasons) for name, reasons in bound.items()}


def to_json(spec: Spec, phases: list[Phase]) -> dict:
    return {"name": spec.name, "region": spec.region, "phases": [asdict(p) for p in phases]}
