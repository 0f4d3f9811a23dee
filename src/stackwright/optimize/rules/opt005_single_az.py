"""Single-AZ databases: no standby instance."""

from stackwright.optimize.rule import Proposal, Rule, components, with_component
from stackwright.translatable import N_

RISK = N_("No standby: an instance or AZ failure means a restore or a replacement (tens of minutes, losing "
          "writes since the last backup); the RDS Single-AZ SLA is %(single)s against %(multi)s for Multi-AZ.") % {
    "single": "99.5%", "multi": "99.95%"}


def propose(spec, only=None):
    for name, c in components(spec, only):
        if c.kind == "rds" and c.multi_az:
            yield Proposal(with_component(spec, name, multi_az=False), N_("%(name)s: Multi-AZ → Single-AZ") % {"name": name}, RISK,
                           frozenset({name}))
        elif c.kind == "aurora_serverless_v2" and c.instances > 1:
            yield Proposal(with_component(spec, name, instances=1), N_("%(name)s: %(instances)s → 1 Aurora instance") % {"name": name, "instances": c.instances},
                           N_("No reader to fail over to: the Aurora SLA falls from 99.99% to 99.9%."), frozenset({name}))


RULE = Rule("OPT005", "Single-AZ database", propose, per_component=True)
