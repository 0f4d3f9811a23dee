"""S3: storage by class, PUT and GET requests."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent
from stackwright.spec.model import S3
from stackwright.translatable import N_

PUT_SHARE = 0.01  # uploads per API request
GET_SHARE = 0.10  # object reads per API request (assets not behind CloudFront)


def components(name: str, bucket: S3, ctx) -> Iterator[CostComponent]:
    moved = bucket.infrequent_access_share
    stays = bucket.storage_gb * (1 - moved)
    yield CostComponent("s3", N_("Storage (%(class)s)") % {"class": bucket.storage_class}, f"s3/{bucket.storage_class}/storage",
                        stays, usage_based=True, assumption=(
                            N_("%(gb)s GB stored, %(share)s not yet moved by the lifecycle rule") if moved
                            else N_("%(gb)s GB stored")) % {"gb": f"{bucket.storage_gb:g}", "share": f"{1 - moved:.0%}"})
    if moved:
        yield CostComponent("s3", N_("Storage (standard-ia, after lifecycle transition)"), "s3/standard-ia/storage",
                            bucket.storage_gb * moved, usage_based=True,
                            assumption=N_("%(share)s of %(gb)s GB moved to Standard-IA") % {"share": f"{moved:.0%}", "gb": f"{bucket.storage_gb:g}"})
    requests = ctx.usage.requests_per_month
    for verb, given, share in (("put", bucket.put_requests_per_month, PUT_SHARE),
                               ("get", bucket.get_requests_per_month, GET_SHARE)):
        if given is not None:
            count, why = given, f"{verb}_requests_per_month = {given:,.0f}"
        else:
            count, why = requests.value * share, N_("%(share)s of %(requests)s") % {"share": f"{share:.0%}", "requests": requests.assumption}
        yield CostComponent("s3", N_("%(verb)s requests") % {"verb": verb.upper()}, f"s3/standard/{verb}-requests", count / 1000,
                            usage_based=True, assumption=why)
