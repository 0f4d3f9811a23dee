"""GuardDuty without S3 protection watches the account's API calls and network but not who reads the buckets:
data exfiltration from S3 (the usual target of leaked credentials) goes unseen."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_


def check(spec, plan):
    buckets = [name for name, _ in components(spec, "s3")]
    if not buckets:
        return
    for name, detector in components(spec, "guardduty"):
        if not detector.s3_protection:
            yield RULE.finding(("components", name, "s3_protection"),
                               N_("'%(name)s' does not analyse S3 data events, so reads and deletes in %(buckets)s "
                                  "are not checked for misuse") % {"name": name, "buckets": ", ".join(buckets)},
                               N_("set s3_protection: true (GuardDuty's default for a new detector; billed per "
                                  "million S3 events analysed)"))


RULE = Rule(
    "SEC005", "info", "GuardDuty without S3 protection beside buckets",
    "S3 protection lets GuardDuty flag unusual object reads and deletes (exfiltration with stolen credentials); "
    "without it, the spec's buckets are outside threat detection.",
    "set s3_protection: true",
    check,
)
