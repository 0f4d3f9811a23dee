"""Advanced Parameter Store parameters bill $0.05 each a month and every read $0.05 per 10,000; standard ones
are free. Advanced is needed only for values over 4 KB or parameter policies (expiry, notifications)."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_

STANDARD_LIMIT = 10_000  # standard parameters per account and Region


def check(spec, plan):
    for name, params in components(spec, "ssm_parameters"):
        if params.advanced and params.standard + params.advanced <= STANDARD_LIMIT:
            yield RULE.finding(("components", name, "advanced"),
                               N_("'%(name)s' has %(advanced)s advanced parameter(s): each is billed monthly and on "
                                  "every read, and %(room)s more standard ones would be free") % {
                                   "name": name, "advanced": params.advanced,
                                   "room": f"{STANDARD_LIMIT - params.standard:,}"},
                               N_("keep advanced only for values over 4 KB or with parameter policies; move the rest "
                                  "to standard"))


RULE = Rule(
    "OPS006", "info", "Advanced parameters where standard ones fit",
    "Advanced parameters cost a monthly fee and a per-read charge; below the 10,000 standard parameters a Region "
    "holds, only values over 4 KB or parameter policies need them.",
    "use the standard tier for values up to 4 KB",
    check,
)
