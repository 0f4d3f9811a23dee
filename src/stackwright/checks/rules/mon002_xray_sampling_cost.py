"""Tracing more than X-Ray's default share adds little insight at volume but bills every extra trace recorded
($5.00 per million in us-east-1) and read back."""

from stackwright.checks.rule import Rule, components
from stackwright.cost.usage import Usage
from stackwright.resources.types.aws_xray_sampling_rule import traces_recorded
from stackwright.spec.model import Xray
from stackwright.translatable import N_

DEFAULT_RATE = Xray.model_fields["sampling_rate"].default  # X-Ray's default rule: 5% beyond the reservoir
# Extra traces a month worth flagging: about $10 recorded at us-east-1's $5.00 per million.
EXTRA_TRACES_FLAGGED = 2_000_000


def check(spec, plan):
    requests = Usage(spec.traffic).requests_per_month.value
    for name, xray in components(spec, "xray"):
        if xray.sampling_rate <= DEFAULT_RATE:
            continue
        traced = requests * xray.share_of_traffic
        recorded = traces_recorded(traced, xray.reservoir_per_second, xray.sampling_rate)
        at_default = traces_recorded(traced, xray.reservoir_per_second, DEFAULT_RATE)
        if recorded - at_default >= EXTRA_TRACES_FLAGGED:
            yield RULE.finding(("components", name, "sampling_rate"),
                               N_("'%(name)s' samples %(rate)s of requests: %(recorded)s traces a month, %(extra)s "
                                  "more than X-Ray's default %(default)s") % {
                                   "name": name, "rate": f"{xray.sampling_rate:.0%}", "recorded": f"{recorded:,.0f}",
                                   "extra": f"{recorded - at_default:,.0f}", "default": f"{DEFAULT_RATE:.0%}"},
                               N_("set sampling_rate: %(default)s (the reservoir still traces every second's first "
                                  "requests)") % {"default": f"{DEFAULT_RATE:g}"})


RULE = Rule(
    "MON002", "info", "X-Ray sampling above the default at volume",
    "X-Ray bills each trace recorded and each one read back; past the reservoir a few percent of requests already "
    "show the service map and latencies, so a higher rate mostly adds cost.",
    "keep sampling_rate at 0.05 unless an investigation needs more",
    check,
)
