"""s3: the plan's bucket, with the lifecycle rule that keeps objects in the spec's storage class, storing
what the spec states and taking uploads and reads in proportion to the spec's requests."""

from __future__ import annotations

from stackwright.resources.from_plan import planned
from stackwright.resources.record import UsageValue
from stackwright.resources.types.aws_s3_bucket import storage_class
from stackwright.translatable import N_

PUT_SHARE = 0.01  # uploads per API request
GET_SHARE = 0.10  # object reads per API request (assets not behind CloudFront)


def records(name, bucket, ctx):
    requests = ctx.usage.requests_per_month
    usage = {"storage_gb": UsageValue(bucket.storage_gb, N_("%(gb)s GB stored") % {"gb": f"{bucket.storage_gb:g}"})}
    if bucket.storage_class == "standard" and bucket.infrequent_access_share:
        usage["infrequent_access_share"] = UsageValue(bucket.infrequent_access_share,
                                                      f"infrequent_access_share = {bucket.infrequent_access_share:g}")
    for verb, given, share in (("put", bucket.put_requests_per_month, PUT_SHARE),
                               ("get", bucket.get_requests_per_month, GET_SHARE)):
        usage[f"{verb}_requests_per_month"] = UsageValue(given, f"{verb}_requests_per_month = {given:,.0f}") \
            if given is not None else UsageValue(requests.value * share, N_("%(share)s of %(requests)s") % {
                "share": f"{share:.0%}", "requests": requests.assumption})
    for element in ctx.plan.of(ctx.plan.buckets, name):
        yield planned(ctx, "aws_s3_bucket", element.id, storage_class(element.transitions), usage)
