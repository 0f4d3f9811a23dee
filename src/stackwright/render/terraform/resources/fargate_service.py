"""ECS on Fargate: the shared cluster here, and each service as an instance of the reusable service module
(`service_module`), which holds its security group, roles, log group, task definition, service, scaling
and alarms."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.render.terraform import service_module
from stackwright.render.terraform._shared import attribute, name_tags, resource
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "compute"


def render(component: str, plan: Plan, stack: Stack) -> None:
    for service in plan.of(plan.services, component):
        if not stack.has(plan.cluster.id):
            _cluster(plan, stack)
        service_module.render(plan, stack, service)


def _cluster(plan: Plan, stack: Stack) -> None:
    cluster = plan.cluster
    name = local_name(cluster.id)
    address = resource(stack, MODULE, "aws_ecs_cluster", name, {
        "name": cluster.name, "tags": name_tags(plan, cluster.id)}, element=cluster, represents=cluster.id)
    stack.resource(MODULE, "aws_ecs_cluster_capacity_providers", name, {
        "cluster_name": attribute(address, "name"), "capacity_providers": list(cluster.capacity_providers)})
    stack.output("ecs_cluster_name", "ECS cluster name", Ref(cluster.id, "name"))
