"""RDS accepts database ports from 1150 to 65535 only."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_

LOWEST, HIGHEST = 1150, 65535


def check(spec, plan):
    for name, db in components(spec, "rds"):
        if db.port is not None and not LOWEST <= db.port <= HIGHEST:
            yield RULE.finding(("components", name, "port"),
                               N_("rds '%(name)s' port %(port)s is outside %(lowest)s-%(highest)s") % {
                                   "name": name, "port": db.port, "lowest": LOWEST, "highest": HIGHEST},
                               N_("leave port out (5432 or 3306) or choose one in range"))


RULE = Rule(
    "PORT001", "error", "Database port RDS rejects",
    "CloudFormation accepts the template; RDS refuses the port when it creates the instance.",
    "use the engine's default port",
    check,
)
