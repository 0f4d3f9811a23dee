"""backup_plan: its vault, holding a full copy of each selected database plus the changes each kept
recovery point holds."""

from __future__ import annotations

from stackwright.resources.from_plan.rds import DAILY_CHANGE
from stackwright.plan.operations import BackupSchedule, of_type
from stackwright.resources.from_plan import planned
from stackwright.resources.record import UsageValue
from stackwright.translatable import N_

DAYS_BETWEEN = {"daily": 1, "weekly": 7}


def records(name, component, ctx):
    for schedule in of_type(ctx.plan, BackupSchedule, name):
        usage = {"monthly_rds_snapshot_gb": UsageValue(0, N_("no RDS instance selected")),
                 "monthly_aurora_snapshot_gb": UsageValue(0, N_("no Aurora cluster selected"))}
        if component.storage_gb is not None:
            databases = [d for d in ctx.plan.databases if d.id in schedule.targets]
            key = "monthly_aurora_snapshot_gb" if databases and all(
                d.spec.kind == "aurora_serverless_v2" for d in databases) else "monthly_rds_snapshot_gb"
            usage[key] = UsageValue(component.storage_gb, f"storage_gb = {component.storage_gb:g} GB")
        else:
            for key, kind in (("monthly_rds_snapshot_gb", "rds"), ("monthly_aurora_snapshot_gb", "aurora_serverless_v2")):
                sizes = [_data_gb(d.spec) for d in ctx.plan.databases if d.id in schedule.targets and d.spec.kind == kind]
                if sizes:
                    usage[key] = _stored(sum(sizes), component)
        yield planned(ctx, "aws_backup_vault", schedule.vault, {}, usage)


def _data_gb(db) -> float:
    return db.storage.gb if db.kind == "rds" else db.storage_gb


def _stored(gb: float, component) -> UsageValue:
    """A full copy, then per recovery point kept the data changed since the one before."""
    days = DAYS_BETWEEN[component.schedule]
    points = max(1, component.retention_days // days)
    change = min(1.0, DAILY_CHANGE * days)
    stored = gb * (1 + change * (points - 1))
    return UsageValue(stored, N_("%(gb)s GB full copy + %(change)s changed × %(points)s more recovery points kept "
                                 "(%(schedule)s, %(days)s days)") % {
        "gb": f"{gb:g}", "change": f"{change:.0%}", "points": points - 1, "schedule": component.schedule,
        "days": component.retention_days})
