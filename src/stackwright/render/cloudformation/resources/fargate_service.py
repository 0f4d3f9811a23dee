"""ECS on Fargate: the shared cluster, then per service its roles, task definition and service with the
spec's capacity-provider strategy (scaling and alarms come from the monitoring module)."""

from __future__ import annotations

from stackwright.plan.build import PLACEHOLDER_IMAGE
from stackwright.plan import operations
from stackwright.plan.model import Join, Plan, Ref, Service
from stackwright.plan.naming import resource_name
from stackwright.render.cloudformation._shared import plan_role, role
from stackwright.render.cloudformation.resources.alb import attachments
from stackwright.render.cloudformation.template import IMAGE_CONDITION, Template, logical_id

HEALTH_CHECK_GRACE_SECONDS = 60


def render(component: str, plan: Plan, template: Template) -> None:
    for service in plan.of(plan.services, component):
        if not template.has(plan.cluster.id):
            _cluster(plan, template)
        role(template, plan_role(plan, service.execution_role))
        role(template, plan_role(plan, service.task_role))
        task = _task_definition(plan, template, service)
        _service(plan, template, service, task)


def _cluster(plan: Plan, template: Template) -> None:
    cluster = plan.cluster
    logical = template.add(logical_id(cluster.id), "AWS::ECS::Cluster", {
        "ClusterName": cluster.name, "CapacityProviders": list(cluster.capacity_providers),
    }, represents=cluster.id)
    template.output(f"{logical}Name", "ECS cluster name", {"Ref": logical})


def _image(service: Service) -> object:
    """The pushed tag from the stack's repository; until one is given, a public image no task runs."""
    if service.image.repository:
        return {"Fn::If": [IMAGE_CONDITION, Join((Ref(service.image.repository, "uri"), ":",
                                                   Ref(service.image.parameter))), PLACEHOLDER_IMAGE]}
    return Ref(service.image.parameter)


def until_image_pushed(service: Service, count: object) -> object:
    """`count` once an image tag is given, else zero (services on the stack's own repositories)."""
    return {"Fn::If": [IMAGE_CONDITION, count, 0]} if service.image.repository else count


def _task_definition(plan: Plan, template: Template, service: Service) -> str:
    spec = service.spec
    container = {
        "Name": service.id,
        "Image": _image(service),
        "Essential": True,
        **({"PortMappings": [{"ContainerPort": spec.port, "Protocol": "tcp"}]} if spec.port is not None else {}),
        "LogConfiguration": {"LogDriver": "awslogs", "Options": {
            "awslogs-group": Ref(service.log_group), "awslogs-region": {"Ref": "AWS::Region"},
            "awslogs-stream-prefix": service.id}},
    }
    if service.environment:
        container["Environment"] = [{"Name": e.name, "Value": e.value} for e in service.environment]
    if service.secrets:
        container["Secrets"] = [
            {"Name": s.name, "ValueFrom": Join((Ref(s.secret, "arn"), f":{s.key}::")) if s.key else Ref(s.secret, "arn")}
            for s in service.secrets]
    properties = {
        "Family": resource_name(plan.name, service.id, limit=255),
        "RequiresCompatibilities": ["FARGATE"],
        "NetworkMode": "awsvpc",
        "Cpu": str(int(spec.cpu * 1024)),
        "Memory": str(int(spec.memory_gb * 1024)),
        "RuntimePlatform": {"CpuArchitecture": "ARM64" if service.arch == "arm64" else "X86_64",
                            "OperatingSystemFamily": "LINUX"},
        "ExecutionRoleArn": Ref(service.execution_role, "arn"),
        "TaskRoleArn": Ref(service.task_role, "arn"),
        "ContainerDefinitions": [container],
    }
    if spec.ephemeral_storage_gb > 20:
        properties["EphemeralStorage"] = {"SizeInGiB": spec.ephemeral_storage_gb}
    return template.add(f"{logical_id(service.id)}TaskDefinition", "AWS::ECS::TaskDefinition", properties)


def _service(plan: Plan, template: Template, service: Service, task: str) -> None:
    spec = service.spec
    properties = {
        "Cluster": Ref(service.cluster),
        "TaskDefinition": {"Ref": task},
        "DesiredCount": until_image_pushed(service, spec.tasks.desired),
        "CapacityProviderStrategy": [{"CapacityProvider": cp.provider, "Base": cp.base, "Weight": cp.weight}
                                     for cp in spec.capacity_providers],
        "NetworkConfiguration": {"AwsvpcConfiguration": {
            "Subnets": [Ref(s) for s in service.subnets], "SecurityGroups": [Ref(service.security_group)],
            "AssignPublicIp": "ENABLED" if service.public_ip else "DISABLED"}},
        "DeploymentConfiguration": {"DeploymentCircuitBreaker": {"Enable": True, "Rollback": True},
                                    "MinimumHealthyPercent": 100, "MaximumPercent": 200},
        "PropagateTags": "SERVICE",
        "EnableECSManagedTags": True,
    }
    registries = operations.registries(plan, service.id)
    if registries:  # Cloud Map: each task registers its address and port, so others find it by name
        properties["ServiceRegistries"] = [{"RegistryArn": Ref(registry, "arn"), "ContainerName": service.id,
                                            "ContainerPort": spec.port} for registry in registries]
    attached = attachments(plan, service.id)
    options = {}
    if attached:
        properties["LoadBalancers"] = [{"ContainerName": service.id, "ContainerPort": spec.port,
                                        "TargetGroupArn": Ref(tg.id)} for tg, _ in attached]
        properties["HealthCheckGracePeriodSeconds"] = HEALTH_CHECK_GRACE_SECONDS
        options["DependsOn"] = sorted({attachment for _, attachment in attached})
    logical = template.add(logical_id(service.id), "AWS::ECS::Service", properties, represents=service.id, **options)
    template.output(f"{logical}ServiceName", f"ECS service name of {service.component}", Ref(service.id, "name"))
