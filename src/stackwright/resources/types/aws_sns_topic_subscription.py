"""Amazon SNS subscription: deliveries over HTTP/S and email bill; to SQS, Lambda and Firehose they are free."""

from stackwright.resources.helpers import required, text, used
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_

PRICED = {"http": ("sns/http-deliveries", 1e6), "https": ("sns/http-deliveries", 1e6),
          "email": ("sns/email-deliveries", 1e5), "email-json": ("sns/email-deliveries", 1e5)}
FREE = {"sqs", "lambda", "firehose", "application"}


def read(protocol):
    protocol = required(protocol, "the protocol").lower()
    if protocol in FREE:
        return None  # free deliveries
    return {"protocol": protocol}


def components(resource, usage):
    protocol = resource.attrs["protocol"]
    if protocol not in PRICED:
        yield used("sns", f"Deliveries ({protocol})", f"sns/{protocol}-deliveries", usage, "monthly_requests")
        return
    key, per = PRICED[protocol]
    yield used("sns", N_("Deliveries (%(protocol)s)") % {"protocol": protocol}, key, usage, "monthly_requests", per=per)


register("aws_sns_topic_subscription", cloudformation_types="AWS::SNS::Subscription", components=components,
         terraform=lambda r, ctx: read(text(r, "protocol")),
         cloudformation=lambda r, ctx: read(text(r, "Protocol")),
         usage={"monthly_requests": UsageKey(0, "deliveries/month")})
