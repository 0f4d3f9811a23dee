"""rds: the plan's DB instance (Multi-AZ as the spec says, on demand for the hours the environment runs or
under the spec's reservation, backup storage beyond the free allowance) and its read replicas, each an
instance of its own with the source's storage."""

from __future__ import annotations

from stackwright.resources.capacity import running_hours
from stackwright.plan.naming import replica_id
from stackwright.resources.from_plan import planned
from stackwright.resources.record import UsageValue
from stackwright.translatable import N_

DAILY_CHANGE = 0.05  # share of the database that changes per day, kept by incremental snapshots
STORAGE_TYPES = {"magnetic": "standard"}  # as the generated code names it


def backup(db) -> UsageValue:
    """Backup storage beyond the free allowance (as much as the storage provisioned)."""
    if not db.backup_retention_days:
        return UsageValue(0, N_("no automated backups (backup_retention_days 0)"))
    if db.backup_gb is not None:
        total, why = db.backup_gb, f"backup_gb = {db.backup_gb:g} GB"
    else:
        total = db.storage.gb * (1 + DAILY_CHANGE * db.backup_retention_days)
        why = N_("%(gb)s GB full copy + %(change)s/day change × %(days)s days = %(backup)s GB") % {
            "gb": f"{db.storage.gb:g}", "change": f"{DAILY_CHANGE:.0%}", "days": db.backup_retention_days,
            "backup": f"{total:g}"}
    return UsageValue(max(0.0, total - db.storage.gb), N_("%(why)s; free up to the %(gb)s GB provisioned") % {
        "why": why, "gb": f"{db.storage.gb:g}"})


def records(name, db, ctx):
    option = db.purchase_option
    if option == "on_demand":
        [(_, hours, why)] = running_hours(ctx.spec, count=1)
    else:  # a reservation bills every hour whether the instance runs or not
        hours, why = 730.0, N_("730 h (reserved)")
    storage = {"storage_gb": int(db.storage.gb), "storage_type": STORAGE_TYPES.get(db.storage.type, db.storage.type),
               "iops": db.storage.iops if db.storage.iops and db.storage.type in ("io1", "io2", "gp3") else 0,
               "license_model": None, "in_cluster": False,
               # the secret RDS keeps the master password in is priced with the plan's generated secrets
               "manages_password": False}
    for database in ctx.plan.of(ctx.plan.databases, name):
        common = {"engine": database.engine, "class": db.instance_class, **storage}
        yield planned(ctx, "aws_db_instance", database.id, {**common, "multi_az": db.multi_az, "replica": False}, {
            "purchase_option": UsageValue(option, f"purchase_option = {option}"),
            "monthly_hours": UsageValue(hours, why), "additional_backup_storage_gb": backup(db)})
        for number in range(1, db.read_replicas + 1):
            yield planned(ctx, "aws_db_instance", replica_id(database.id, number),
                          {**common, "multi_az": False, "replica": True}, {
                              "purchase_option": UsageValue("on_demand", "purchase_option = on_demand"),
                              "monthly_hours": UsageValue(hours, why),
                              "additional_backup_storage_gb": UsageValue(0, N_("a read replica keeps no backups"))})
