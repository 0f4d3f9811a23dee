"""AWS Config configuration recorder: configuration items recorded."""

from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    yield used("config", "Configuration items", "config/items", usage, "monthly_config_items")


register("aws_config_configuration_recorder", cloudformation_types="AWS::Config::ConfigurationRecorder",
         components=components, terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {},
         usage={"monthly_config_items": UsageKey(0, "configuration items/month")})
