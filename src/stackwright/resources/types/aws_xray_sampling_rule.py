"""AWS X-Ray sampling rule: the traces it records (a reservoir of requests each second, then a fixed share
of the rest) and the traces read back (retrieved or scanned); the rule itself is free."""

from stackwright.cost.bill import HOURS_PER_MONTH
from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import number, whole
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_

SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600


def traces_recorded(requests: float, reservoir: int, rate: float) -> float:
    """X-Ray keeps the first `reservoir` requests each second, then `rate` of the rest (averaged over a
    month: bursts above the average are sampled at `rate` only)."""
    kept = min(requests, reservoir * SECONDS_PER_MONTH)
    return kept + rate * (requests - kept)


def components(resource, usage):
    reservoir, rate = resource.attrs["reservoir"], resource.attrs["rate"]
    requests = usage["monthly_requests"]
    recorded = traces_recorded(float(requests.value), reservoir, rate)
    why = N_("%(requests)s: %(reservoir)s/s reservoir + %(rate)s of the rest") % {
        "requests": requests.assumption, "reservoir": reservoir, "rate": f"{rate:.0%}"}
    yield CostComponent("xray", N_("Traces recorded"), "xray/traces-recorded", recorded / 1e6, usage_based=True,
                        assumption=why)
    share = usage["traces_read_per_recorded"]
    yield CostComponent("xray", N_("Traces retrieved or scanned"), "xray/traces-retrieved",
                        recorded * float(share.value) / 1e6, usage_based=True,
                        assumption=N_("%(why)s; × %(share)s read back") % {"why": why, "share": share.assumption})


register("aws_xray_sampling_rule", cloudformation_types="AWS::XRay::SamplingRule", components=components,
         terraform=lambda r, ctx: {"reservoir": whole(r, "reservoir_size", default=1),
                                   "rate": number(r, "fixed_rate", default=0.05)},
         cloudformation=lambda r, ctx: {"reservoir": whole(r, "SamplingRule", "ReservoirSize", default=1),
                                        "rate": number(r, "SamplingRule", "FixedRate", default=0.05)},
         usage={"monthly_requests": UsageKey(0, "requests/month"),
                "traces_read_per_recorded": UsageKey(1, "traces read per trace recorded")})
