"""RDS, ElastiCache and Secrets Manager: all created through their own APIs on the local target."""

from __future__ import annotations

import json
from typing import Callable

from stackwright.deploy.kinds.base import (
    PLACEHOLDER, Kind, UnknownAttribute, absent_if_missing, differences, tag_list,
)


def _identifier(r, prop: str) -> str:
    """RDS and ElastiCache identifiers are lower-case, start with a letter and hold no double hyphen."""
    return r.get(prop) or r.name.lower().replace("--", "-")


def _tags(r) -> list[dict[str, str]]:
    return tag_list({t["Key"]: t["Value"] for t in r.get("Tags", [])} | r.tags)


def _free(identifier: str, holder: Callable[[str], dict | None], status: str, limit: int = 40) -> str:
    """`identifier`, or `identifier-2`, `-3`... when an earlier one is still listed as deleting: moto marks
    deleted ElastiCache groups and clusters "deleting" and keeps them, and their ids, for good. An id
    held by a live resource is returned as is, so the create fails as it would on AWS."""
    candidate, number = identifier, 1
    while (held := holder(candidate)) is not None and held[status] == "deleting":
        number += 1
        candidate = f"{identifier[:limit - len(str(number)) - 1]}-{number}"
    return candidate


def _passed(r, props: frozenset[str], renamed: dict[str, str] | None = None) -> dict:
    """The template's properties among `props`, under the API's name where it differs."""
    renamed = renamed or {}
    return {renamed.get(p, p): r.get(p) for p in sorted(props & r.keys) if r.get(p) is not None}


MANAGED_SECRET_ARN = "MasterUserSecret.SecretArn"


def _managed_secret(state: dict, r) -> tuple[str, bool, bool | None]:
    """ManageMasterUserPassword: the instance or cluster lists the secret RDS keeps its password in."""
    wanted = r.get("ManageMasterUserPassword")
    return ("ManageMasterUserPassword", bool(state.get("MasterUserSecret", {}).get("SecretArn")),
            None if wanted is None else str(wanted).lower() == "true")


def _managed_secret_arn(state: dict, r) -> str:
    secret = state.get("MasterUserSecret", {}).get("SecretArn")
    if not secret:
        raise UnknownAttribute(f"{r.logical_id} has no secret RDS manages (ManageMasterUserPassword is not set)")
    return secret


class DbSubnetGroup(Kind):
    type = "AWS::RDS::DBSubnetGroup"
    service_api = "rds.create_db_subnet_group"
    emulates = frozenset({"DBSubnetGroupName", "DBSubnetGroupDescription", "SubnetIds", "Tags"})

    def find(self, aws, r):
        found = absent_if_missing(aws("rds").describe_db_subnet_groups, DBSubnetGroupName=r.physical_id)
        return found["DBSubnetGroups"][0] if found else None

    def check(self, state, r):
        return differences(("SubnetIds", [s["SubnetIdentifier"] for s in state["Subnets"]], r.get("SubnetIds")))

    def create(self, aws, r):
        name = _identifier(r, "DBSubnetGroupName")
        aws("rds").create_db_subnet_group(DBSubnetGroupName=name, DBSubnetGroupDescription=r["DBSubnetGroupDescription"],
                                          SubnetIds=r["SubnetIds"], Tags=_tags(r))
        return name

    def delete(self, aws, r, state):
        aws("rds").delete_db_subnet_group(DBSubnetGroupName=state["DBSubnetGroupName"])


class DbInstance(Kind):
    type = "AWS::RDS::DBInstance"
    service_api = "rds.create_db_instance"
    INSTANCE = frozenset({"Engine", "EngineVersion", "DBInstanceClass", "AllocatedStorage", "StorageType",
                          "StorageEncrypted", "MultiAZ", "DBName", "Port", "MasterUsername", "MasterUserPassword",
                          "ManageMasterUserPassword", "DBSubnetGroupName", "VPCSecurityGroups", "PubliclyAccessible",
                          "EnableIAMDatabaseAuthentication", "BackupRetentionPeriod", "CopyTagsToSnapshot",
                          "AutoMinorVersionUpgrade", "Iops", "DBClusterIdentifier", "DeletionProtection"})
    REPLICA = frozenset({"SourceDBInstanceIdentifier", "DBInstanceClass", "VPCSecurityGroups", "PubliclyAccessible",
                         "AutoMinorVersionUpgrade"})
    emulates = INSTANCE | REPLICA | {"DBInstanceIdentifier", "Tags"}
    NUMBERS = ("AllocatedStorage", "Port", "Iops")

    def find(self, aws, r):
        found = absent_if_missing(aws("rds").describe_db_instances, DBInstanceIdentifier=r.physical_id)
        instance = found["DBInstances"][0] if found else None
        return instance if instance and instance["DBInstanceStatus"] != "deleting" else None

    def check(self, state, r):
        return differences(
            ("Engine", state["Engine"], r.get("Engine")), ("DBInstanceClass", state["DBInstanceClass"], r.get("DBInstanceClass")),
            ("Port", state["Endpoint"]["Port"], r.get("Port")),
            ("AllocatedStorage", state["AllocatedStorage"], r.get("AllocatedStorage")),
            ("StorageEncrypted", state.get("StorageEncrypted"), r.get("StorageEncrypted")),
            ("MultiAZ", state.get("MultiAZ"), r.get("MultiAZ")),
            ("DeletionProtection", state.get("DeletionProtection"), r.get("DeletionProtection")),
            ("VPCSecurityGroups", [g["VpcSecurityGroupId"] for g in state.get("VpcSecurityGroups", [])],
             r.get("VPCSecurityGroups")),
            ("DBClusterIdentifier", state.get("DBClusterIdentifier"), r.get("DBClusterIdentifier")),
            ("SourceDBInstanceIdentifier", state.get("ReadReplicaSourceDBInstanceIdentifier"),
             r.get("SourceDBInstanceIdentifier")), _managed_secret(state, r))

    def attribute(self, state, r, name):
        if name in ("Endpoint.Address", "Endpoint.Port"):
            return str(state["Endpoint"][name.split(".")[1]])
        if name == MANAGED_SECRET_ARN:
            return _managed_secret_arn(state, r)
        return super().attribute(state, r, name)

    def create(self, aws, r):
        identifier = _identifier(r, "DBInstanceIdentifier")
        replica = r.get("SourceDBInstanceIdentifier")
        arguments = _passed(r, self.REPLICA if replica else self.INSTANCE, {"VPCSecurityGroups": "VpcSecurityGroupIds"})
        arguments |= {key: int(arguments[key]) for key in self.NUMBERS if key in arguments}
        call = aws("rds").create_db_instance_read_replica if replica else aws("rds").create_db_instance
        call(DBInstanceIdentifier=identifier, Tags=_tags(r), **arguments)
        return identifier

    def delete(self, aws, r, state):
        rds, identifier = aws("rds"), state["DBInstanceIdentifier"]
        if state.get("DeletionProtection"):  # kept from accidents on AWS; the local target removes everything
            rds.modify_db_instance(DBInstanceIdentifier=identifier, DeletionProtection=False, ApplyImmediately=True)
        rds.delete_db_instance(DBInstanceIdentifier=identifier, SkipFinalSnapshot=True, DeleteAutomatedBackups=True)


class DbCluster(Kind):
    type = "AWS::RDS::DBCluster"
    service_api = "rds.create_db_cluster"
    # StorageType is left out: moto's RDS fails on aurora-iopt1 (I/O-Optimized), so it is reported as a gap.
    PASSED = frozenset({"Engine", "EngineVersion", "DatabaseName", "Port", "MasterUsername", "MasterUserPassword",
                        "ManageMasterUserPassword", "DBSubnetGroupName", "VpcSecurityGroupIds", "StorageEncrypted",
                        "EnableIAMDatabaseAuthentication", "BackupRetentionPeriod", "CopyTagsToSnapshot",
                        "ServerlessV2ScalingConfiguration", "DeletionProtection"})
    emulates = PASSED | {"DBClusterIdentifier", "Tags"}

    def find(self, aws, r):
        found = absent_if_missing(aws("rds").describe_db_clusters, DBClusterIdentifier=r.physical_id)
        cluster = found["DBClusters"][0] if found else None
        return cluster if cluster and cluster["Status"] != "deleting" else None

    def check(self, state, r):
        scaling = r.get("ServerlessV2ScalingConfiguration") or {}
        actual = state.get("ServerlessV2ScalingConfiguration", {})
        return differences(("Engine", state["Engine"], r.get("Engine")), ("Port", state.get("Port"), r.get("Port")),
                           ("StorageEncrypted", state.get("StorageEncrypted"), r.get("StorageEncrypted")),
                           ("DeletionProtection", state.get("DeletionProtection"), r.get("DeletionProtection")),
                           ("VpcSecurityGroupIds", [g["VpcSecurityGroupId"] for g in state.get("VpcSecurityGroups", [])],
                            r.get("VpcSecurityGroupIds")),
                           ("ServerlessV2ScalingConfiguration", (actual.get("MinCapacity"), actual.get("MaxCapacity")),
                            (scaling.get("MinCapacity"), scaling.get("MaxCapacity")) if scaling else None),
                           _managed_secret(state, r))

    def attribute(self, state, r, name):
        values = {"Endpoint.Address": state["Endpoint"], "ReadEndpoint.Address": state.get("ReaderEndpoint"),
                  "Endpoint.Port": str(state.get("Port"))}
        if name == MANAGED_SECRET_ARN:
            return _managed_secret_arn(state, r)
        return values[name] if name in values else super().attribute(state, r, name)

    def create(self, aws, r):
        identifier = _identifier(r, "DBClusterIdentifier")
        aws("rds").create_db_cluster(DBClusterIdentifier=identifier, Tags=_tags(r), **_passed(r, self.PASSED))
        return identifier

    def delete(self, aws, r, state):
        rds, identifier = aws("rds"), state["DBClusterIdentifier"]
        if state.get("DeletionProtection"):  # kept from accidents on AWS; the local target removes everything
            rds.modify_db_cluster(DBClusterIdentifier=identifier, DeletionProtection=False, ApplyImmediately=True)
        rds.delete_db_cluster(DBClusterIdentifier=identifier, SkipFinalSnapshot=True)
        # AWS deletes a cluster's automated snapshots with it; moto keeps them (and their ids) until told.
        for snapshot in rds.describe_db_cluster_snapshots(DBClusterIdentifier=identifier,
                                                          SnapshotType="automated")["DBClusterSnapshots"]:
            rds.delete_db_cluster_snapshot(DBClusterSnapshotIdentifier=snapshot["DBClusterSnapshotIdentifier"])


class CacheSubnetGroup(Kind):
    type = "AWS::ElastiCache::SubnetGroup"

    def find(self, aws, r):
        found = absent_if_missing(aws("elasticache").describe_cache_subnet_groups, CacheSubnetGroupName=r.physical_id)
        return found["CacheSubnetGroups"][0] if found else None

    def check(self, state, r):
        return differences(("SubnetIds", [s["SubnetIdentifier"] for s in state["Subnets"]], r.get("SubnetIds")))


class ReplicationGroup(Kind):
    type = "AWS::ElastiCache::ReplicationGroup"
    service_api = "elasticache.create_replication_group"
    PASSED = frozenset({"ReplicationGroupDescription", "Engine", "EngineVersion", "CacheNodeType", "Port",
                        "CacheSubnetGroupName", "SecurityGroupIds", "AtRestEncryptionEnabled", "TransitEncryptionEnabled",
                        "AuthToken", "SnapshotRetentionLimit", "AutomaticFailoverEnabled", "MultiAZEnabled",
                        "AutoMinorVersionUpgrade", "NumCacheClusters", "NumNodeGroups", "ReplicasPerNodeGroup",
                        "CacheParameterGroupName"})
    emulates = PASSED | {"ReplicationGroupId", "Tags"}

    def find(self, aws, r):
        group = self._find(aws, r.physical_id)
        return group if group and group["Status"] != "deleting" else None

    def _find(self, aws, identifier: str) -> dict | None:
        found = absent_if_missing(aws("elasticache").describe_replication_groups, ReplicationGroupId=identifier)
        return found["ReplicationGroups"][0] if found else None

    def check(self, state, r):
        return differences(("CacheNodeType", state.get("CacheNodeType"), r.get("CacheNodeType")),
                           ("NumCacheClusters", len(state.get("MemberClusters", [])), r.get("NumCacheClusters")),
                           ("NumNodeGroups", len(state.get("NodeGroups", [])), r.get("NumNodeGroups")),
                           ("TransitEncryptionEnabled", state.get("TransitEncryptionEnabled"),
                            r.get("TransitEncryptionEnabled")),
                           ("AtRestEncryptionEnabled", state.get("AtRestEncryptionEnabled"),
                            r.get("AtRestEncryptionEnabled")),
                           ("AutomaticFailoverEnabled", state.get("AutomaticFailover") == "enabled",
                            r.get("AutomaticFailoverEnabled")))

    def attribute(self, state, r, name):
        primary = (state.get("NodeGroups") or [{}])[0].get("PrimaryEndpoint", {})
        configuration = state.get("ConfigurationEndpoint", {})
        values = {"PrimaryEndPoint.Address": primary.get("Address"), "PrimaryEndPoint.Port": str(primary.get("Port")),
                  "ConfigurationEndPoint.Address": configuration.get("Address"),
                  "ConfigurationEndPoint.Port": str(configuration.get("Port"))}
        return values[name] if values.get(name) else super().attribute(state, r, name)

    def gaps(self, r):
        renamed = r.physical_id and r.get("ReplicationGroupId") not in (None, r.physical_id)
        # moto makes one member cluster whatever NumCacheClusters asks (a primary without its replicas)
        replicas = int(r.get("NumCacheClusters") or 1) > 1
        return super().gaps(r) + (["ReplicationGroupId"] if renamed else []) + (["NumCacheClusters"] if replicas else [])

    def create(self, aws, r):
        identifier = _free(_identifier(r, "ReplicationGroupId"), lambda candidate: self._find(aws, candidate), "Status")
        # Cluster mode follows from the parameter group (cluster-enabled); the API takes it as a field too.
        mode = {"ClusterMode": "enabled"} if str(r.get("CacheParameterGroupName", "")).endswith(".cluster.on") else {}
        aws("elasticache").create_replication_group(ReplicationGroupId=identifier, Tags=_tags(r), **mode,
                                                    **_passed(r, self.PASSED))
        return identifier

    def delete(self, aws, r, state):
        aws("elasticache").delete_replication_group(ReplicationGroupId=state["ReplicationGroupId"])


class CacheCluster(Kind):
    type = "AWS::ElastiCache::CacheCluster"
    service_api = "elasticache.create_cache_cluster"
    PASSED = frozenset({"Engine", "EngineVersion", "CacheNodeType", "NumCacheNodes", "AZMode", "Port",
                        "CacheSubnetGroupName", "VpcSecurityGroupIds", "TransitEncryptionEnabled",
                        "AutoMinorVersionUpgrade"})
    emulates = PASSED | {"ClusterName", "Tags"}

    def find(self, aws, r):
        cluster = self._find(aws, r.physical_id)
        return cluster if cluster and cluster["CacheClusterStatus"] != "deleting" else None

    def _find(self, aws, identifier: str) -> dict | None:
        found = absent_if_missing(aws("elasticache").describe_cache_clusters, CacheClusterId=identifier)
        return found["CacheClusters"][0] if found else None

    def gaps(self, r):
        renamed = r.physical_id and r.get("ClusterName") not in (None, r.physical_id)
        return super().gaps(r) + ["ConfigurationEndpoint"] + (["ClusterName"] if renamed else [])

    def check(self, state, r):
        return differences(("Engine", state["Engine"], r.get("Engine")),
                           ("CacheNodeType", state["CacheNodeType"], r.get("CacheNodeType")),
                           ("NumCacheNodes", state["NumCacheNodes"], r.get("NumCacheNodes")))

    def attribute(self, state, r, name):
        if name.startswith("ConfigurationEndpoint."):  # moto's memcached clusters have no endpoint
            endpoint = state.get("ConfigurationEndpoint")
            return str(endpoint[name.split(".")[1]]) if endpoint else PLACEHOLDER.format(f"{r.logical_id}.{name}")
        return super().attribute(state, r, name)

    def create(self, aws, r):
        identifier = _free(_identifier(r, "ClusterName"), lambda candidate: self._find(aws, candidate),
                           "CacheClusterStatus")
        aws("elasticache").create_cache_cluster(CacheClusterId=identifier, Tags=_tags(r),
                                                **_passed(r, self.PASSED, {"VpcSecurityGroupIds": "SecurityGroupIds"}))
        return identifier

    def delete(self, aws, r, state):
        aws("elasticache").delete_cache_cluster(CacheClusterId=state["CacheClusterId"])


class Secret(Kind):
    type = "AWS::SecretsManager::Secret"
    service_api = "secretsmanager.create_secret"
    emulates = frozenset({"Name", "Description", "GenerateSecretString", "SecretString", "Tags"})
    GENERATOR = ("PasswordLength", "ExcludeCharacters", "ExcludeNumbers", "ExcludePunctuation", "ExcludeUppercase",
                 "ExcludeLowercase", "IncludeSpace", "RequireEachIncludedType")

    def find(self, aws, r):
        found = absent_if_missing(aws("secretsmanager").describe_secret, SecretId=r.physical_id)
        return found if found and not found.get("DeletedDate") else None

    def check(self, state, r):
        return differences(("Description", state.get("Description"), r.get("Description")))

    def create(self, aws, r):
        value = r.get("SecretString")
        if value is None:
            generate = r.get("GenerateSecretString", {})
            password = aws("secretsmanager").get_random_password(
                **{key: generate[key] for key in self.GENERATOR if key in generate})["RandomPassword"]
            value = json.dumps(json.loads(generate["SecretStringTemplate"]) | {generate["GenerateStringKey"]: password}) \
                if "GenerateStringKey" in generate else password
        created = aws("secretsmanager").create_secret(Name=r.get("Name", r.name), Description=r.get("Description", ""),
                                                      SecretString=value, Tags=_tags(r))
        return created["ARN"]

    def delete(self, aws, r, state):
        aws("secretsmanager").delete_secret(SecretId=state["ARN"], ForceDeleteWithoutRecovery=True)



class DbSnapshot(Kind):
    """Not a template resource: a database's snapshots carry its tags, so destroy's tag search finds them.
    Automated ones go with their instance; a manual one (the final snapshot of `DeletionPolicy: Snapshot`)
    is kept on purpose (`tagged.kept_on_purpose`)."""

    type = "AWS::RDS::DBSnapshot"

    def find(self, aws, r):
        found = absent_if_missing(aws("rds").describe_db_snapshots, DBSnapshotIdentifier=r.physical_id)
        snapshot = found["DBSnapshots"][0] if found and found["DBSnapshots"] else None
        return snapshot if snapshot and snapshot["Status"] != "deleting" else None

    def delete(self, aws, r, state):
        aws("rds").delete_db_snapshot(DBSnapshotIdentifier=state["DBSnapshotIdentifier"])


class DbClusterSnapshot(Kind):
    """A cluster's snapshots, as `DbSnapshot` an instance's."""

    type = "AWS::RDS::DBClusterSnapshot"

    def find(self, aws, r):
        found = absent_if_missing(aws("rds").describe_db_cluster_snapshots, DBClusterSnapshotIdentifier=r.physical_id)
        snapshot = found["DBClusterSnapshots"][0] if found and found["DBClusterSnapshots"] else None
        return snapshot if snapshot and snapshot["Status"] != "deleting" else None

    def delete(self, aws, r, state):
        aws("rds").delete_db_cluster_snapshot(DBClusterSnapshotIdentifier=state["DBClusterSnapshotIdentifier"])
