"""Compute Savings Plans for Fargate and EC2: listed, but not priced until a rate source exists."""

from stackwright.optimize.rule import Proposal, Rule
from stackwright.translatable import N_


def propose(spec):
    names = sorted(n for n, c in spec.components.items() if c.kind in ("fargate_service", "ec2_asg", "ec2_instance"))
    if names:
        yield Proposal(spec, N_("Compute Savings Plan covering %(names)s") % {"names": ", ".join(names)},
                       N_("A 1- or 3-year $/hour commitment across Fargate, EC2 and Lambda."), frozenset(names),
                       unpriced=N_("no Savings Plans rates in the catalogue (the public snapshots have none); "
                                   "Reserved Instance figures (OPT008) are the closest priced proxy for EC2"))


RULE = Rule("OPT009", "Compute Savings Plans", propose)
