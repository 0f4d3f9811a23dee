"""A Network Load Balancer with a subnet in one AZ has one node: when that AZ fails, its address stops
answering, whatever the targets behind it do."""

from stackwright.checks.rule import HIGH_AVAILABILITY, Rule, hard_dependencies
from stackwright.translatable import N_


def check(spec, plan):
    if spec.availability_target < HIGH_AVAILABILITY:
        return
    for name, nlb in hard_dependencies(spec, "nlb"):
        if nlb.azs < 2:
            yield RULE.finding(("components", name, "azs"),
                               N_("nlb '%(name)s' is in one AZ under a %(target)s%% target") % {
                                   "name": name, "target": f"{spec.availability_target:g}"},
                               N_("set azs: 2 (a node, and an address, in each AZ)"))


RULE = Rule(
    "AVL006", "warning", "Network Load Balancer in one AZ under a high availability target",
    "An NLB has a node only in the AZs it has subnets in; with one, an AZ outage takes the entry point down.",
    "give the NLB subnets in two AZs",
    check,
)
