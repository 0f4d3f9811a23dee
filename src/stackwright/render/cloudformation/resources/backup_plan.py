"""AWS Backup: a vault, a plan with one rule (the spec's schedule and retention) and a selection of the
stack's databases by ARN, backed up through a role with AWS's managed backup and restore policies."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.plan.operations import BackupSchedule, of_type
from stackwright.render.cloudformation._shared import plan_role, role
from stackwright.render.cloudformation.template import Template, logical_id

START_WINDOW_MINUTES = 60
COMPLETION_WINDOW_MINUTES = 360


def render(component: str, plan: Plan, template: Template) -> None:
    for schedule in of_type(plan, BackupSchedule, component):
        tags = {"Name": f"{plan.name}-{schedule.id}"}
        retain = "Retain" if plan.environment == "production" else "Delete"
        vault = template.add(logical_id(schedule.vault), "AWS::Backup::BackupVault", {
            "BackupVaultName": f"{plan.name}-{schedule.vault}", "BackupVaultTags": tags,
            **({"EncryptionKeyArn": Ref(schedule.key, "arn")} if schedule.key else {}),
        }, represents=schedule.vault, element=schedule, DeletionPolicy=retain, UpdateReplacePolicy=retain)
        backup_plan = template.add(logical_id(schedule.id), "AWS::Backup::BackupPlan", {"BackupPlan": {
            "BackupPlanName": f"{plan.name}-{schedule.id}",
            "BackupPlanRule": [{
                "RuleName": schedule.spec.schedule, "TargetBackupVault": {"Ref": vault},
                "ScheduleExpression": schedule.schedule, "StartWindowMinutes": START_WINDOW_MINUTES,
                "CompletionWindowMinutes": COMPLETION_WINDOW_MINUTES,
                "Lifecycle": {"DeleteAfterDays": schedule.spec.retention_days}}]},
            "BackupPlanTags": tags}, represents=schedule.id)
        role(template, plan_role(plan, schedule.role))
        if schedule.targets:
            template.add(f"{logical_id(schedule.id)}Selection", "AWS::Backup::BackupSelection", {
                "BackupPlanId": {"Ref": backup_plan}, "BackupSelection": {
                    "SelectionName": schedule.id, "IamRoleArn": Ref(schedule.role, "arn"),
                    "Resources": [Ref(target, "arn") for target in schedule.targets]}})
