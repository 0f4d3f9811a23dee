"""Amazon SNS topic: publish requests, each 64 KB chunk billed as one request (deliveries: subscriptions)."""

import math

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import flag, used
from stackwright.resources.registry import UsageKey, register
from stackwright.resources.types.aws_sqs_queue import chunked
from stackwright.translatable import N_


def components(resource, usage):
    chunks = max(1, math.ceil(float(usage["request_size_kb"].value) / 64))
    if resource.attrs["fifo"]:
        yield used("sns", N_("Publish requests (FIFO)"), "sns/fifo-requests", usage, "monthly_requests", per=1e6)
        return
    requests, why = chunked(usage, "monthly_requests", chunks)
    yield CostComponent("sns", N_("Publish requests"), "sns/requests", requests / 1e6, usage_based=True,
                        assumption=why)


register("aws_sns_topic", cloudformation_types="AWS::SNS::Topic", components=components,
         terraform=lambda r, ctx: {"fifo": flag(r, "fifo_topic")},
         cloudformation=lambda r, ctx: {"fifo": flag(r, "FifoTopic")},
         usage={"monthly_requests": UsageKey(0, "requests/month"), "request_size_kb": UsageKey(64, "KB")})
