"""Backups and recovery objectives (RTO/RPO) that follow from the spec: Multi-AZ or not, retention, PITR.

Times are ranges in minutes, from what AWS documents for each mechanism; `None` as an upper bound
means nothing bounds it (no backup to go back to).
"""

from __future__ import annotations

from dataclasses import dataclass

from stackwright.plan.model import Plan

Minutes = tuple[float, float | None]

# RDS User Guide, "Multi-AZ DB instance deployments": failover typically completes in 60-120 seconds;
# the standby is written synchronously, so nothing committed is lost.
RDS_FAILOVER: Minutes = (1, 2)
# RDS User Guide, "Restoring a DB instance to a specified time": the latest restorable time is
# typically within the last 5 minutes (transaction logs are uploaded every 5 minutes).
PITR_RPO: Minutes = (0, 5)
# Creating a new instance from a backup and pointing the application at it (design estimate; longer
# for large volumes).
RESTORE_RTO: Minutes = (30, 60)
# Aurora User Guide, "High availability for Amazon Aurora": with a reader, failover usually finishes in
# under 60 seconds; without one, Aurora creates a new instance, typically in under 10 minutes. The
# cluster volume keeps six copies across three AZs.
AURORA_FAILOVER: Minutes = (0.5, 1)
AURORA_REPLACE: Minutes = (5, 10)
# ElastiCache: with Multi-AZ replicas a replica is promoted in minutes; a lone node is replaced and
# starts empty (design estimates). A cache holds no data of record: it refills from the database.
CACHE_FAILOVER: Minutes = (1, 5)
CACHE_REPLACE: Minutes = (5, 15)
# ECS and EC2 Auto Scaling replace a failed task or instance after failed health checks.
TASK_REPLACE: Minutes = (1, 3)
INSTANCE_REPLACE: Minutes = (5, 10)
NO_OUTAGE: Minutes = (0, 0)


@dataclass(frozen=True)
class Backup:
    component: str
    retention_days: int
    point_in_time: bool
    multi_az: bool
    final_snapshot: bool


@dataclass(frozen=True)
class Scenario:
    """What fails, how long until service is back (RTO) and how much data may be lost (RPO)."""

    failure: str  # task, instance, database, cache, zone, region
    component: str | None
    mechanism: str  # how it recovers: failover, replace, restore, reroute, rebuild
    rto: Minutes | None  # None: not planned (no recovery path in this design)
    rpo: Minutes | None  # None: no data of record at stake (a cache) or no backup to restore


@dataclass(frozen=True)
class Recovery:
    backups: list[Backup]
    scenarios: list[Scenario]

    def worst(self, attribute: str) -> Minutes | None:
        """The service's objective: the worst of every in-region scenario with data at stake."""
        ranges = [getattr(s, attribute) for s in self.scenarios if s.failure != "region"]
        ranges = [r for r in ranges if r is not None]
        if not ranges:
            return None
        if any(r[1] is None for r in ranges):
            return (max(r[0] for r in ranges), None)
        return (max(r[0] for r in ranges), max(r[1] for r in ranges))


def _database_scenarios(db) -> tuple[Scenario, Scenario]:
    """(instance failure, its AZ failing) for one database."""
    spec_db = db.spec
    if spec_db.kind == "aurora_serverless_v2":
        rto = AURORA_FAILOVER if spec_db.instances > 1 else AURORA_REPLACE
        mechanism = "failover" if spec_db.instances > 1 else "replace"
        # Storage spans three AZs: an instance or an AZ can fail without losing committed data.
        return (Scenario("database", db.component, mechanism, rto, NO_OUTAGE),
                Scenario("zone", db.component, mechanism, rto, NO_OUTAGE))
    backups = db.backup_retention_days > 0
    restore_rpo = PITR_RPO if backups else (0, None)
    if spec_db.multi_az:
        failover = Scenario("database", db.component, "failover", RDS_FAILOVER, NO_OUTAGE)
        return failover, Scenario("zone", db.component, "failover", RDS_FAILOVER, NO_OUTAGE)
    restore = Scenario("database", db.component, "restore", RESTORE_RTO, restore_rpo)
    return restore, Scenario("zone", db.component, "restore", RESTORE_RTO, restore_rpo)


def recovery(plan: Plan) -> Recovery:
    backups, scenarios, zone_scenarios = [], [], []
    for db in plan.databases:
        aurora = db.spec.kind == "aurora_serverless_v2"
        backups.append(Backup(db.component, db.backup_retention_days,
                              point_in_time=db.backup_retention_days > 0,
                              multi_az=db.spec.instances > 1 if aurora else db.spec.multi_az,
                              final_snapshot=db.snapshot_on_delete))
        instance, zone = _database_scenarios(db)
        scenarios.append(instance)
        zone_scenarios.append(zone)
    for cache in plan.caches:
        replicated = cache.spec.replicas_per_shard > 0
        backups.append(Backup(cache.component, cache.snapshot_retention_days, False, replicated,
                              cache.snapshot_on_delete))
        scenarios.append(Scenario("cache", cache.component, "failover" if replicated else "replace",
                                  CACHE_FAILOVER if replicated else CACHE_REPLACE, None))
    for service in plan.services:
        counts = service.spec.tasks
        spread = counts.min >= 2 and len(service.subnets) >= 2
        scenarios.append(Scenario("task", service.component, "replace", NO_OUTAGE if spread else TASK_REPLACE, None))
        zone_scenarios.append(Scenario("zone", service.component, "reroute" if spread else "replace",
                                       NO_OUTAGE if spread else TASK_REPLACE, None))
    for group in plan.instance_groups:
        many = (len(group.instances) if group.instances else group.spec.instances.min) >= 2
        spread = many and len(group.subnets) >= 2
        scenarios.append(Scenario("instance", group.component, "replace",
                                  NO_OUTAGE if many else INSTANCE_REPLACE, None))
        if group.instances and not spread:
            # Fixed instances in one AZ: nothing starts them elsewhere; rebuild from the template.
            zone_scenarios.append(Scenario("zone", group.component, "rebuild", RESTORE_RTO, None))
        else:
            zone_scenarios.append(Scenario("zone", group.component, "reroute" if spread else "replace",
                                           NO_OUTAGE if spread else INSTANCE_REPLACE, None))
    scenarios += zone_scenarios
    # No backup is copied to another region: a regional outage has no planned recovery.
    scenarios.append(Scenario("region", None, "rebuild", None, None))
    return Recovery(backups, scenarios)
