"""Amazon Aurora cluster (provisioned or Serverless v1): storage, I/O requests (none on I/O-Optimized),
Serverless v1 ACU-hours, backup storage beyond the free allowance, and the secret RDS keeps the master
password in when it manages it. Instances are their own resources.

A cluster of a non-Aurora engine is a Multi-AZ DB cluster (a writer and two readable standbys, declared on the
cluster with db_cluster_instance_class): AWS prices it per cluster, so its cluster-hour, storage and provisioned
IOPS are each AWS's figure for all three instances (rds/<engine>/multi-az-cluster/...)."""

from stackwright.cost.component import CostComponent
from stackwright.importer.resources import NotPriceable
from stackwright.resources.helpers import flag, hourly, number, required, text, used
from stackwright.resources.registry import UsageKey, register
from stackwright.resources.types.aws_db_instance import MIN_IOPS_STORAGE, engine_key, managed_secret, storage
from stackwright.translatable import N_

SECONDS_PER_MONTH = 730 * 3600
MIN_CLUSTER_STORAGE = {"gp3": 20, "io1": MIN_IOPS_STORAGE, "io2": MIN_IOPS_STORAGE}  # GB, AWS's minimums


def multi_az_cluster(a, usage):
    engine = a["engine"]
    prefix = f"rds/{engine}/multi-az-cluster"
    yield hourly("rds", N_("Multi-AZ DB cluster (%(engine)s, %(class)s)") % {"engine": engine, "class": a["class"]},
                 f"{prefix}/{a['class']}", 1, N_("1 cluster (a writer and 2 readable standbys) × 730 h"))
    kind, minimum = a["storage_type"], MIN_CLUSTER_STORAGE[a["storage_type"]]
    yield from storage(prefix, kind, a["storage_gb"], a["iops"], minimum)
    yield used("rds", N_("Backup storage beyond the free allowance"), f"rds/{engine}/backup", usage,
               "backup_snapshot_size_gb")


def components(resource, usage):
    a = resource.attrs
    yield from managed_secret(a["manages_password"])
    if a["mode"] == "multi-az-cluster":
        yield from multi_az_cluster(a, usage)
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


def read(engine, mode, storage_type, manages: bool, cluster_class, storage_gb, iops):
    if engine and not engine.startswith("aurora"):
        # AWS's default for Multi-AZ DB clusters (RDS API CreateDBCluster, StorageType: "Default: ... io1")
        kind = (storage_type or "io1").lower()
        if kind not in MIN_CLUSTER_STORAGE:
            raise NotPriceable(f"storage type {kind} is not one of a Multi-AZ DB cluster's (gp3, io1, io2)")
        return {"mode": "multi-az-cluster", "io_optimized": False, "engine": engine_key(engine, None),
                "manages_password": manages, "class": required(cluster_class, "the DB cluster instance class"),
                "storage_type": kind, "storage_gb": required(storage_gb, "the allocated storage"), "iops": iops or 0}
    return {"mode": (mode or "provisioned").lower(), "io_optimized": storage_type == "aurora-iopt1",
            "engine": engine or "aurora-mysql", "manages_password": manages}


register("aws_rds_cluster", cloudformation_types="AWS::RDS::DBCluster", components=components,
         terraform=lambda r, ctx: read(text(r, "engine"), text(r, "engine_mode"), text(r, "storage_type"),
                                       flag(r, "manage_master_user_password"), text(r, "db_cluster_instance_class"),
                                       number(r, "allocated_storage"), number(r, "iops")),
         cloudformation=lambda r, ctx: read(text(r, "Engine"), text(r, "EngineMode"), text(r, "StorageType"),
                                            flag(r, "ManageMasterUserPassword"), text(r, "DBClusterInstanceClass"),
                                            number(r, "AllocatedStorage"), number(r, "Iops")),
         usage={"storage_gb": UsageKey(0, "GB"), "write_requests_per_sec": UsageKey(0, "writes/s"),
                "read_requests_per_sec": UsageKey(0, "reads/s"), "capacity_units_per_hr": UsageKey(0, "ACU"),
                "backup_snapshot_size_gb": UsageKey(0, "GB")})
