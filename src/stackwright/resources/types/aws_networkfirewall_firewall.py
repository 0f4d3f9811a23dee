"""AWS Network Firewall: an endpoint per subnet mapping by the hour, and the data it processes."""

from stackwright.importer.resources import items
from stackwright.resources.helpers import hourly, used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    endpoints = resource.attrs["endpoints"]
    yield hourly("network_firewall", "Firewall endpoints", "networkfirewall/endpoint-hour", endpoints,
                 f"{endpoints} endpoint(s) × 730 h")
    yield used("network_firewall", "Data processed", "networkfirewall/data", usage, "monthly_data_processed_gb")


register("aws_networkfirewall_firewall", cloudformation_types="AWS::NetworkFirewall::Firewall", components=components,
         terraform=lambda r, ctx: {"endpoints": max(1, len(items(r.props.get("subnet_mapping"), "subnet_mapping")))},
         cloudformation=lambda r, ctx: {"endpoints": max(1, len(items(r.props.get("SubnetMappings"),
                                                                      "SubnetMappings")))},
         usage={"monthly_data_processed_gb": UsageKey(0, "GB")})
