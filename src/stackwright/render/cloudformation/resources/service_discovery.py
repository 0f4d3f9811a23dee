"""Cloud Map: a private DNS namespace in the VPC and a service per registered workload, answering A
records for its tasks with a short TTL and dropping unhealthy tasks as ECS reports them."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.plan.operations import DNS_TTL_SECONDS, Namespace, of_type
from stackwright.render.cloudformation._shared import name_tags
from stackwright.render.cloudformation.template import Template, logical_id


def render(component: str, plan: Plan, template: Template) -> None:
    for namespace in of_type(plan, Namespace, component):
        logical = template.add(logical_id(namespace.id), "AWS::ServiceDiscovery::PrivateDnsNamespace", {
            "Name": namespace.name, "Vpc": Ref("vpc"), "Description": f"{plan.name} {component}",
            "Tags": name_tags(plan, namespace.id)}, represents=namespace.id)
        for service in namespace.services:
            template.add(f"{logical}{logical_id(service)}", "AWS::ServiceDiscovery::Service", {
                "Name": service, "NamespaceId": {"Fn::GetAtt": [logical, "Id"]},
                "DnsConfig": {"RoutingPolicy": "MULTIVALUE", "DnsRecords": [{"Type": "A", "TTL": DNS_TTL_SECONDS},
                                                                    {"Type": "SRV", "TTL": DNS_TTL_SECONDS}]},
                "HealthCheckCustomConfig": {"FailureThreshold": 1},
                "Tags": name_tags(plan, f"{namespace.id}-{service}"),
            }, represents=f"{namespace.id}-{service}")
