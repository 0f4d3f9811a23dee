"""Amazon RDS DB instance, any engine: instance-hours (Multi-AZ bills the standby), storage with AWS's
minimums, provisioned IOPS, backup storage beyond the free allowance, and the Secrets Manager secret RDS
keeps the master password in when it manages it (manage_master_user_password). Aurora instances are priced at the
Aurora rate (storage and I/O belong to the cluster).

Price keys: rds/<engine>/<single-az|multi-az>/<class>, where <engine> is the RDS engine name (postgres is
`postgresql`) with `-byol` for bring-your-own-license Oracle and SQL Server. Oracle's container-database engines
(`-cdb`) cost what their non-CDB edition does, and Enterprise Edition is always bring-your-own-license (AWS sells
no license-included EE). Storage, IOPS and backup cost the same whatever the license: they use the engine
without `-byol`."""

from dataclasses import replace

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import flag, hourly, monthly, number, required, text, used
from stackwright.resources.registry import UsageKey, register

# AWS's smallest allocated storage per engine family (GB), and for provisioned-IOPS volumes.
MIN_STORAGE = {"sqlserver": 20, "oracle": 20, "mariadb": 20, "mysql": 20, "postgresql": 20}
MIN_IOPS_STORAGE = 100


def engine_key(engine: str, license_model: str | None) -> str:
    engine = engine.lower()
    engine = {"postgres": "postgresql"}.get(engine, engine).removesuffix("-cdb")
    if license_model == "bring-your-own-license" or engine == "oracle-ee":
        engine += "-byol"
    return engine


def aurora_instance(service: str, engine: str, instance_class: str, io_optimized: bool):
    family = "postgresql" if "postgres" in engine else "mysql"
    label = f"Aurora {family} instance ({instance_class}{', I/O-Optimized' if io_optimized else ''})"
    storage = "provisioned-io-optimized" if io_optimized else "provisioned"
    return hourly(service, label, f"aurora/{storage}/{family}/{instance_class}")


def managed_secret(manages: bool):
    """The secret RDS makes for a master password it manages: billed as any Secrets Manager secret."""
    if manages:
        yield monthly("secrets_manager", "Master user secret (managed by RDS)", "secrets_manager/secret", 1,
                      "1 secret: the master password RDS manages")


def read(r, engine, instance_class, storage, storage_type, iops, multi_az, license_model, cluster, manages):
    return {"engine": required(text(r, engine), "the engine"),
            "class": required(text(r, instance_class), "the instance class"),
            "storage_gb": number(r, storage, default=0), "storage_type": text(r, storage_type, default=None),
            "iops": number(r, iops, default=0), "multi_az": flag(r, multi_az),
            "license_model": text(r, license_model), "in_cluster": r.props.get(cluster) is not None,
            "manages_password": flag(r, manages)}


def components(resource, usage):
    a = resource.attrs
    yield from managed_secret(a["manages_password"])
    if a["engine"].startswith("aurora"):
        yield aurora_instance("rds", a["engine"], a["class"], False)
        return
    engine = engine_key(a["engine"], a["license_model"])
    az = "multi-az" if a["multi_az"] else "single-az"
    # Oracle SE2 sells under either licence: with none declared the bill assumes license-included, and says so
    why = ("1 × 730 h; license_model not set: license-included assumed"
           if engine == "oracle-se2" and not a["license_model"] else None)
    instance = hourly("rds", f"Database instance ({a['class']}, {az})", f"rds/{engine}/{az}/{a['class']}", why=why)
    if engine.startswith("sqlserver") and engine.endswith("-byol"):
        instance = replace(instance, unknown_reason="AWS sells RDS for SQL Server only with the license included; "
                                                    "set license_model to license-included to price it")
    yield instance
    storage_engine = engine.removesuffix("-byol")  # storage is priced alike under either license
    kind = a["storage_type"] or ("io1" if a["iops"] else "gp2")
    family = next((f for f in MIN_STORAGE if storage_engine.startswith(f)), storage_engine)
    minimum = max(MIN_STORAGE.get(family, 20), MIN_IOPS_STORAGE if kind in ("io1", "io2") else 0)
    gb = max(a["storage_gb"], minimum)
    why = f"{a['storage_gb']:g} GB allocated" if gb == a["storage_gb"] else f"AWS's minimum {minimum} GB for {kind}"
    yield CostComponent("rds", f"Storage ({kind})", f"rds/{storage_engine}/{az}/storage/{kind}", gb, assumption=why)
    if kind in ("io1", "io2") and a["iops"]:
        yield CostComponent("rds", f"Provisioned IOPS ({kind})", f"rds/{storage_engine}/{az}/{kind}-iops", a["iops"])
    if kind == "gp3" and a["iops"] > 3000:
        yield CostComponent("rds", "IOPS above 3,000 (gp3)", f"rds/{storage_engine}/{az}/gp3-iops", a["iops"] - 3000)
    yield used("rds", "Backup storage beyond the free allowance", f"rds/{storage_engine}/backup", usage,
               "additional_backup_storage_gb")


register("aws_db_instance", cloudformation_types="AWS::RDS::DBInstance", components=components,
         terraform=lambda r, ctx: read(r, "engine", "instance_class", "allocated_storage", "storage_type", "iops",
                                       "multi_az", "license_model", "cluster_identifier",
                                       "manage_master_user_password"),
         cloudformation=lambda r, ctx: read(r, "Engine", "DBInstanceClass", "AllocatedStorage", "StorageType", "Iops",
                                            "MultiAZ", "LicenseModel", "DBClusterIdentifier",
                                            "ManageMasterUserPassword"),
         usage={"additional_backup_storage_gb": UsageKey(0, "GB")})
