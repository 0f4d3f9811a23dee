"""Amazon S3 Storage Class Analysis configuration: objects monitored."""

from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    yield used("s3", "Storage class analysis objects monitored", "s3/analytics-objects", usage,
               "monthly_monitored_objects", per=1e6)


register("aws_s3_bucket_analytics_configuration", terraform=lambda r, ctx: {}, components=components,
         usage={"monthly_monitored_objects": UsageKey(0, "objects/month")})
