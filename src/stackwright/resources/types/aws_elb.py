"""Classic Load Balancer: by the hour, and the data it processes."""

from stackwright.resources.helpers import hourly, used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    yield hourly("elb", "Classic Load Balancer", "elb/classic-hour")
    yield used("elb", "Data processed", "elb/classic-data", usage, "monthly_data_processed_gb")


register("aws_elb", cloudformation_types="AWS::ElasticLoadBalancing::LoadBalancer", components=components,
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {},
         usage={"monthly_data_processed_gb": UsageKey(0, "GB")})
