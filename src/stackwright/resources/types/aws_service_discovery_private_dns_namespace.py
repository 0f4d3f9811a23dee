"""AWS Cloud Map private DNS namespace: Cloud Map keeps its records in a Route 53 private hosted zone,
billed as any hosted zone (HTTP namespaces have none and cost nothing)."""

from stackwright.resources.helpers import monthly, text
from stackwright.resources.registry import register
from stackwright.translatable import N_


def components(resource, usage):
    yield monthly("route53", N_("Hosted zone of the namespace"), "route53/hosted-zone", 1)


register("aws_service_discovery_private_dns_namespace",
         cloudformation_types="AWS::ServiceDiscovery::PrivateDnsNamespace", components=components,
         terraform=lambda r, ctx: {"name": text(r, "name")}, cloudformation=lambda r, ctx: {"name": text(r, "Name")})
