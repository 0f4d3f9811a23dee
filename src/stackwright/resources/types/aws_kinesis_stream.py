"""Amazon Kinesis Data Streams: provisioned shards and PUT payload units, or on-demand stream-hours and data in."""

from stackwright.resources.helpers import hourly, text, used, whole
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    a = resource.attrs
    if a["mode"] == "ON_DEMAND":
        yield hourly("kinesis", "On-demand stream", "kinesis/on-demand-stream-hour")
        yield used("kinesis", "On-demand data in", "kinesis/on-demand-data-in", usage, "monthly_on_demand_data_in_gb")
        return
    yield hourly("kinesis", "Shards", "kinesis/shard-hour", a["shards"], f"{a['shards']} shard(s) × 730 h")
    yield used("kinesis", "PUT payload units", "kinesis/put-payload-units", usage, "monthly_put_payload_units",
               per=1e6)


def read(mode, shards):
    mode = (mode or "PROVISIONED").upper()
    return {"mode": mode, "shards": shards if shards is not None else (0 if mode == "ON_DEMAND" else 1)}


register("aws_kinesis_stream", cloudformation_types="AWS::Kinesis::Stream", components=components,
         terraform=lambda r, ctx: read(text(r, "stream_mode_details", "stream_mode"), whole(r, "shard_count")),
         cloudformation=lambda r, ctx: read(text(r, "StreamModeDetails", "StreamMode"), whole(r, "ShardCount")),
         usage={"monthly_on_demand_data_in_gb": UsageKey(0, "GB"),
                "monthly_put_payload_units": UsageKey(0, "25 KB PUT payload units/month")})
