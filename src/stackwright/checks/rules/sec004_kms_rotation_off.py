"""A customer managed key that never rotates keeps encrypting with the same material for years: a leaked or
misused key stays valid, and most security baselines (CIS, AWS Foundational) require yearly rotation."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_


def check(spec, plan):
    for name, key in components(spec, "kms_key"):
        if not key.rotation:
            yield RULE.finding(("components", name, "rotation"),
                               N_("'%(name)s' has %(keys)s customer managed key(s) with rotation off: the same key "
                                  "material encrypts for as long as the key lives") % {"name": name, "keys": key.keys},
                               N_("set rotation: true (yearly; the first two rotations add $1 a month each, later "
                                  "ones nothing; old data stays readable)"))


RULE = Rule(
    "SEC004", "warning", "KMS key rotation off",
    "Automatic rotation replaces a customer managed key's material every year and keeps older data decryptable "
    "(the first two rotations each add $1 a month); without it a key's material is never renewed.",
    "set rotation: true",
    check,
)
