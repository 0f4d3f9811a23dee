"""One multi-Region trail already logs every Region's management events for free; more trails pay for copies."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_


def check(spec, plan):
    for name, trail in components(spec, "cloudtrail"):
        if trail.trails > 1:
            yield RULE.finding(("components", name, "trails"),
                               N_("'%(name)s' has %(trails)s trails: the first copy of management events is free, "
                                  "each further trail bills its copy ($2.00 per 100,000 events)") % {
                                   "name": name, "trails": trail.trails},
                               N_("keep one multi-Region trail unless a second copy goes to another account or "
                                  "team"))


RULE = Rule(
    "OPS001", "info", "Extra CloudTrail trails",
    "The plan's trails are multi-Region, so one already records every Region's management events, and that "
    "copy is free. Each further trail records them again at a price.",
    "set trails: 1",
    check,
)
