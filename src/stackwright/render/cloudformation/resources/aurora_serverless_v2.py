"""Aurora Serverless v2: an encrypted cluster scaling between min_acu and max_acu, and its writer and
reader instances (class db.serverless)."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.plan.naming import member_id
from stackwright.render.cloudformation.resources._database import (
    deletion, deletion_protection, managed_secret, master_user, outputs, subnet_group,
)
from stackwright.render.cloudformation.template import Template, logical_id


def render(component: str, plan: Plan, template: Template) -> None:
    for db in plan.of(plan.databases, component):
        spec = db.spec
        subnets = subnet_group(template, db)
        properties = {
            "Engine": db.engine,
            "EngineVersion": db.engine_version,
            "DatabaseName": db.database_name,
            "Port": db.port,
            **master_user(plan, db),
            "DBSubnetGroupName": {"Ref": subnets},
            "VpcSecurityGroupIds": [Ref(db.security_group)],
            "StorageEncrypted": True,
            "EnableIAMDatabaseAuthentication": True,  # lets roles connect without the master password
            "BackupRetentionPeriod": db.backup_retention_days,
            "CopyTagsToSnapshot": True,
            "ServerlessV2ScalingConfiguration": {"MinCapacity": spec.min_acu, "MaxCapacity": spec.max_acu},
            **deletion_protection(db),
        }
        if spec.io_optimized:
            properties["StorageType"] = "aurora-iopt1"
        logical = template.add(logical_id(db.id), "AWS::RDS::DBCluster", properties, represents=db.id, **deletion(db))
        managed_secret(template, db, logical)
        for index in range(1, spec.instances + 1):
            template.add(f"{logical}Instance{index}", "AWS::RDS::DBInstance", {
                "Engine": db.engine,
                "DBClusterIdentifier": {"Ref": logical},
                "DBInstanceClass": "db.serverless",
                "PubliclyAccessible": False,
                "AutoMinorVersionUpgrade": True,
            }, element=db, represents=member_id(db.id, index), DeletionPolicy="Delete", UpdateReplacePolicy="Delete")  # the data lives in the cluster
        outputs(template, db, logical)
