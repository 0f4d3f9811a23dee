"""Single-AZ databases: no standby instance."""

from stackwright.optimize.rule import Proposal, Rule, with_component

RISK = ("No standby: an instance or AZ failure means a restore or a replacement (tens of minutes, losing writes "
        "since the last backup); the RDS Single-AZ SLA is 99.5% against 99.95% for Multi-AZ.")


def propose(spec):
    for name, c in spec.components.items():
        if c.kind == "rds" and c.multi_az:
            yield Proposal(with_component(spec, name, multi_az=False), f"{name}: Multi-AZ → Single-AZ", RISK,
                           frozenset({name}))
        elif c.kind == "aurora_serverless_v2" and c.instances > 1:
            yield Proposal(with_component(spec, name, instances=1), f"{name}: {c.instances} → 1 Aurora instance",
                           "No reader to fail over to: the Aurora SLA falls from 99.99% to 99.9%.", frozenset({name}))


RULE = Rule("OPT005", "Single-AZ database", propose)
