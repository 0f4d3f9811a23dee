"""Aurora Serverless v2 capacity moves in 0.5 ACU steps, from 0 (auto-pause) or 0.5 up to 256, max at least 1."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_

ACU_STEP = 0.5
MIN_MAX_ACU = 1


def check(spec, plan):
    for name, db in components(spec, "aurora_serverless_v2"):
        for field in ("min_acu", "max_acu"):
            value = getattr(db, field)
            below = int(value / ACU_STEP) * ACU_STEP
            if value != below:
                yield RULE.finding(("components", name, field),
                                   N_("%(field)s %(value)s is not a multiple of %(step)s") % {
                                       "field": field, "value": f"{value:g}", "step": ACU_STEP},
                                   N_("use %(below)s or %(above)s") % {"below": f"{below:g}",
                                                                       "above": f"{below + ACU_STEP:g}"})
        if db.max_acu < MIN_MAX_ACU:
            yield RULE.finding(("components", name, "max_acu"),
                               N_("max_acu %(value)s is below %(minimum)s") % {"value": f"{db.max_acu:g}",
                                                                                "minimum": MIN_MAX_ACU},
                               N_("set max_acu: %(minimum)s or more") % {"minimum": MIN_MAX_ACU})


RULE = Rule(
    "CAP003", "error", "Aurora capacity AWS does not accept",
    "Aurora rejects ACU values off the 0.5 grid and a max below 1; the stack would fail at the database.",
    "use multiples of 0.5 ACU, max_acu 1 or more",
    check,
)
