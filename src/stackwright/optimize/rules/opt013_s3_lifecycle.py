"""A lifecycle rule that moves objects older than 30 days to Standard-IA."""

from stackwright.optimize.rule import Proposal, Rule, components, with_component
from stackwright.translatable import N_

COLD_SHARE = 0.5  # share of a bucket's bytes older than 30 days and rarely read


def propose(spec, only=None):
    for name, c in components(spec, only):
        if c.kind == "s3" and c.storage_class == "standard" and c.infrequent_access_share < COLD_SHARE:
            yield Proposal(with_component(spec, name, infrequent_access_share=COLD_SHARE),
                           N_("%(name)s: move objects older than 30 days to Standard-IA (assumed %(share)s of "
                              "bytes)") % {"name": name, "share": f"{COLD_SHARE:.0%}"},
                           N_("Standard-IA bills a 30-day minimum, 128 KB minimum object size and $0.01/GB "
                              "retrieval: worth it only for objects read less than about once a month."), frozenset({name}))


RULE = Rule("OPT013", "S3 lifecycle to Standard-IA", propose, per_component=True)
