"""Keep CloudWatch logs no longer than they are read."""

from stackwright.optimize.rule import Proposal, Rule, with_component

RETENTION_DAYS = {"production": 14, "staging": 7, "development": 7}


def propose(spec):
    days = RETENTION_DAYS[spec.environment]
    for name, c in spec.components.items():
        if c.kind == "cloudwatch" and c.log_retention_days > days:
            yield Proposal(with_component(spec, name, log_retention_days=days),
                           f"{name}: log retention {c.log_retention_days} → {days} days",
                           "Older logs are gone: export them to S3 (Glacier) first if audits or incident "
                           "reviews need them.", frozenset({name}))


RULE = Rule("OPT012", "Shorter log retention", propose)
