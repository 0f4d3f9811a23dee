"""One NAT for the whole VPC instead of one per AZ."""

from stackwright.optimize.rule import Proposal, Rule, components, with_component
from stackwright.translatable import N_


def propose(spec, only=None):
    for name, nat in components(spec, only):
        if nat.kind == "nat" and nat.count > 1:
            yield Proposal(
                with_component(spec, name, count=1),
                (N_("%(name)s: %(count)s → 1 NAT gateway") if nat.mode == "gateway"
                 else N_("%(name)s: %(count)s → 1 NAT instance")) % {"name": name, "count": nat.count},
                N_("Private subnets in the other AZs send egress through one AZ: an outage there cuts outbound "
                   "traffic (image pulls, external APIs) everywhere, and cross-AZ traffic bills $0.01/GB each way."),
                frozenset({name}),
            )


RULE = Rule("OPT004", "One NAT instead of one per AZ", propose, per_component=True)
