"""kms_key: its customer managed keys, the requests shared among them."""

from __future__ import annotations

from stackwright.plan.operations import EncryptionKey, of_type
from stackwright.resources.from_plan import planned
from stackwright.resources.record import UsageValue
from stackwright.translatable import N_

# The plan prices a key in its first year; each of its first two yearly rotations adds a key's price.
FIRST_YEAR = UsageValue(0, N_("a key in its first year, not yet rotated; each of the first two yearly rotations "
                              "adds one key's monthly price"))
REQUESTS_PER_KEY = 10_000  # services cache data keys (S3 Bucket Keys, RDS, Secrets Manager): few calls a key


def records(name, component, ctx):
    keys = of_type(ctx.plan, EncryptionKey, name)
    for key in keys:
        if component.requests_per_month is not None:
            usage = UsageValue(component.requests_per_month / len(keys), N_(
                "requests_per_month %(requests)s ÷ %(keys)s key(s)") % {
                "requests": f"{component.requests_per_month:,.0f}", "keys": len(keys)})
        else:
            usage = UsageValue(REQUESTS_PER_KEY, N_("%(requests)s requests a key (services cache data keys)") % {
                "requests": f"{REQUESTS_PER_KEY:,}"})
        yield planned(ctx, "aws_kms_key", key.id, {"spec": "SYMMETRIC_DEFAULT", "rotation": key.spec.rotation},
                      {"monthly_requests": usage, "rotations_completed": FIRST_YEAR})
