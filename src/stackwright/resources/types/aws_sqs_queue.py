"""Amazon SQS queue: requests, each 64 KB chunk of a payload billed as one request; FIFO costs more."""

import math

from stackwright.resources.helpers import flag, used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    kind = "fifo" if resource.attrs["fifo"] else "standard"
    chunks = max(1, math.ceil(float(usage["request_size_kb"].value) / 64))
    yield used("sqs", f"Requests ({kind})", f"sqs/{kind}-requests", usage, "monthly_requests", per=1e6,
               factor=chunks, how=f" × {chunks} 64 KB chunk(s) per request")


register("aws_sqs_queue", cloudformation_types="AWS::SQS::Queue", components=components,
         terraform=lambda r, ctx: {"fifo": flag(r, "fifo_queue")},
         cloudformation=lambda r, ctx: {"fifo": flag(r, "FifoQueue")},
         usage={"monthly_requests": UsageKey(0, "requests/month"), "request_size_kb": UsageKey(64, "KB")})
