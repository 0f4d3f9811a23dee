"""AWS Glue job: DPU-hours (workers × DPUs per worker, or max capacity; AWS's defaults: 10 DPUs for Spark,
0.0625 for Python shell)."""

from stackwright.resources.helpers import number, text, used, whole
from stackwright.resources.registry import UsageKey, register

DPU_PER_WORKER = {"standard": 1, "g.025x": 0.25, "g.1x": 1, "g.2x": 2, "g.4x": 4, "g.8x": 8, "z.2x": 2}


def read(workers, worker_type, capacity, command):
    if workers and worker_type:
        return {"dpus": workers * DPU_PER_WORKER.get(worker_type.lower(), 1)}
    if capacity:
        return {"dpus": capacity}
    return {"dpus": 0.0625 if command == "pythonshell" else 10}


def components(resource, usage):
    dpus = resource.attrs["dpus"]
    yield used("glue", f"Job run ({dpus:g} DPUs)", "glue/dpu-hour", usage, "monthly_hours", factor=dpus,
               how=f" × {dpus:g} DPUs")


register("aws_glue_job", cloudformation_types="AWS::Glue::Job", components=components,
         terraform=lambda r, ctx: read(whole(r, "number_of_workers"), text(r, "worker_type"), number(r, "max_capacity"),
                                       text(r, "command", "name")),
         cloudformation=lambda r, ctx: read(whole(r, "NumberOfWorkers"), text(r, "WorkerType"),
                                            number(r, "MaxCapacity"), text(r, "Command", "Name")),
         usage={"monthly_hours": UsageKey(0, "job hours/month")})
