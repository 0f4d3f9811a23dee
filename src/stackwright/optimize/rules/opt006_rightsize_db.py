"""The smallest DB class that still holds the connections and the working set."""

from stackwright.optimize.rule import Proposal, Rule, components, with_component
from stackwright.pricing import catalogue
from stackwright.sizing import sizer
from stackwright.translatable import N_


def propose(spec, only=None):
    prices = catalogue.load(spec.region)
    for name, db in components(spec, only):
        if db.kind != "rds":
            continue
        try:
            target, why = sizer.size_db(db, spec, prices)
        except ValueError:
            continue
        if target != db.instance_class:
            yield Proposal(with_component(spec, name, instance_class=target),
                           N_("%(name)s: %(current)s → %(target)s (right-size)") % {
                               "name": name, "current": db.instance_class, "target": target},
                           N_("Sized from the spec's traffic: %(why)s. Check CPU and freeable memory in CloudWatch "
                              "before and after; burstable classes run out of CPU credits under steady load.")
                           % {"why": why},
                           frozenset({name}))


RULE = Rule("OPT006", "Right-size the database", propose, per_component=True)
