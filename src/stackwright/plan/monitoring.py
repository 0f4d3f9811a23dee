"""Log groups, alarms with thresholds that fit each component, a dashboard, target-tracking scaling."""

from __future__ import annotations

import bisect
from functools import lru_cache

from stackwright.plan.model import (
    Alarm, Cache, Dashboard, Database, Dimension, InstanceGroup, LoadBalancer, Metric, NatGateway, NatInstance,
    Ref, ScalingPolicy, Service, Widget,
)
from stackwright.pricing import catalogue
from stackwright.sizing.sizer import max_connections as engine_max_connections

GIB = 1024 ** 3
DEFAULT_LOG_RETENTION_DAYS = 30
# The only retention periods CloudWatch Logs accepts.
LOG_RETENTION_DAYS = (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
                      3288, 3653)

CPU_HIGH_PERCENT = 80  # sustained above this, requests queue; scaling targets 70 so alarms mean scaling lags
MEMORY_HIGH_PERCENT = 80
SCALING_TARGET_CPU_PERCENT = 70
DB_FREE_STORAGE_SHARE = 0.2  # alarm with a fifth of the volume left: time to grow it before writes fail
DB_CONNECTIONS_SHARE = 0.8  # of the engine's default max_connections for the class
AURORA_ACU_HIGH_PERCENT = 90  # of max_acu: the cluster is about to hit its ceiling
CACHE_EVICTIONS_PER_5_MIN = 100  # a few are normal under LRU; sustained eviction means the cache is too small
ALB_5XX_PER_5_MIN = 10
ALB_P95_RESPONSE_SECONDS = 2
# bounds the memos below, each keyed by all its builder reads (strings and tuples of them; an Alarm is frozen, so
# plans share them): the optimiser builds a plan per variant, with the same workloads' alarms over and over
ALARMS_KEPT = 4096


def retention_days(requested: int) -> int:
    """The shortest period CloudWatch accepts that keeps logs at least `requested` days."""
    return LOG_RETENTION_DAYS[min(bisect.bisect_left(LOG_RETENTION_DAYS, requested), len(LOG_RETENTION_DAYS) - 1)]


def _metric(namespace: str, name: str, statistic: str = "Average", **dimensions) -> Metric:
    return Metric(namespace, name, tuple(Dimension(k, v) for k, v in dimensions.items()), statistic)


def service_alarms(service: Service, cluster: str) -> tuple[Alarm, ...]:
    return _service_alarms(service.id, service.component, cluster)


@lru_cache(maxsize=ALARMS_KEPT)
def _service_alarms(service_id: str, component: str, cluster: str) -> tuple[Alarm, ...]:
    dims = {"ClusterName": Ref(cluster, "name"), "ServiceName": Ref(service_id, "name")}
    return (
        Alarm(f"{service_id}-cpu-high", component,
              f"{component}: average CPU above {CPU_HIGH_PERCENT}% for 15 minutes despite scaling",
              _metric("AWS/ECS", "CPUUtilization", **dims), "GreaterThanThreshold", CPU_HIGH_PERCENT,
              evaluation_periods=3),
        Alarm(f"{service_id}-memory-high", component,
              f"{component}: average memory above {MEMORY_HIGH_PERCENT}% for 15 minutes (tasks near OOM)",
              _metric("AWS/ECS", "MemoryUtilization", **dims), "GreaterThanThreshold", MEMORY_HIGH_PERCENT,
              evaluation_periods=3),
    )


def instance_group_alarms(group: InstanceGroup) -> tuple[Alarm, ...]:
    return _instance_group_alarms(group.id, group.component, tuple(group.instances))


@lru_cache(maxsize=ALARMS_KEPT)
def _instance_group_alarms(group_id: str, component: str, instances: tuple[str, ...]) -> tuple[Alarm, ...]:
    if not instances:
        return (Alarm(f"{group_id}-cpu-high", component,
                      f"{component}: group CPU above {CPU_HIGH_PERCENT}% for 15 minutes despite scaling",
                      _metric("AWS/EC2", "CPUUtilization", AutoScalingGroupName=Ref(group_id, "name")),
                      "GreaterThanThreshold", CPU_HIGH_PERCENT, evaluation_periods=3),)
    alarms = []
    for instance in instances:
        alarms.append(Alarm(f"{instance}-cpu-high", component,
                            f"{component}: instance CPU above {CPU_HIGH_PERCENT}% for 15 minutes",
                            _metric("AWS/EC2", "CPUUtilization", InstanceId=Ref(instance)),
                            "GreaterThanThreshold", CPU_HIGH_PERCENT, evaluation_periods=3))
        alarms.append(_status_check(instance, component))
    return tuple(alarms)


def _status_check(instance: str, component: str) -> Alarm:
    return Alarm(f"{instance}-system-check", component,
                 f"{component}: the host failed its system status check; the instance is recovered onto new hardware",
                 _metric("AWS/EC2", "StatusCheckFailed_System", "Maximum", InstanceId=Ref(instance)),
                 "GreaterThanOrEqualToThreshold", 1, period=60, recover=True)


def nat_alarms(gateways: tuple[NatGateway, ...], instances: tuple[NatInstance, ...]) -> tuple[Alarm, ...]:
    alarms = [Alarm(f"{g.id}-port-allocation-errors", g.component,
                    f"{g.component}: NAT gateway in {g.az} could not allocate a source port (connections dropped)",
                    _metric("AWS/NATGateway", "ErrorPortAllocation", "Sum", NatGatewayId=Ref(g.id)),
                    "GreaterThanThreshold", 0, evaluation_periods=1, missing_data="notBreaching")
              for g in gateways]
    alarms += [_status_check(i.id, i.component) for i in instances]
    return tuple(alarms)


def database_alarms(db: Database) -> tuple[Alarm, ...]:
    if db.spec.kind == "aurora_serverless_v2":
        dims = {"DBClusterIdentifier": Ref(db.id, "name")}
        return (
            Alarm(f"{db.id}-cpu-high", db.component,
                  f"{db.component}: cluster CPU above {CPU_HIGH_PERCENT}% for 15 minutes",
                  _metric("AWS/RDS", "CPUUtilization", **dims), "GreaterThanThreshold", CPU_HIGH_PERCENT,
                  evaluation_periods=3),
            Alarm(f"{db.id}-capacity-high", db.component,
                  f"{db.component}: above {AURORA_ACU_HIGH_PERCENT}% of max_acu ({db.spec.max_acu:g}) for 15 minutes",
                  _metric("AWS/RDS", "ACUUtilization", **dims), "GreaterThanThreshold", AURORA_ACU_HIGH_PERCENT,
                  evaluation_periods=3),
        )
    dims = {"DBInstanceIdentifier": Ref(db.id, "name")}
    free_bytes = db.spec.storage.gb * DB_FREE_STORAGE_SHARE * GIB
    alarms = [
        Alarm(f"{db.id}-cpu-high", db.component, f"{db.component}: CPU above {CPU_HIGH_PERCENT}% for 15 minutes",
              _metric("AWS/RDS", "CPUUtilization", **dims), "GreaterThanThreshold", CPU_HIGH_PERCENT,
              evaluation_periods=3),
        Alarm(f"{db.id}-free-storage-low", db.component,
              f"{db.component}: under {DB_FREE_STORAGE_SHARE:.0%} of its {db.spec.storage.gb:g} GB free",
              _metric("AWS/RDS", "FreeStorageSpace", "Minimum", **dims), "LessThanThreshold", round(free_bytes)),
    ]
    size = catalogue.instance_size("rds", db.spec.instance_class)
    if size:  # max_connections follows the class's memory, as the sizer reads it
        max_connections = engine_max_connections(db.spec.engine, size.memory_gib)
        threshold = round(max_connections * DB_CONNECTIONS_SHARE)
        alarms.append(Alarm(
            f"{db.id}-connections-high", db.component,
            f"{db.component}: over {threshold} connections, {DB_CONNECTIONS_SHARE:.0%} of the default "
            f"max_connections ({max_connections}) for {db.spec.instance_class}",
            _metric("AWS/RDS", "DatabaseConnections", "Maximum", **dims), "GreaterThanThreshold", threshold))
    return tuple(alarms)


def cache_alarms(cache: Cache) -> tuple[Alarm, ...]:
    alarms = []
    for node in cache.primary_node_ids:
        alarm_id = f"{cache.id}-{node.removeprefix(cache.replication_group_id).lstrip('-') or 'nodes'}"
        if cache.spec.engine != "memcached":  # memcached publishes no memory percentage
            alarms.append(Alarm(
                f"{alarm_id}-memory-high", cache.component,
                f"{cache.component}: node {node} above {MEMORY_HIGH_PERCENT}% of its memory",
                _metric("AWS/ElastiCache", "DatabaseMemoryUsagePercentage", CacheClusterId=node),
                "GreaterThanThreshold", MEMORY_HIGH_PERCENT))
        alarms.append(Alarm(
            f"{alarm_id}-evictions", cache.component,
            f"{cache.component}: node {node} evicting over {CACHE_EVICTIONS_PER_5_MIN} keys per 5 minutes (too small)",
            _metric("AWS/ElastiCache", "Evictions", "Sum", CacheClusterId=node),
            "GreaterThanThreshold", CACHE_EVICTIONS_PER_5_MIN, missing_data="notBreaching"))
    return tuple(alarms)


def load_balancer_alarms(lb: LoadBalancer) -> tuple[Alarm, ...]:
    return _load_balancer_alarms(lb.id, lb.component, tuple((tg.id, tg.workload) for tg in lb.target_groups))


@lru_cache(maxsize=ALARMS_KEPT)
def _load_balancer_alarms(lb_id: str, component: str, target_groups: tuple[tuple[str, str], ...]
                          ) -> tuple[Alarm, ...]:
    lb_dim = {"LoadBalancer": Ref(lb_id, "full_name")}
    alarms = [
        Alarm(f"{lb_id}-elb-5xx", component,
              f"{component}: over {ALB_5XX_PER_5_MIN} load balancer 5xx responses per 5 minutes (no healthy target)",
              _metric("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "Sum", **lb_dim), "GreaterThanThreshold",
              ALB_5XX_PER_5_MIN, evaluation_periods=1, missing_data="notBreaching"),
        Alarm(f"{lb_id}-target-5xx", component,
              f"{component}: over {ALB_5XX_PER_5_MIN} application 5xx responses per 5 minutes",
              _metric("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "Sum", **lb_dim), "GreaterThanThreshold",
              ALB_5XX_PER_5_MIN, evaluation_periods=1, missing_data="notBreaching"),
        Alarm(f"{lb_id}-response-time-high", component,
              f"{component}: 95th percentile response time above {ALB_P95_RESPONSE_SECONDS} s for 15 minutes",
              _metric("AWS/ApplicationELB", "TargetResponseTime", "p95", **lb_dim), "GreaterThanThreshold",
              ALB_P95_RESPONSE_SECONDS, evaluation_periods=3, missing_data="notBreaching"),
    ]
    for tg_id, workload in target_groups:
        alarms.append(Alarm(
            f"{tg_id}-unhealthy", component, f"{component}: a target of {workload} failed its health checks",
            _metric("AWS/ApplicationELB", "UnHealthyHostCount", "Maximum", TargetGroup=Ref(tg_id, "full_name"),
                    **lb_dim),
            "GreaterThanThreshold", 0))
    return tuple(alarms)


def scaling_policy(workload: str, counts, target_cpu_percent: float = SCALING_TARGET_CPU_PERCENT
                   ) -> tuple[ScalingPolicy, ...]:
    """Target tracking between min and max; nothing when the spec fixes the count."""
    if counts.max <= counts.min:
        return ()
    return (ScalingPolicy(f"{workload}-scaling", workload, counts.min, counts.max, target_cpu_percent),)


def dashboard(dashboard_id: str, component: str, name: str, alarms: tuple[Alarm, ...],
              load_balancers: tuple[LoadBalancer, ...]) -> Dashboard:
    """One graph per alarmed metric (every component's series together), plus request counts."""
    by_metric: dict[tuple[str, str], list[Metric]] = {}
    for alarm in alarms:
        if not alarm.recover:  # status checks are 0 or 1: an alarm, not a graph
            by_metric.setdefault((alarm.metric.namespace, alarm.metric.name), []).append(alarm.metric)
    widgets = [Widget(f"{namespace.removeprefix('AWS/')} {name}", tuple(metrics))
               for (namespace, name), metrics in by_metric.items()]
    if load_balancers:
        widgets.insert(0, Widget("ApplicationELB RequestCount", tuple(
            _metric("AWS/ApplicationELB", "RequestCount", "Sum", LoadBalancer=Ref(lb.id, "full_name"))
            for lb in load_balancers)))
    return Dashboard(dashboard_id, component, name, tuple(widgets))
