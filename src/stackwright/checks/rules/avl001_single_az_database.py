"""A database on one instance in one AZ cannot meet a 99.9% target."""

from stackwright.checks.rule import HIGH_AVAILABILITY, Rule, hard_dependencies
from stackwright.translatable import N_


def check(spec, plan):
    if spec.availability_target < HIGH_AVAILABILITY:
        return
    for name, db in hard_dependencies(spec, "rds", "aurora_serverless_v2"):
        if db.kind == "rds" and not db.multi_az:
            yield RULE.finding(("components", name, "multi_az"),
                               N_("rds '%(name)s' is Single-AZ under a %(target)s%% target (RDS Single-AZ's SLA is "
                                  "99.5%%)") % {"name": name, "target": f"{spec.availability_target:g}"}, N_("set multi_az: true"))
        elif db.kind == "aurora_serverless_v2" and db.instances < 2:
            yield RULE.finding(("components", name, "instances"),
                               N_("aurora '%(name)s' has one instance under a %(target)s%% target; a failure waits "
                                  "for a new instance") % {"name": name, "target": f"{spec.availability_target:g}"},
                               N_("set instances: 2 (a reader in another AZ)"))


RULE = Rule(
    "AVL001", "warning", "Single-AZ database under a high availability target",
    "An AZ outage or instance failure stops the database until it is replaced: minutes to hours.",
    "run a standby (multi_az) or a second Aurora instance",
    check,
)
