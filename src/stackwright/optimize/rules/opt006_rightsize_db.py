"""The smallest DB class that still holds the connections and the working set."""

from stackwright.optimize.rule import Proposal, Rule, with_component
from stackwright.pricing import catalogue
from stackwright.sizing import sizer


def propose(spec):
    prices = catalogue.load(spec.region)
    for name, db in spec.components.items():
        if db.kind != "rds":
            continue
        try:
            target, why = sizer.size_db(db, spec, prices)
        except ValueError:
            continue
        if target != db.instance_class:
            yield Proposal(with_component(spec, name, instance_class=target),
                           f"{name}: {db.instance_class} → {target} (right-size)",
                           f"Sized from the spec's traffic: {why}. Check CPU and freeable memory in CloudWatch "
                           f"before and after; burstable classes run out of CPU credits under steady load.",
                           frozenset({name}))


RULE = Rule("OPT006", "Right-size the database", propose)
