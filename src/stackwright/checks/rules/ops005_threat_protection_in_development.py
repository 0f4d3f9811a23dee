"""Cognito's threat protection (the Plus feature plan) bills every monthly active user, where Essentials lets the
first 10,000 in free: a development pool of test users pays for protection nobody attacks."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_


def check(spec, plan):
    if spec.environment != "development":
        return
    for name, pool in components(spec, "cognito_user_pool"):
        if pool.advanced_security:
            yield RULE.finding(("components", name, "advanced_security"),
                               N_("development user pool '%(name)s' runs threat protection (Plus plan): every test "
                                  "user is billed, where Essentials lets the first 10,000 in free") % {"name": name},
                               N_("set advanced_security: false in development (keep it in production)"))


RULE = Rule(
    "OPS005", "info", "Threat protection in a development user pool",
    "The Plus feature plan bills each monthly active user; development pools hold test users that adaptive "
    "authentication and compromised-credential checks do not protect anything for.",
    "set advanced_security: false outside production",
    check,
)
