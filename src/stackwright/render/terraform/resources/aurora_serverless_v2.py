"""Aurora Serverless v2: an encrypted cluster scaling between min_acu and max_acu, and its writer and
reader instances (class db.serverless)."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.plan.naming import member_id, resource_name
from stackwright.render.terraform._shared import attribute, name_tags, resource
from stackwright.render.terraform.hcl import Block
from stackwright.render.terraform.resources._database import (
    MODULE, deletion, managed_secret, master_user, outputs, subnet_group,
)
from stackwright.render.terraform.stack import Stack, local_name

NAME_LIMIT = 63


def render(component: str, plan: Plan, stack: Stack) -> None:
    for db in plan.of(plan.databases, component):
        spec = db.spec
        name = local_name(db.id)
        subnets = subnet_group(plan, stack, db)
        body = {
            "cluster_identifier": resource_name(plan.name, db.id, limit=NAME_LIMIT),
            "engine": db.engine,
            "engine_mode": "provisioned",
            "engine_version": db.engine_version,
            "database_name": db.database_name,
            "port": db.port,
            **master_user(plan, db, prefix="master_"),
            "db_subnet_group_name": attribute(subnets, "name"),
            "vpc_security_group_ids": [Ref(db.security_group)],
            "storage_encrypted": True,
            "iam_database_authentication_enabled": True,
            "backup_retention_period": db.backup_retention_days,
            "copy_tags_to_snapshot": True,
            **deletion(plan, db),
            "tags": name_tags(plan, db.id),
        }
        if spec.io_optimized:
            body["storage_type"] = "aurora-iopt1"
        body["serverlessv2_scaling_configuration"] = Block("serverlessv2_scaling_configuration", (), {
            "min_capacity": spec.min_acu, "max_capacity": spec.max_acu})
        cluster = resource(stack, MODULE, "aws_rds_cluster", name, body, element=db, represents=db.id)
        managed_secret(stack, db, cluster)
        for index in range(1, spec.instances + 1):
            resource(stack, MODULE, "aws_rds_cluster_instance", f"{name}_{index}", {
                "identifier": resource_name(plan.name, db.id, str(index), limit=NAME_LIMIT),
                "cluster_identifier": attribute(cluster, "id"),
                "engine": attribute(cluster, "engine"),
                "engine_version": attribute(cluster, "engine_version"),
                "instance_class": "db.serverless",
                "publicly_accessible": False,
                "auto_minor_version_upgrade": True,
                "tags": name_tags(plan, f"{db.id}-{index}"),
            }, element=db, represents=member_id(db.id, index))
        outputs(stack, db)
