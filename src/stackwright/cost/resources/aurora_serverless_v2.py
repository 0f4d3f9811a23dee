"""Aurora Serverless v2: ACU-hours per instance at an average-ACU assumption, storage, I/O."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent, hourly
from stackwright.spec.model import AuroraServerlessV2
from stackwright.translatable import N_

RPS_PER_ACU = 25  # default load model: one ACU above the floor per 25 average requests/s
IO_PER_REQUEST = 2  # Aurora Standard I/O requests per API request (reads missing the buffer cache + writes)


def components(name: str, db: AuroraServerlessV2, ctx) -> Iterator[CostComponent]:
    if db.average_acu is not None:
        acu, why = db.average_acu, f"average_acu = {db.average_acu:g}"
    else:
        rps = ctx.usage.avg_rps
        acu = min(db.max_acu, db.min_acu + rps / RPS_PER_ACU)
        why = N_("min %(min)s ACU + %(rps)s avg req/s ÷ %(per_acu)s req/s per ACU (max %(max)s)") % {
            "min": f"{db.min_acu:g}", "rps": f"{rps:.2f}", "per_acu": RPS_PER_ACU, "max": f"{db.max_acu:g}"}
    key = "aurora/serverless-v2-io-optimized" if db.io_optimized else "aurora/serverless-v2"
    yield hourly("aurora", N_("Serverless v2 capacity (%(instances)s instance(s))") % {"instances": db.instances}, key, acu * db.instances,
                 usage_based=True, assumption=N_("%(why)s × %(instances)s instance(s) × 730 h") % {"why": why, "instances": db.instances})
    yield CostComponent("aurora", N_("Storage"), "aurora/storage", db.storage_gb, assumption=f"{db.storage_gb:g} GB")
    if db.io_optimized:
        return
    if db.io_million_per_month is not None:
        io, why = db.io_million_per_month, f"io_million_per_month = {db.io_million_per_month:g}"
    else:
        requests = ctx.usage.requests_per_month
        io = requests.value * IO_PER_REQUEST / 1e6
        why = N_("%(requests)s × %(io)s I/O per request") % {"requests": requests.assumption, "io": IO_PER_REQUEST}
    yield CostComponent("aurora", N_("I/O requests"), "aurora/io-requests", io, usage_based=True, assumption=why)
