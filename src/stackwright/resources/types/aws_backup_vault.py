"""AWS Backup vault: backup storage by the kind of resource backed up."""

from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_

KINDS = {"monthly_ebs_snapshot_gb": (N_("EBS snapshots"), "backup/ebs"),
         "monthly_efs_warm_backup_gb": (N_("EFS warm backups"), "backup/efs-warm"),
         "monthly_efs_cold_backup_gb": (N_("EFS cold backups"), "backup/efs-cold"),
         "monthly_rds_snapshot_gb": (N_("RDS snapshots"), "backup/rds"),
         "monthly_aurora_snapshot_gb": (N_("Aurora snapshots"), "backup/aurora"),
         "monthly_dynamodb_backup_gb": (N_("DynamoDB backups"), "backup/dynamodb"),
         "monthly_s3_backup_gb": (N_("S3 backups"), "backup/s3")}


def components(resource, usage):
    given = [key for key in KINDS if usage[key].value] or ["monthly_ebs_snapshot_gb"]  # show one when none given
    for key in given:
        label, price_key = KINDS[key]
        yield used("backup", label, price_key, usage, key)


register("aws_backup_vault", cloudformation_types="AWS::Backup::BackupVault", components=components,
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {},
         usage={key: UsageKey(0, "GB") for key in KINDS})
