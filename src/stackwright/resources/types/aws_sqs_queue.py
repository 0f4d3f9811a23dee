"""Amazon SQS queue: requests, each 64 KB chunk of a payload billed as one request; FIFO costs more."""

import math

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import flag
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_

NAMES = {"standard": N_("Requests (standard)"), "fifo": N_("Requests (FIFO)")}


def chunked(usage, key: str, chunks: int) -> tuple[float, str]:
    """(requests, assumption) of a usage value whose payloads count one request per 64 KB chunk."""
    value = usage[key]
    return float(value.value) * chunks, N_("%(requests)s × %(chunks)s 64 KB chunk(s) per request") % {
        "requests": value.assumption, "chunks": chunks}


def components(resource, usage):
    kind = "fifo" if resource.attrs["fifo"] else "standard"
    chunks = max(1, math.ceil(float(usage["request_size_kb"].value) / 64))
    requests, why = chunked(usage, "monthly_requests", chunks)
    yield CostComponent("sqs", NAMES[kind], f"sqs/{kind}-requests", requests / 1e6, usage_based=True, assumption=why)


register("aws_sqs_queue", cloudformation_types="AWS::SQS::Queue", components=components,
         terraform=lambda r, ctx: {"fifo": flag(r, "fifo_queue")},
         cloudformation=lambda r, ctx: {"fifo": flag(r, "FifoQueue")},
         usage={"monthly_requests": UsageKey(0, "requests/month"), "request_size_kb": UsageKey(64, "KB")})
