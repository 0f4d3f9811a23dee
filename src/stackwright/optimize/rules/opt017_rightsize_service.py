"""Smaller Fargate tasks (of a service or a queue worker), more of them at peak: the same peak capacity for less
at normal load."""

import math

from stackwright.optimize.rule import Proposal, Rule, components, with_component
from stackwright.sizing import sizer, worker
from stackwright.spec.model import FARGATE_CPU_MEMORY_GB, TaskCounts
from stackwright.translatable import N_

MAX_TASKS = 100  # beyond this, one bigger task is simpler to run than many small ones


def propose(spec, only=None):
    sizes = sorted(FARGATE_CPU_MEMORY_GB)
    shares = sizer.traffic_shares(spec)
    peak, _ = sizer.peak_rps(spec)
    for name, svc in components(spec, only):
        if svc.kind not in ("fargate_service", "worker") or svc.cpu == sizes[0]:
            continue
        cpu = sizes[sizes.index(svc.cpu) - 1]
        ratio = svc.memory_gb / svc.cpu
        memory = min((m for m in FARGATE_CPU_MEMORY_GB[cpu] if m >= ratio * cpu), default=FARGATE_CPU_MEMORY_GB[cpu][-1])
        smaller = svc.model_copy(update={"cpu": cpu, "memory_gb": memory})
        if svc.kind == "worker":
            yield from _smaller_worker(name, svc, smaller, spec)
            continue
        per_task, _ = sizer.unit_capacity(smaller, spec)
        peak_tasks = math.ceil(peak * shares[name] / per_task) + 1
        if peak_tasks > MAX_TASKS:
            continue
        counts = TaskCounts(min=svc.tasks.min, desired=svc.tasks.desired, max=max(svc.tasks.max, peak_tasks))
        yield Proposal(
            with_component(spec, name, cpu=cpu, memory_gb=memory, tasks=counts),
            N_("%(name)s: tasks %(cpu)s vCPU/%(memory)s GB → %(new_cpu)s vCPU/%(new_memory)s GB, max %(max)s → "
               "%(new_max)s to keep peak capacity") % {
                "name": name, "cpu": f"{svc.cpu:g}", "memory": f"{svc.memory_gb:g}", "new_cpu": f"{cpu:g}",
                "new_memory": f"{memory:g}", "max": svc.tasks.max, "new_max": counts.max},
            N_("Each task has half the CPU and %(memory)s GB of memory: check the service's memory high-water mark "
               "first. More tasks at peak hold more DB connections (pool × max tasks).") % {"memory": f"{memory:g}"},
            frozenset({name}),
        )


def _smaller_worker(name, svc, smaller, spec):
    """A queue worker's peak capacity is its tasks' vCPU: its peak from the queue when the spec says what a
    message costs, else the same vCPU at max as now (each message takes longer on a smaller task)."""
    if worker.can_size(smaller, spec):
        peak_tasks = worker.counts(name, smaller, spec)[0].max
    else:
        peak_tasks = math.ceil(svc.tasks.max * svc.cpu / smaller.cpu)
    if peak_tasks > MAX_TASKS:
        return
    counts = TaskCounts(min=svc.tasks.min, desired=svc.tasks.desired, max=max(svc.tasks.max, peak_tasks))
    yield Proposal(
        with_component(spec, name, cpu=smaller.cpu, memory_gb=smaller.memory_gb, tasks=counts),
        N_("%(name)s: tasks %(cpu)s vCPU/%(memory)s GB → %(new_cpu)s vCPU/%(new_memory)s GB, max %(max)s → "
           "%(new_max)s to keep peak capacity") % {
            "name": name, "cpu": f"{svc.cpu:g}", "memory": f"{svc.memory_gb:g}", "new_cpu": f"{smaller.cpu:g}",
            "new_memory": f"{smaller.memory_gb:g}", "max": svc.tasks.max, "new_max": counts.max},
        N_("Each task has half the CPU and %(memory)s GB of memory: a message takes about twice as long, so check "
           "the worker's memory high-water mark and that backlog_per_task still clears within the latency you "
           "accept. More tasks at peak hold more DB connections (pool × max tasks).") % {
            "memory": f"{smaller.memory_gb:g}"},
        frozenset({name}),
    )


RULE = Rule("OPT017", "Right-size Fargate tasks", propose, per_component=True)
