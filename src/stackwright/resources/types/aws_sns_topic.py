"""Amazon SNS topic: publish requests, each 64 KB chunk billed as one request (deliveries: subscriptions)."""

import math

from stackwright.resources.helpers import flag, used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    chunks = max(1, math.ceil(float(usage["request_size_kb"].value) / 64))
    if resource.attrs["fifo"]:
        yield used("sns", "Publish requests (FIFO)", "sns/fifo-requests", usage, "monthly_requests", per=1e6)
        return
    yield used("sns", "Publish requests", "sns/requests", usage, "monthly_requests", per=1e6, factor=chunks,
               how=f" × {chunks} 64 KB chunk(s) per request")


register("aws_sns_topic", cloudformation_types="AWS::SNS::Topic", components=components,
         terraform=lambda r, ctx: {"fifo": flag(r, "fifo_topic")},
         cloudformation=lambda r, ctx: {"fifo": flag(r, "FifoTopic")},
         usage={"monthly_requests": UsageKey(0, "requests/month"), "request_size_kb": UsageKey(64, "KB")})
