"""Property values AWS compares case-insensitively (the RDS and ElastiCache APIs take `Engine: MySQL`
and store `mysql`), lowered as AWS stores them so mappers see one spelling."""

from __future__ import annotations

from stackwright.importer.resources import IacResource

# resource type -> the top-level properties whose text AWS lowers
CASE_INSENSITIVE: dict[str, tuple[str, ...]] = {
    "AWS::RDS::DBInstance": ("Engine", "StorageType", "LicenseModel"),
    "AWS::RDS::DBCluster": ("Engine", "EngineMode", "StorageType"),
    "AWS::ElastiCache::CacheCluster": ("Engine",),
    "AWS::ElastiCache::ReplicationGroup": ("Engine",),
    "AWS::ElastiCache::ServerlessCache": ("Engine",),
    "AWS::DocDB::DBCluster": ("Engine",),
    "aws_db_instance": ("engine", "storage_type", "license_model"),
    "aws_rds_cluster": ("engine", "engine_mode", "storage_type"),
    "aws_rds_cluster_instance": ("engine",),
    "aws_elasticache_cluster": ("engine",),
    "aws_elasticache_replication_group": ("engine",),
    "aws_elasticache_serverless_cache": ("engine",),
}


def lower_case_insensitive(resource: IacResource) -> IacResource:
    """The resource with its case-insensitive enum values in lower case (in place)."""
    for name in CASE_INSENSITIVE.get(resource.type, ()):
        value = resource.props.get(name)
        if isinstance(value, str):
            resource.props[name] = value.lower()
    return resource
