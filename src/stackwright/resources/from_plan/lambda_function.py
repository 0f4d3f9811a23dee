"""A lambda_function: the function (requests and GB-seconds) and its provisioned concurrency, if any."""

from __future__ import annotations

from stackwright.resources.from_plan import Planned, address, planned
from stackwright.resources.from_plan._serverless import requests
from stackwright.translatable import N_
from stackwright.resources.record import Resource, UsageValue
from stackwright.plan.naming import slug


def attributes(fn) -> dict:
    """As the aws_lambda_function module reads them from the generated code."""
    return {"memory_mb": float(fn.memory_mb), "arch": "arm" if fn.architecture == "arm64" else "x86",
            "ephemeral_mb": float(fn.ephemeral_storage_mb)}


def records(name: str, fn, ctx):
    fid = slug(name)
    attrs = attributes(fn)
    yield planned(ctx, "aws_lambda_function", fid, attrs, {
        "monthly_requests": requests(ctx, fn.requests_per_month, "requests_per_month", fn.traffic_share),
        "request_duration_ms": UsageValue(fn.average_duration_ms, N_("%(ms)s ms average duration") % {"ms": f"{fn.average_duration_ms:g}"}),
    })
    if fn.provisioned_concurrency:
        yield Planned(Resource(
            "aws_lambda_provisioned_concurrency_config", address(ctx, fid, "aws_lambda_provisioned_concurrency_config"),
            ctx.spec.region, {"concurrency": fn.provisioned_concurrency, "memory_mb": attrs["memory_mb"],
                              "arch": attrs["arch"]}))
