"""Keep CloudWatch logs no longer than they are read."""

from stackwright.optimize.rule import Proposal, Rule, components, with_component
from stackwright.translatable import N_

RETENTION_DAYS = {"production": 14, "staging": 7, "development": 7}


def propose(spec, only=None):
    days = RETENTION_DAYS[spec.environment]
    for name, c in components(spec, only):
        if c.kind == "cloudwatch" and c.log_retention_days > days:
            yield Proposal(with_component(spec, name, log_retention_days=days),
                           N_("%(name)s: log retention %(current)s → %(days)s days") % {
                               "name": name, "current": c.log_retention_days, "days": days},
                           N_("Older logs are gone: export them to S3 (Glacier) first if audits or incident "
                              "reviews need them."), frozenset({name}))


RULE = Rule("OPT012", "Shorter log retention", propose, per_component=True)
