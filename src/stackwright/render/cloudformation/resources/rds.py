"""RDS PostgreSQL/MySQL: encrypted, private, Multi-AZ as the spec says, backups kept the spec's days,
password generated in Secrets Manager, read replicas."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.render.cloudformation.resources._database import (
    attach_secret, credentials_and_subnets, deletion, deletion_protection, master_user, outputs,
)
from stackwright.render.cloudformation.template import Template, logical_id
from stackwright.validate.checkov_skips import ReadReplica

STORAGE_TYPES = {"magnetic": "standard"}


def render(component: str, plan: Plan, template: Template) -> None:
    for db in plan.of(plan.databases, component):
        spec = db.spec
        subnet_group = credentials_and_subnets(plan, template, db)
        properties = {
            "Engine": db.engine,
            "EngineVersion": db.engine_version,
            "DBInstanceClass": spec.instance_class,
            "AllocatedStorage": str(int(spec.storage.gb)),
            "StorageType": STORAGE_TYPES.get(spec.storage.type, spec.storage.type),
            "StorageEncrypted": True,
            "MultiAZ": spec.multi_az,
            "DBName": db.database_name,
            "Port": str(db.port),
            **master_user(plan, db),
            "DBSubnetGroupName": {"Ref": subnet_group},
            "VPCSecurityGroups": [Ref(db.security_group)],
            "PubliclyAccessible": False,
            "EnableIAMDatabaseAuthentication": True,  # lets roles connect without the master password
            "BackupRetentionPeriod": db.backup_retention_days,
            "CopyTagsToSnapshot": True,
            "AutoMinorVersionUpgrade": True,
            **deletion_protection(db),
        }
        if spec.storage.iops and spec.storage.type in ("io1", "io2", "gp3"):
            properties["Iops"] = spec.storage.iops
        logical = template.add(logical_id(db.id), "AWS::RDS::DBInstance", properties, represents=db.id, **deletion(db))
        attach_secret(template, db, logical, "AWS::RDS::DBInstance")
        for replica in range(1, spec.read_replicas + 1):
            template.add(f"{logical}Replica{replica}", "AWS::RDS::DBInstance", {
                "SourceDBInstanceIdentifier": {"Ref": logical},
                "DBInstanceClass": spec.instance_class,
                "VPCSecurityGroups": [Ref(db.security_group)],
                "PubliclyAccessible": False,
                "AutoMinorVersionUpgrade": True,
            }, element=ReadReplica(db, replica), DeletionPolicy="Delete",
                UpdateReplacePolicy="Delete")  # replicas hold no data of their own
        outputs(template, db, logical)
