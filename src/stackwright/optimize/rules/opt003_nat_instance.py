"""Replace managed NAT gateways with small NAT instances."""

from stackwright.optimize.rule import Proposal, Rule, components, with_component
from stackwright.translatable import N_

NAT_INSTANCE_TYPE = "t4g.nano"


def propose(spec, only=None):
    for name, nat in components(spec, only):
        if nat.kind == "nat" and nat.mode == "gateway":
            yield Proposal(
                with_component(spec, name, mode="instance", instance_type=NAT_INSTANCE_TYPE),
                N_("%(name)s: %(count)s NAT gateway(s) → %(count)s %(type)s NAT instance(s)") % {
                    "name": name, "count": nat.count, "type": NAT_INSTANCE_TYPE},
                N_("You patch, monitor and replace the instance yourself (an Auto Scaling group of one recovers it "
                   "in minutes, not seconds); a nano instance bursts to 5 Gbit/s but sustains far less, so watch "
                   "NetworkOut and CPU credits."),
                frozenset({name}),
            )


RULE = Rule("OPT003", "NAT instance instead of NAT gateway", propose, per_component=True)
