"""CloudFront only where it pays: serve data out through it when its rate beats direct transfer, drop it
when it does not."""

from stackwright.cost.usage import Usage
from stackwright.optimize.rule import Proposal, Rule
from stackwright.spec.model import CloudFront
from stackwright.translatable import N_

NAME = "cdn"


def propose(spec, only=None):
    existing = [n for n, c in spec.components.items() if c.kind == "cloudfront"]
    if only is not None and only not in (existing or [NAME]):
        return  # the components it removes, or the one it adds
    components = dict(spec.components)
    if existing:
        # what CloudFront served now leaves the origin directly
        default_out = Usage(spec.traffic).data_out_gb.value
        served = sum(default_out if components[n].data_out_gb_month is None else components[n].data_out_gb_month
                     for n in existing)
        for name in existing:
            del components[name]
        traffic = spec.traffic.model_copy(update={"data_out_gb_month": served})
        yield Proposal(spec.model_copy(update={"components": components, "traffic": traffic}),
                       N_("remove CloudFront (%(names)s); serve directly") % {"names": ", ".join(existing)},
                       N_("Loses edge caching and TLS termination near users: latency rises for distant viewers and "
                          "origin load rises by the cache-hit share."), frozenset(existing))
    elif NAME not in components:
        components[NAME] = CloudFront(kind="cloudfront")
        yield Proposal(spec.model_copy(update={"components": components}),
                       N_("put CloudFront in front of the origin for data out"),
                       N_("Cache behaviour must be set per path (APIs usually not cached); "
                          "origin requests still pass through."), frozenset({NAME}))


RULE = Rule("OPT016", "CloudFront where it pays", propose, per_component=True)
