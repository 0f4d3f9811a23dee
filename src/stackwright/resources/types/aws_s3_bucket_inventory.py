"""Amazon S3 Inventory configuration: objects listed."""

from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    yield used("s3", "Inventory objects listed", "s3/inventory-objects", usage, "monthly_listed_objects", per=1e6)


register("aws_s3_bucket_inventory", terraform=lambda r, ctx: {}, components=components,
         usage={"monthly_listed_objects": UsageKey(0, "objects/month")})
