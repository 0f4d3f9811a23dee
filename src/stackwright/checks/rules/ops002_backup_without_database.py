"""A backup plan with no database to back up creates a vault and a plan that protect nothing."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_


def check(spec, plan):
    databases = [name for name, _ in components(spec, "rds", "aurora_serverless_v2")]
    for name, backup in components(spec, "backup_plan"):
        if not (backup.resources or databases):
            yield RULE.finding(("components", name),
                               N_("'%(name)s' backs up every database, and the spec has none: the backup plan "
                                  "selects nothing") % {"name": name},
                               N_("add an rds or aurora_serverless_v2 component, or remove the backup plan"))


RULE = Rule(
    "OPS002", "warning", "Backup plan without a database",
    "AWS Backup here protects the spec's databases; with none, its vault and plan stand empty.",
    "add a database or remove the backup_plan component",
    check,
)
