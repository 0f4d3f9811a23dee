"""Amazon Data Firehose delivery stream: data ingested."""

from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    yield used("kinesis", "Data ingested", "firehose/ingested", usage, "monthly_data_ingested_gb")


register("aws_kinesis_firehose_delivery_stream", cloudformation_types="AWS::KinesisFirehose::DeliveryStream",
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {}, components=components,
         usage={"monthly_data_ingested_gb": UsageKey(0, "GB")})
