"""ECS on Fargate: the shared cluster, then per service its roles, task definition and service with the
spec's capacity-provider strategy (scaling and alarms come from the monitoring module)."""

from __future__ import annotations

from stackwright.plan.model import Join, Plan, Ref, Service
from stackwright.plan.naming import resource_name
from stackwright.render.terraform._shared import attribute, name_tags, plan_role, resource, role
from stackwright.render.terraform.hcl import Block, Call, Expr
from stackwright.render.terraform.resources.alb import ATTACHED_ARN, attachments
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "compute"
HEALTH_CHECK_GRACE_SECONDS = 60


def render(component: str, plan: Plan, stack: Stack) -> None:
    for service in plan.of(plan.services, component):
        if not stack.has(plan.cluster.id):
            _cluster(plan, stack)
        role(stack, MODULE, plan_role(plan, service.execution_role))
        role(stack, MODULE, plan_role(plan, service.task_role))
        task = _task_definition(plan, stack, service)
        _service(plan, stack, service, task)


def _cluster(plan: Plan, stack: Stack) -> None:
    cluster = plan.cluster
    name = local_name(cluster.id)
    address = resource(stack, MODULE, "aws_ecs_cluster", name, {
        "name": cluster.name, "tags": name_tags(plan, cluster.id)}, element=cluster, represents=cluster.id)
    stack.resource(MODULE, "aws_ecs_cluster_capacity_providers", name, {
        "cluster_name": attribute(address, "name"), "capacity_providers": list(cluster.capacity_providers)})
    stack.output("ecs_cluster_name", "ECS cluster name", Ref(cluster.id, "name"))


def _image(service: Service) -> object:
    if service.image.repository:
        return Join((Ref(service.image.repository, "uri"), ":", Ref(service.image.parameter)))
    return Ref(service.image.parameter)


def _task_definition(plan: Plan, stack: Stack, service: Service) -> str:
    spec = service.spec
    container = {
        "name": service.id,
        "image": _image(service),
        "essential": True,
        "portMappings": [{"containerPort": spec.port, "protocol": "tcp"}],
        "logConfiguration": {"logDriver": "awslogs", "options": {
            "awslogs-group": Ref(service.log_group, "name"), "awslogs-region": plan.region,
            "awslogs-stream-prefix": service.id}},
    }
    if service.environment:
        container["environment"] = [{"name": e.name, "value": e.value} for e in service.environment]
    if service.secrets:
        # One JSON key of a secret is `<arn>:<key>::` (the trailing fields pick the current version).
        container["secrets"] = [
            {"name": s.name, "valueFrom": Join((Ref(s.secret, "arn"), f":{s.key}::")) if s.key
             else Ref(s.secret, "arn")}
            for s in service.secrets]
    body = {
        "family": resource_name(plan.name, service.id, limit=255),
        "requires_compatibilities": ["FARGATE"],
        "network_mode": "awsvpc",
        "cpu": str(int(spec.cpu * 1024)),
        "memory": str(int(spec.memory_gb * 1024)),
        "execution_role_arn": Ref(service.execution_role, "arn"),
        "task_role_arn": Ref(service.task_role, "arn"),
        "container_definitions": Call("jsonencode", ([container],)),
        "tags": name_tags(plan, service.id),
        "runtime_platform": Block("runtime_platform", (), {
            "cpu_architecture": "ARM64" if service.arch == "arm64" else "X86_64",
            "operating_system_family": "LINUX"}),
    }
    if spec.ephemeral_storage_gb > 20:
        body["ephemeral_storage"] = Block("ephemeral_storage", (), {"size_in_gib": spec.ephemeral_storage_gb})
    return resource(stack, MODULE, "aws_ecs_task_definition", local_name(service.id), body, element=service)


def _service(plan: Plan, stack: Stack, service: Service, task: str) -> None:
    spec = service.spec
    attached = attachments(plan, service.id)
    body = {
        "name": service.id,
        "cluster": Ref(service.cluster),
        "task_definition": attribute(task, "arn"),
        "desired_count": spec.tasks.desired,
        "deployment_minimum_healthy_percent": 100,
        "deployment_maximum_percent": 200,
        "propagate_tags": "SERVICE",
        "enable_ecs_managed_tags": True,
        "tags": name_tags(plan, service.id),
    }
    if attached:
        body["health_check_grace_period_seconds"] = HEALTH_CHECK_GRACE_SECONDS
    body |= {
        "capacity_provider_strategy": [Block("capacity_provider_strategy", (), {
            "capacity_provider": cp.provider, "base": cp.base, "weight": cp.weight}) for cp in spec.capacity_providers],
        "network_configuration": Block("network_configuration", (), {
            "subnets": [Ref(s) for s in service.subnets], "security_groups": [Ref(service.security_group)],
            "assign_public_ip": service.public_ip}),
        "deployment_circuit_breaker": Block("deployment_circuit_breaker", (), {"enable": True, "rollback": True}),
    }
    if attached:
        body["load_balancer"] = [Block("load_balancer", (), {
            "target_group_arn": Ref(tg.id, ATTACHED_ARN), "container_name": service.id,
            "container_port": spec.port}) for tg in attached]
    if any(p.workload == service.id for p in (*plan.scaling_policies, *plan.scheduled_scaling)):
        # Scaling moves the count; a plan would otherwise reset it to desired on every apply.
        body["lifecycle"] = Block("lifecycle", (), {"ignore_changes": [Expr("desired_count")]})
    resource(stack, MODULE, "aws_ecs_service", local_name(service.id), body, element=service, represents=service.id)
    stack.output(f"{local_name(service.id)}_service_name", f"ECS service name of {service.component}",
                 Ref(service.id, "name"))
