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
from stackwright.resources.capacity import OPTION_WORDS
from stackwright.resources.helpers import (
    PURCHASE_OPTION, flag, hourly, monthly, number, purchase_option, required, text, used,
)
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_

# AWS's smallest allocated storage per engine family (GB), and for provisioned-IOPS volumes.
MIN_STORAGE = {"sqlserver": 20, "oracle": 20, "mariadb": 20, "mysql": 20, "postgresql": 20}
MIN_IOPS_STORAGE = 100
GP3_BASELINE_IOPS = 3000  # gp3 storage includes 3,000 IOPS; more are billed
STORAGE_KEYS = {"standard": "magnetic"}  # the code's name of magnetic storage, the catalogue's
SERVERLESS_CLASS = "db.serverless"
# What a read replica takes from its source database when the code leaves it out (AWS's behaviour).
INHERITED = ("engine", "allocated_storage", "storage_type", "iops", "license_model")
CFN_INHERITED = ("Engine", "AllocatedStorage", "StorageType", "Iops", "LicenseModel")


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


def serverless_v2(service: str, io_optimized: bool, usage):
    """A Serverless v2 instance (db.serverless): its average ACUs × 730 h, at the I/O-Optimized rate on such
    clusters."""
    acu = usage["capacity_units_per_hr"]
    key = "aurora/serverless-v2-io-optimized" if io_optimized else "aurora/serverless-v2"
    return CostComponent(service, N_("Serverless v2 capacity (%(instances)s instance(s))") % {"instances": 1}, key,
                         float(acu.value) * 730, usage_based=True,
                         assumption=N_("%(why)s × %(instances)s instance(s) × 730 h") % {"why": acu.assumption,
                                                                                          "instances": 1})


def instance(a, engine: str, az: str, usage):
    """The instance-hours: a reservation bills every hour whether the instance runs or not; on demand bills
    the hours it runs."""
    option, term = purchase_option(usage)
    if term:
        hours, why = 730.0, N_("730 h (reserved)")
    else:
        running = usage["monthly_hours"]
        hours, why = float(running.value), running.assumption
    if a.get("replica"):
        name = N_("Read replica (%(class)s, %(option)s)") % {"class": a["class"], "option": OPTION_WORDS[option]}
    else:
        name = N_("Database instance (%(what)s)") % {"what": f"{a['class']}, {'Multi-AZ' if a['multi_az'] else 'Single-AZ'}, "
                                                             f"{OPTION_WORDS[option]}"}
    # Oracle SE2 sells under either licence: with none declared the bill assumes license-included, and says so
    if engine == "oracle-se2" and not a["license_model"]:
        why = f"{why}; license_model not set: license-included assumed"
    unknown = None
    if engine.startswith("sqlserver") and engine.endswith("-byol"):
        unknown = ("AWS sells RDS for SQL Server only with the license included; set license_model to "
                   "license-included to price it")
    return CostComponent("rds", name, f"rds/{engine}/{az}/{term}{a['class']}", hours, purchase_option=option,
                         assumption=why, unknown_reason=unknown)


def with_source(r, ctx, source_key: str, type_: str, keys: tuple[str, ...]):
    """A read replica with what it inherits from its source database in the same code (engine, storage)."""
    sources = ctx.referenced(r.props.get(source_key), type_)
    if not sources:
        return r
    inherited = {k: sources[0].props[k] for k in keys if r.props.get(k) is None and k in sources[0].props}
    return replace(r, props={**r.props, **inherited})


def _terraform(r, ctx):
    replica = r.props.get("replicate_source_db") is not None
    r = with_source(r, ctx, "replicate_source_db", "aws_db_instance", INHERITED) if replica else r
    attrs = read(r, "engine", "instance_class", "allocated_storage", "storage_type", "iops", "multi_az",
                 "license_model", "cluster_identifier", "manage_master_user_password")
    return attrs | {"replica": replica}


def _cloudformation(r, ctx):
    replica = r.props.get("SourceDBInstanceIdentifier") is not None
    r = with_source(r, ctx, "SourceDBInstanceIdentifier", "AWS::RDS::DBInstance", CFN_INHERITED) if replica else r
    attrs = read(r, "Engine", "DBInstanceClass", "AllocatedStorage", "StorageType", "Iops", "MultiAZ",
                 "LicenseModel", "DBClusterIdentifier", "ManageMasterUserPassword")
    clusters = ctx.referenced(r.props.get("DBClusterIdentifier"), "AWS::RDS::DBCluster")
    return attrs | {"replica": replica,
                    "io_optimized": bool(clusters) and clusters[0].get("StorageType") == "aurora-iopt1"}


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


def storage(prefix: str, kind: str, allocated_gb: float, iops: float, minimum: float):
    """Storage of `kind` (at least AWS's `minimum` GB) and its provisioned IOPS (io1/io2; gp3 above the IOPS it
    includes), priced under the catalogue key `prefix` (an instance's or a Multi-AZ DB cluster's)."""
    gb = max(allocated_gb, minimum)
    why = (N_("%(gb)s GB allocated") % {"gb": f"{allocated_gb:g}"} if gb == allocated_gb
           else f"AWS's minimum {minimum} GB for {kind}")
    yield CostComponent("rds", N_("Storage (%(type)s)") % {"type": kind}, f"{prefix}/storage/{kind}", gb,
                        assumption=why)
    if kind in ("io1", "io2") and iops:
        yield CostComponent("rds", N_("Provisioned IOPS (%(type)s)") % {"type": kind}, f"{prefix}/{kind}-iops", iops)
    if kind == "gp3" and iops > GP3_BASELINE_IOPS:
        yield CostComponent("rds", "IOPS above 3,000 (gp3)", f"{prefix}/gp3-iops", iops - GP3_BASELINE_IOPS)


def components(resource, usage):
    a = resource.attrs
    yield from managed_secret(a["manages_password"])
    if a["engine"].startswith("aurora"):
        if a["class"] == SERVERLESS_CLASS:
            yield serverless_v2("aurora", a.get("io_optimized", False), usage)
            return
        yield aurora_instance("rds", a["engine"], a["class"], a.get("io_optimized", False))
        return
    engine = engine_key(a["engine"], a["license_model"])
    az = "multi-az" if a["multi_az"] else "single-az"
    yield instance(a, engine, az, usage)
    engine = engine.removesuffix("-byol")  # storage, IOPS and backup are priced alike under either license
    kind = a["storage_type"] or ("io1" if a["iops"] else "gp2")
    kind = STORAGE_KEYS.get(kind, kind)
    family = next((f for f in MIN_STORAGE if engine.startswith(f)), engine)
    minimum = max(MIN_STORAGE.get(family, 20), MIN_IOPS_STORAGE if kind in ("io1", "io2") else 0)
    yield from storage(f"rds/{engine}/{az}", kind, a["storage_gb"], a["iops"], minimum)
    yield used("rds", N_("Backup storage beyond the free allowance"), f"rds/{engine}/backup", usage,
               "additional_backup_storage_gb")


register("aws_db_instance", cloudformation_types="AWS::RDS::DBInstance", components=components,
         terraform=_terraform, cloudformation=_cloudformation,
         usage={"additional_backup_storage_gb": UsageKey(0, "GB"),
                "purchase_option": PURCHASE_OPTION,
                "monthly_hours": UsageKey(730, "hours", "hours the instance runs a month (on demand)"),
                "capacity_units_per_hr": UsageKey(0, "ACU", "average ACUs of a Serverless v2 (db.serverless) "
                                                            "instance")})
