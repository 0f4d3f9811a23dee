"""No database or cache may accept connections from the whole internet."""

from stackwright.checks.rule import Rule

WORLD = ("0.0.0.0/0", "::/0")


def check(spec, plan):
    for store in (*plan.databases, *plan.caches):
        group = plan.security_group(store.security_group)
        for rule in group.ingress:
            if rule.cidr in WORLD:
                yield RULE.finding(("components", store.component),
                                   f"'{store.component}' accepts ports {rule.from_port}-{rule.to_port} from {rule.cidr}")


RULE = Rule(
    "SEC001", "error", "Database or cache reachable from the internet",
    "Anyone can try passwords (or, for caches without AUTH, read everything); data stores belong behind the "
    "workloads' security groups only.",
    "allow the port only from the workloads' security groups",
    check,
)
