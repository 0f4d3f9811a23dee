"""Amazon Aurora cluster (provisioned or Serverless v1): storage, I/O requests (none on I/O-Optimized),
Serverless v1 ACU-hours, backup storage beyond the free allowance, and the secret RDS keeps the master
password in when it manages it. Instances are their own resources."""

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import flag, text, used
from stackwright.resources.registry import UsageKey, register
from stackwright.resources.types.aws_db_instance import managed_secret
from stackwright.translatable import N_

SECONDS_PER_MONTH = 730 * 3600


def components(resource, usage):
    a = resource.attrs
    yield from managed_secret(a["manages_password"])
    if a["mode"] == "multi-az-cluster":
        yield CostComponent("rds", f"Multi-AZ DB cluster ({a['engine']})", f"rds/{a['engine']}/multi-az-cluster", 0,
                            unknown_reason="Multi-AZ DB clusters (non-Aurora engines) have no prices in the catalogue")
        return
    if a["mode"] == "serverless":
        yield used("aurora", "Serverless v1 capacity", "aurora/serverless-v1", usage, "capacity_units_per_hr",
                   factor=730, how=" × 730 h")
    if a["io_optimized"]:
        yield used("aurora", "Storage (I/O-Optimized)", "aurora/storage-io-optimized", usage, "storage_gb")
    else:
        yield used("aurora", "Storage", "aurora/storage", usage, "storage_gb")
        writes, reads = usage["write_requests_per_sec"], usage["read_requests_per_sec"]
        per_second = float(writes.value) + float(reads.value)
        yield CostComponent("aurora", N_("I/O requests"), "aurora/io-requests", per_second * SECONDS_PER_MONTH / 1e6,
                            usage_based=True, assumption=f"({writes.assumption}) + ({reads.assumption}) × 730 h")
    yield used("aurora", N_("Backup storage beyond the free allowance"), "aurora/backup", usage, "backup_snapshot_size_gb")


def read(engine, mode, storage_type, manages: bool):
    if engine and not engine.startswith("aurora"):
        return {"mode": "multi-az-cluster", "io_optimized": False, "engine": engine, "manages_password": manages}
    return {"mode": (mode or "provisioned").lower(), "io_optimized": storage_type == "aurora-iopt1",
            "engine": engine or "aurora-mysql", "manages_password": manages}


register("aws_rds_cluster", cloudformation_types="AWS::RDS::DBCluster", components=components,
         terraform=lambda r, ctx: read(text(r, "engine"), text(r, "engine_mode"), text(r, "storage_type"),
                                       flag(r, "manage_master_user_password")),
         cloudformation=lambda r, ctx: read(text(r, "Engine"), text(r, "EngineMode"), text(r, "StorageType"),
                                            flag(r, "ManageMasterUserPassword")),
         usage={"storage_gb": UsageKey(0, "GB"), "write_requests_per_sec": UsageKey(0, "writes/s"),
                "read_requests_per_sec": UsageKey(0, "reads/s"), "capacity_units_per_hr": UsageKey(0, "ACU"),
                "backup_snapshot_size_gb": UsageKey(0, "GB")})
