"""SSH and RDP are never open to the world; use SSM Session Manager."""

from stackwright.checks.rule import Rule
from stackwright.translatable import N_

WORLD = ("0.0.0.0/0", "::/0")
ADMIN_PORTS = {22: "SSH", 3389: "RDP"}


def check(spec, plan):
    for group in plan.security_groups:
        for rule in group.ingress:
            if rule.cidr not in WORLD:
                continue
            for port, name in ADMIN_PORTS.items():
                if rule.protocol == "-1" or rule.from_port <= port <= rule.to_port:
                    yield RULE.finding(("components", group.component) if group.component else ("components",),
                                       N_("security group '%(group)s' opens %(what)s (port %(port)s) to %(cidr)s") % {
                                           "group": group.id, "what": name, "port": port, "cidr": rule.cidr})


RULE = Rule(
    "SEC002", "error", "SSH or RDP open to the world",
    "Internet-wide scanners try every open SSH/RDP port within minutes; one weak key or password is a breach.",
    "remove the rule and connect with SSM Session Manager (the instance role already allows it)",
    check,
)
