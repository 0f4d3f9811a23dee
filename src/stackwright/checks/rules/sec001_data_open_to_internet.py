"""No database or cache may accept connections from the whole internet."""

from stackwright.checks.rule import Rule
from stackwright.translatable import N_

WORLD = ("0.0.0.0/0", "::/0")


def check(spec, plan):
    for store in (*plan.databases, *plan.caches):
        group = plan.security_group(store.security_group)
        for rule in group.ingress:
            if rule.cidr in WORLD:
                yield RULE.finding(("components", store.component),
                                   N_("'%(name)s' accepts ports %(from)s-%(to)s from %(cidr)s") % {
                                       "name": store.component, "from": rule.from_port, "to": rule.to_port,
                                       "cidr": rule.cidr})


RULE = Rule(
    "SEC001", "error", "Database or cache reachable from the internet",
    "Anyone can try passwords (or, for caches without AUTH, read everything); data stores belong behind the "
    "workloads' security groups only.",
    "allow the port only from the workloads' security groups",
    check,
)
