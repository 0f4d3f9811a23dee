"""API Gateway stops waiting for an integration after 29 s (REST) or 30 s (HTTP): a function behind it that
may run longer keeps running, and billing, after the caller has had its 504."""

from stackwright.checks.rule import Rule, components
from stackwright.translatable import N_

# API Gateway's integration timeouts (quotas page: REST 29 s by default, HTTP APIs 30 s at most).
INTEGRATION_TIMEOUT_SECONDS = {"rest": 29, "http": 30}


def check(spec, plan):
    functions = dict(components(spec, "lambda_function"))
    for name, api in components(spec, "api_gateway"):
        fn = functions.get(api.integration)
        limit = INTEGRATION_TIMEOUT_SECONDS.get(api.type)
        if fn is None or limit is None or fn.timeout_seconds <= limit:
            continue
        yield RULE.finding(("components", api.integration, "timeout_seconds"),
                           N_("%(function)s may run %(timeout)s s, but API Gateway %(api)s answers its caller with "
                              "504 after %(limit)s s; the function runs on, billed, for nobody") % {
                               "function": api.integration, "timeout": fn.timeout_seconds, "api": name,
                               "limit": limit},
                           N_("set timeout_seconds: %(limit)s or less (move longer work to a queue)") % {"limit": limit})


RULE = Rule(
    "SRV001", "warning", "Lambda timeout longer than its API's",
    "API Gateway waits at most 29 s (REST) or 30 s (HTTP) for a Lambda integration; a longer function timeout only "
    "bills work whose answer nobody receives.",
    "keep timeout_seconds within the API's limit",
    check,
)
