"""Amazon SNS topic: publish requests, each 64 KB chunk billed as one request; FIFO topics also bill the published
payload per GB (deliveries: subscriptions)."""

import math

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import flag
from stackwright.resources.registry import UsageKey, register
from stackwright.resources.types.aws_sqs_queue import chunked
from stackwright.translatable import N_

KB_PER_GB = 1024 * 1024


def components(resource, usage):
    chunks = max(1, math.ceil(float(usage["request_size_kb"].value) / 64))
    requests, why = chunked(usage, "monthly_requests", chunks)
    if not resource.attrs["fifo"]:
        yield CostComponent("sns", N_("Publish requests"), "sns/requests", requests / 1e6, usage_based=True,
                            assumption=why)
        return
    yield CostComponent("sns", N_("Publish requests (FIFO)"), "sns/fifo-requests", requests / 1e6, usage_based=True,
                        assumption=why)
    size = usage["request_size_kb"]
    payload = float(usage["monthly_requests"].value) * float(size.value) / KB_PER_GB
    yield CostComponent("sns", N_("Published payload (FIFO)"), "sns/fifo-payload", payload, usage_based=True,
                        assumption=N_("%(requests)s × %(size)s") % {
                            "requests": usage["monthly_requests"].assumption, "size": size.assumption})


register("aws_sns_topic", cloudformation_types="AWS::SNS::Topic", components=components,
         terraform=lambda r, ctx: {"fifo": flag(r, "fifo_topic")},
         cloudformation=lambda r, ctx: {"fifo": flag(r, "FifoTopic")},
         usage={"monthly_requests": UsageKey(0, "requests/month"), "request_size_kb": UsageKey(64, "KB")})
