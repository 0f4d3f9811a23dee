"""RDS PostgreSQL/MySQL: instance (Multi-AZ bills a standby), storage, backup beyond the free allowance,
read replicas."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.bill import HOURS_PER_MONTH
from stackwright.cost.component import CostComponent
from stackwright.cost.resources._shared import OPTION_WORDS, RESERVED_KEYS, running_hours
from stackwright.spec.model import Rds
from stackwright.translatable import N_

DAILY_CHANGE = 0.05  # share of the database that changes per day, kept by incremental snapshots


def components(name: str, db: Rds, ctx) -> Iterator[CostComponent]:
    az = "multi-az" if db.multi_az else "single-az"
    option = db.purchase_option
    term = f"{RESERVED_KEYS[option]}/" if option in RESERVED_KEYS else ""
    label = f"{db.instance_class}, {'Multi-AZ' if db.multi_az else 'Single-AZ'}, {OPTION_WORDS[option]}"
    # A reservation bills every hour whether the instance runs or not.
    periods = running_hours(ctx.spec, count=1) if option == "on_demand" else [(1, HOURS_PER_MONTH, N_("730 h (reserved)"))]
    (_, hours, why), = periods
    yield CostComponent("rds", N_("Database instance (%(what)s)") % {"what": label}, f"rds/{db.engine}/{az}/{term}{db.instance_class}",
                        hours, purchase_option=option, spec_field=("instance_class",), assumption=why)
    storage_key = f"rds/{db.engine}/{az}/storage/{db.storage.type}"
    yield CostComponent("rds", N_("Storage (%(type)s)") % {"type": db.storage.type}, storage_key, db.storage.gb,
                        assumption=N_("%(gb)s GB allocated") % {"gb": f"{db.storage.gb:g}"}, spec_field=("storage", "type"))
    if db.storage.type in ("io1", "io2") and db.storage.iops:
        yield CostComponent("rds", N_("Provisioned IOPS (%(type)s)") % {"type": db.storage.type}, f"rds/{db.engine}/{az}/{db.storage.type}-iops",
                            db.storage.iops)
    if db.backup_gb is not None:
        backup, why = db.backup_gb, f"backup_gb = {db.backup_gb:g} GB"
    else:
        backup = db.storage.gb * (1 + DAILY_CHANGE * db.backup_retention_days)
        why = N_("%(gb)s GB full copy + %(change)s/day change × %(days)s days = %(backup)s GB") % {
            "gb": f"{db.storage.gb:g}", "change": f"{DAILY_CHANGE:.0%}", "days": db.backup_retention_days,
            "backup": f"{backup:g}"}
    billable = max(0.0, backup - db.storage.gb)
    if db.backup_retention_days and billable:
        yield CostComponent("rds", N_("Backup storage beyond the free allowance"), f"rds/{db.engine}/backup", billable,
                            usage_based=True,
                            assumption=N_("%(why)s; free up to the %(gb)s GB provisioned") % {"why": why, "gb": f"{db.storage.gb:g}"})
    for replica in range(1, db.read_replicas + 1):
        yield CostComponent("rds", N_("Read replica %(number)s (%(class)s, Single-AZ)") % {"number": replica, "class": db.instance_class},
                            f"rds/{db.engine}/single-az/{db.instance_class}", hours, spec_field=("instance_class",),
                            assumption=why)
        yield CostComponent("rds", N_("Read replica %(number)s storage (%(type)s)") % {"number": replica, "type": db.storage.type},
                            f"rds/{db.engine}/single-az/storage/{db.storage.type}", db.storage.gb)
