"""Databases: RDS instances (and read replicas), Aurora clusters with Serverless v2 instances, and the
Secrets Manager secret RDS keeps the master password in when it manages it (billed as any secret)."""

from __future__ import annotations

from stackwright.importer.mapping.registry import PART_OF, Contribution, Priced, free, maps
from stackwright.importer.resources import IacResource, NotPriceable, to_bool, to_int, to_number

ENGINES = {"postgres": "postgresql", "postgresql": "postgresql", "mysql": "mysql"}
AURORA_ENGINES = {"aurora-postgresql": "postgresql", "aurora-mysql": "mysql", "aurora": "mysql"}
STORAGE_TYPES = {"gp2": "gp2", "gp3": "gp3", "io1": "io1", "io2": "io2", "standard": "magnetic"}
SERVERLESS_CLASS = "db.serverless"
# AWS's own defaults when the code leaves these out.
BACKUP_RETENTION_DEFAULT = 1

free(
    "aws_db_subnet_group", "aws_db_parameter_group", "aws_db_option_group", "aws_rds_cluster_parameter_group",
    "AWS::RDS::DBSubnetGroup", "AWS::RDS::DBParameterGroup", "AWS::RDS::DBClusterParameterGroup",
    "AWS::RDS::OptionGroup",
)


def rds(r: IacResource, ctx, *, engine, instance_class, multi_az, storage_gb, storage_type, iops, retention,
        replica_of: IacResource | None, port, replicas: list[IacResource] = ()) -> Priced:
    if engine not in ENGINES:
        raise NotPriceable(f"engine {engine} is not modelled (postgres and mysql are)")
    if not instance_class:
        raise NotPriceable("the instance class is not set")
    if storage_gb is None:
        raise NotPriceable("allocated storage is not set")
    if storage_type is None:
        storage_type = "io1" if iops else "gp2"
        ctx.assume(r, f"storage type not set: {storage_type}, RDS's default {'with' if iops else 'without'} IOPS")
    if storage_type not in STORAGE_TYPES:
        raise NotPriceable(f"storage type {storage_type} is not modelled")
    if retention is None:
        retention = 0 if replica_of else BACKUP_RETENTION_DEFAULT
        ctx.assume(r, f"backup retention not set: {retention} day(s), RDS's default")
    storage = {"type": STORAGE_TYPES[storage_type], "gb": to_number(storage_gb, "allocated storage")}
    if iops:
        storage["iops"] = to_int(iops, "iops")
    fields = {"kind": "rds", "engine": ENGINES[engine], "instance_class": instance_class,
              "multi_az": to_bool(multi_az or False, "multi_az"), "storage": storage,
              "backup_retention_days": to_int(retention, "backup retention")}
    backup = ctx.usage(r, "backup_gb", otherwise="not in the usage file: the rds kind's estimate from storage "
                                                 "and retention applies")
    if backup is not None:
        fields["backup_gb"] = backup
    if port:
        fields["port"] = to_int(port, "port")
    fields |= reservation(r, ctx)
    if replicas:
        fields["read_replicas"] = len(replicas)
    return Priced(fields, covers=tuple(replica.address for replica in replicas))


def replicas_of(r: IacResource, ctx, source_key: str, class_key: str) -> list[IacResource]:
    """Read replicas of `r` in the same code and of its class: the rds kind prices them as its
    `read_replicas` (others are components of their own)."""
    return [replica for replica in ctx.referrers(r, r.type, prop=source_key)
            if replica.get(class_key) == r.get(class_key)]


def folded_replica(r: IacResource, ctx, source: IacResource | None, source_key: str, class_key: str) -> bool:
    """A replica its source's component prices: of the source's class, the source no replica itself."""
    return (source is not None and source.props.get(source_key) is None
            and r.get(class_key) == source.get(class_key))

def reservation(r: IacResource, ctx) -> dict:
    """A purchase option from the usage file: reservations are bought apart from the code."""
    option = ctx.given(r, "purchase_option")
    return {} if option is None else {"purchase_option": option}


def with_managed_secret(priced: Priced, r: IacResource, ctx, manages: bool) -> Priced | list:
    """A database whose master password RDS manages also holds a secret in the account's Secrets Manager."""
    if not manages:
        return priced
    return [priced, Contribution("secrets_manager", {"api_calls": ctx.usage(r, "api_calls_per_month")})]


def manages_password(r: IacResource, key: str) -> bool:
    return to_bool(r.get(key, default=False) or False, key)


# api_calls_per_month: reads of the secret RDS manages, as for any secret
RDS_USAGE = ("backup_gb", "purchase_option", "api_calls_per_month")


@maps("aws_db_instance", usage=RDS_USAGE, part_of="rds")
def tf_db_instance(r: IacResource, ctx):
    engine = r.get("engine")
    if isinstance(engine, str) and engine.startswith("aurora"):
        raise NotPriceable("an Aurora engine belongs on aws_rds_cluster_instance")
    source = ctx.referenced(r.props.get("replicate_source_db"), "aws_db_instance")
    replica_of = source[0] if source else None
    if r.props.get("replicate_source_db") is not None and replica_of is None:
        raise NotPriceable("a read replica of a database not in this code (engine and storage unknown)")
    if folded_replica(r, ctx, replica_of, "replicate_source_db", "instance_class"):
        return PART_OF
    inherited = replica_of.get if replica_of else (lambda *p, default=None: default)
    priced = rds(r, ctx, engine=r.get("engine") or inherited("engine"), instance_class=r.get("instance_class"),
                 multi_az=r.get("multi_az"), storage_gb=r.get("allocated_storage") or inherited("allocated_storage"),
                 storage_type=r.get("storage_type") or inherited("storage_type"), iops=r.get("iops"),
                 retention=r.get("backup_retention_period"), replica_of=replica_of, port=r.get("port"),
                 replicas=[] if replica_of else replicas_of(r, ctx, "replicate_source_db", "instance_class"))
    return with_managed_secret(priced, r, ctx, manages_password(r, "manage_master_user_password"))


@maps("AWS::RDS::DBInstance", usage=RDS_USAGE, part_of="rds")
def cfn_db_instance(r: IacResource, ctx):
    if r.props.get("DBClusterIdentifier") is not None:
        return cluster_instance(r, ctx, r.props.get("DBClusterIdentifier"), r.get("DBInstanceClass"),
                                "AWS::RDS::DBCluster")
    source = ctx.referenced(r.props.get("SourceDBInstanceIdentifier"), "AWS::RDS::DBInstance")
    replica_of = source[0] if source else None
    if r.props.get("SourceDBInstanceIdentifier") is not None and replica_of is None:
        raise NotPriceable("a read replica of a database not in this template (engine and storage unknown)")
    if folded_replica(r, ctx, replica_of, "SourceDBInstanceIdentifier", "DBInstanceClass"):
        return PART_OF
    inherited = replica_of.get if replica_of else (lambda *p, default=None: default)
    priced = rds(r, ctx, engine=r.get("Engine") or inherited("Engine"), instance_class=r.get("DBInstanceClass"),
                 multi_az=r.get("MultiAZ"), storage_gb=r.get("AllocatedStorage") or inherited("AllocatedStorage"),
                 storage_type=r.get("StorageType") or inherited("StorageType"), iops=r.get("Iops"),
                 retention=r.get("BackupRetentionPeriod"), replica_of=replica_of, port=r.get("Port"),
                 replicas=[] if replica_of else replicas_of(r, ctx, "SourceDBInstanceIdentifier", "DBInstanceClass"))
    return with_managed_secret(priced, r, ctx, manages_password(r, "ManageMasterUserPassword"))


def cluster_instance(r: IacResource, ctx, cluster_reference, instance_class, cluster_type: str):
    """Serverless v2 instances are priced inside their cluster's component."""
    if instance_class != SERVERLESS_CLASS:
        raise NotPriceable(f"provisioned Aurora instances ({instance_class}) are not modelled; "
                           f"only Serverless v2 ({SERVERLESS_CLASS}) is")
    if not ctx.referenced(cluster_reference, cluster_type):
        raise NotPriceable("its Aurora cluster is not in this code")
    return PART_OF


@maps("aws_rds_cluster_instance", part_of="aurora_serverless_v2")
def tf_cluster_instance(r: IacResource, ctx):
    return cluster_instance(r, ctx, r.props.get("cluster_identifier"), r.get("instance_class"), "aws_rds_cluster")


def aurora(r: IacResource, ctx, *, engine, engine_mode, scaling: dict | None, min_key: str, max_key: str,
           instances: list[IacResource], storage_type) -> Priced:
    if engine not in AURORA_ENGINES:
        raise NotPriceable(f"engine {engine} is not modelled for clusters (Multi-AZ DB clusters are not); "
                           "Aurora Serverless v2 is")
    if engine_mode not in (None, "provisioned"):
        raise NotPriceable(f"engine mode {engine_mode} (Aurora Serverless v1) is not modelled")
    serverless = [i for i in instances if i.get("instance_class", default=i.get("DBInstanceClass")) == SERVERLESS_CLASS]
    if not scaling:
        raise NotPriceable("no Serverless v2 scaling configuration: provisioned Aurora is not modelled")
    count = len(serverless)
    if not count:
        ctx.assume(r, "no db.serverless instance in the code: one writer assumed (a cluster needs one to run)")
        count = 1
    fields = {"kind": "aurora_serverless_v2", "engine": AURORA_ENGINES[engine],
              "min_acu": to_number(scaling.get(min_key, 0.5), min_key),
              "max_acu": to_number(scaling.get(max_key, 1), max_key), "instances": count,
              "io_optimized": storage_type == "aurora-iopt1"}
    for key, otherwise in (("average_acu", None), ("storage_gb", "not in the usage file: the kind's default 20 GB"),
                           ("io_million_per_month", None)):
        if key == "io_million_per_month" and fields["io_optimized"]:
            continue
        value = ctx.usage(r, key, otherwise=otherwise)
        if value is not None:
            fields[key] = value
    return Priced(fields, covers=tuple(i.address for i in serverless))


AURORA_USAGE = ("average_acu", "storage_gb", "io_million_per_month", "api_calls_per_month")


@maps("aws_rds_cluster", usage=AURORA_USAGE)
def tf_rds_cluster(r: IacResource, ctx):
    priced = aurora(r, ctx, engine=r.get("engine", default="aurora"), engine_mode=r.get("engine_mode"),
                    scaling=r.get("serverlessv2_scaling_configuration", 0), min_key="min_capacity",
                    max_key="max_capacity", instances=ctx.referrers(r, "aws_rds_cluster_instance",
                                                                    prop="cluster_identifier"),
                    storage_type=r.get("storage_type"))
    return with_managed_secret(priced, r, ctx, manages_password(r, "manage_master_user_password"))


@maps("AWS::RDS::DBCluster", usage=AURORA_USAGE)
def cfn_db_cluster(r: IacResource, ctx):
    priced = aurora(r, ctx, engine=r.get("Engine"), engine_mode=r.get("EngineMode"),
                    scaling=r.get("ServerlessV2ScalingConfiguration"), min_key="MinCapacity", max_key="MaxCapacity",
                    instances=ctx.referrers(r, "AWS::RDS::DBInstance", prop="DBClusterIdentifier"),
                    storage_type=r.get("StorageType"))
    return with_managed_secret(priced, r, ctx, manages_password(r, "ManageMasterUserPassword"))
