"""A production DynamoDB table without point-in-time recovery has no backup: a bad deploy's writes or a deleted
item cannot be undone (the plan's backup_plan covers only the databases)."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_


def check(spec, plan):
    if spec.environment != "production":
        return
    for name, table in components(spec, "dynamodb_table"):
        if not table.point_in_time_recovery:
            yield RULE.finding(("components", name, "point_in_time_recovery"),
                               N_("production table '%(name)s' has point-in-time recovery off: overwritten or deleted "
                                  "items cannot be restored") % {"name": name},
                               N_("set point_in_time_recovery: true (35 days of restore points, billed per GB stored)"))


RULE = Rule(
    "OPS004", "warning", "Production DynamoDB table without point-in-time recovery",
    "Without point-in-time recovery a DynamoDB table has no restore point: a faulty release or a mistaken delete "
    "loses the data for good.",
    "set point_in_time_recovery: true",
    check,
)
