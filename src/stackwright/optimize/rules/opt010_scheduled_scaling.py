"""Scale services in at night (scheduled scaling) instead of running the daytime count around the clock."""

from stackwright.optimize.rule import Proposal, Rule, components, with_component
from stackwright.spec.model import ScaleIn
from stackwright.translatable import N_

NIGHT_HOURS_PER_WEEK = 7 * 7  # 00:00–07:00 local time, every day


def propose(spec, only=None):
    for name, c in components(spec, only):
        counts = c.tasks if c.kind == "fargate_service" else c.instances if c.kind == "ec2_asg" else None
        if counts is None or c.scale_in is not None or counts.desired <= counts.min:
            continue
        yield Proposal(
            with_component(spec, name, scale_in=ScaleIn(off_hours_per_week=NIGHT_HOURS_PER_WEEK, count=counts.min)),
            N_("%(name)s: %(desired)s → %(min)s from 00:00 to 07:00 (scheduled scaling)") % {
                "name": name, "desired": counts.desired, "min": counts.min},
            N_("A night-time spike waits for target tracking to scale out again (a minute or two for Fargate, "
               "several for EC2); set the schedule in the users' time zone."),
            frozenset({name}),
        )


RULE = Rule("OPT010", "Scheduled scaling at night", propose, per_component=True)
