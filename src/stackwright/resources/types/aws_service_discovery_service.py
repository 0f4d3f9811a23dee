"""AWS Cloud Map service: the instances registered in it (ECS tasks register themselves) and the
discovery API calls made to find them; DNS queries bill at Route 53 prices."""

from stackwright.resources.helpers import used
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_


def components(resource, usage):
    yield used("servicediscovery", N_("Registered instances"), "servicediscovery/registered-resource", usage,
               "registered_instances")
    yield used("servicediscovery", N_("Discovery API calls"), "servicediscovery/discovery-api-calls", usage,
               "monthly_discovery_api_calls", per=1e6)
    yield used("route53", N_("DNS queries"), "route53/standard-queries", usage, "monthly_dns_queries", per=1e6)


register("aws_service_discovery_service", cloudformation_types="AWS::ServiceDiscovery::Service",
         components=components, terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {}, usage={
             "registered_instances": UsageKey(0, "instances"),
             "monthly_discovery_api_calls": UsageKey(0, "calls/month"),
             "monthly_dns_queries": UsageKey(0, "queries/month")})
