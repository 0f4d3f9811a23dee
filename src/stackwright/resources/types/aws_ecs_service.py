"""Amazon ECS service: on Fargate, vCPU-hours and GB-hours of its running tasks (and task storage above the
free 20 GB); on EC2 the container instances carry the cost.

Attributes: `launch_type` FARGATE, FARGATE_SPOT (the capacity provider its tasks run on) or EC2; `cpu` (CPU
units, 1024 = 1 vCPU) and `memory` (MiB) of one task; `desired_count`; `architecture` X86_64 or ARM64;
optional `ephemeral_storage_gib` (20 when absent).
"""

from stackwright.cost.component import CostComponent
from stackwright.importer.resources import NotPriceable
from stackwright.resources.helpers import number, text, whole
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_

FREE_EPHEMERAL_GIB = 20
PROVIDERS = {"FARGATE": ("fargate", "on_demand"), "FARGATE_SPOT": ("fargate-spot", "spot")}


def components(resource, usage):
    attrs = resource.attrs
    if attrs["launch_type"] not in PROVIDERS:
        return
    prefix, option = PROVIDERS[attrs["launch_type"]]
    arch = "arm" if attrs["architecture"] == "ARM64" else "x86"
    hours = usage["monthly_hours"]
    tasks = attrs["desired_count"]
    task_hours = tasks * float(hours.value)
    vcpu, gb = attrs["cpu"] / 1024, attrs["memory"] / 1024
    provider = attrs["launch_type"]
    where = N_("%(tasks)s task(s) on %(provider)s × %(hours)s") % {
        "tasks": tasks, "provider": provider, "hours": hours.assumption}
    names = {"provider": provider, "arch": arch}
    yield CostComponent("fargate", N_("%(provider)s vCPU (%(arch)s)") % names, f"{prefix}/{arch}/vcpu",
                        task_hours * vcpu, purchase_option=option,
                        assumption=N_("%(where)s × %(cpu)s vCPU") % {"where": where, "cpu": f"{vcpu:g}"})
    yield CostComponent("fargate", N_("%(provider)s memory (%(arch)s)") % names, f"{prefix}/{arch}/memory",
                        task_hours * gb, purchase_option=option,
                        assumption=N_("%(where)s × %(gb)s GB") % {"where": where, "gb": f"{gb:g}"})
    extra = attrs.get("ephemeral_storage_gib", FREE_EPHEMERAL_GIB) - FREE_EPHEMERAL_GIB
    if extra > 0:
        yield CostComponent("fargate", N_("Ephemeral storage above 20 GB"), "fargate/ephemeral-storage",
                            extra * task_hours, assumption=N_("%(hours)s task-hours × %(gb)s GB") % {
                                "hours": f"{task_hours:,.0f}", "gb": f"{extra:g}"})


def _terraform(r, ctx):
    """Only for a service the importer's fargate_service mapping could not read: its task definition must
    be in the code for the task size."""
    tasks = ctx.referenced(r.props.get("task_definition"), "aws_ecs_task_definition")
    if len(tasks) != 1:
        raise NotPriceable("its task definition is not in this code, so task cpu and memory are unknown")
    task = tasks[0]
    return {"launch_type": text(r, "launch_type", default="FARGATE"), "cpu": number(task, "cpu"),
            "memory": number(task, "memory"), "desired_count": whole(r, "desired_count", default=0),
            "architecture": text(task, "runtime_platform", 0, "cpu_architecture", default="X86_64")}


register("aws_ecs_service", cloudformation_types=(), components=components, terraform=_terraform,
         usage={"monthly_hours": UsageKey(730, "hours", "hours each task runs a month")})
