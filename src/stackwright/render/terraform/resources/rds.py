"""RDS PostgreSQL/MySQL: encrypted, private, Multi-AZ as the spec says, backups kept the spec's days,
password generated into Secrets Manager, read replicas."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.plan.naming import resource_name
from stackwright.render.terraform._shared import attribute, name_tags, resource
from stackwright.render.terraform.resources._database import (
    MODULE, credentials_and_subnets, deletion, master_user, outputs,
)
from stackwright.render.terraform.stack import Stack, local_name
from stackwright.validate.checkov_skips import ReadReplica

STORAGE_TYPES = {"magnetic": "standard"}
NAME_LIMIT = 63


def render(component: str, plan: Plan, stack: Stack) -> None:
    for db in plan.of(plan.databases, component):
        spec = db.spec
        name = local_name(db.id)
        password, subnet_group = credentials_and_subnets(plan, stack, db)
        body = {
            "identifier": resource_name(plan.name, db.id, limit=NAME_LIMIT),
            "engine": db.engine,
            "engine_version": db.engine_version,
            "instance_class": spec.instance_class,
            "allocated_storage": int(spec.storage.gb),
            "storage_type": STORAGE_TYPES.get(spec.storage.type, spec.storage.type),
            "storage_encrypted": True,
            "multi_az": spec.multi_az,
            "db_name": db.database_name,
            "port": db.port,
            **master_user(plan, password, db),
            "db_subnet_group_name": attribute(subnet_group, "name"),
            "vpc_security_group_ids": [Ref(db.security_group)],
            "publicly_accessible": False,
            "iam_database_authentication_enabled": True,
            "backup_retention_period": db.backup_retention_days,
            "copy_tags_to_snapshot": True,
            "auto_minor_version_upgrade": True,
            **deletion(plan, db),
            "tags": name_tags(plan, db.id),
        }
        if spec.storage.iops and spec.storage.type in ("io1", "io2", "gp3"):
            body["iops"] = spec.storage.iops
        address = resource(stack, MODULE, "aws_db_instance", name, body, element=db, represents=db.id)
        for replica in range(1, spec.read_replicas + 1):
            resource(stack, MODULE, "aws_db_instance", f"{name}_replica_{replica}", {
                "identifier": resource_name(plan.name, db.id, f"replica-{replica}", limit=NAME_LIMIT),
                "replicate_source_db": attribute(address, "identifier"),
                "instance_class": spec.instance_class,
                "storage_encrypted": True,
                "vpc_security_group_ids": [Ref(db.security_group)],
                "publicly_accessible": False,
                "iam_database_authentication_enabled": True,
                "auto_minor_version_upgrade": True,
                "copy_tags_to_snapshot": True,
                "skip_final_snapshot": True,  # replicas hold no data of their own
                "tags": name_tags(plan, f"{db.id}-replica-{replica}"),
            }, element=ReadReplica(db, replica))
        outputs(stack, db)
