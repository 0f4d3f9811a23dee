"""Task counts of a queue worker from the work its queue brings: messages a month × vCPU-seconds per message,
against what one task processes at the target CPU. A worker takes no requests, so the web traffic shares and
the requests-per-vCPU profiles do not apply."""

from __future__ import annotations

import math

from stackwright.cost.usage import Usage
from stackwright.sizing import profiles as p
from stackwright.sizing.sizer import peak_rps
from stackwright.spec.model import MAX_TASKS, Spec, TaskCounts
from stackwright.translatable import N_

SECONDS_PER_MONTH = 730 * 3600


def can_size(worker, spec: Spec) -> bool:
    """Whether the spec says enough: the queue the worker consumes and the CPU one message takes."""
    queue = spec.components.get(worker.queue) if worker.queue else None
    return worker.cpu_seconds_per_message is not None and queue is not None and queue.kind == "sqs"


def target_cpu(worker, spec: Spec) -> float:
    """The CPU a task is sized to run at: its own target under CPU scaling, else the spec's sizing target."""
    return worker.scaling.target_cpu_percent / 100 if worker.scaling.metric == "cpu" else spec.sizing.target_utilisation


def messages_per_second(worker, spec: Spec) -> tuple[float, float, str]:
    """(average, peak) messages a second on the worker's queue, and how: the peak in the same ratio to the
    average as the spec's requests (the busy hour brings both), else the profile's peak-to-average."""
    from stackwright.resources.from_plan.sqs import messages

    monthly, why = messages(spec.components[worker.queue], spec)
    average = monthly / SECONDS_PER_MONTH
    usage = Usage(spec.traffic)
    peak_requests, _ = peak_rps(spec)
    ratio = peak_requests / usage.avg_rps if usage.avg_rps else p.PEAK_TO_AVERAGE
    return average, average * ratio, f"{why} = {average:.3f}/s on average, × {ratio:.2f} at peak"


def task_rate(worker, spec: Spec) -> tuple[float, str]:
    """Messages a second one task processes at its target CPU."""
    rate = worker.cpu * target_cpu(worker, spec) / worker.cpu_seconds_per_message
    return rate, (f"one task = {worker.cpu:g} vCPU × {target_cpu(worker, spec):.0%} target CPU ÷ "
                  f"{worker.cpu_seconds_per_message:g} vCPU-s per message = {rate:.3f} messages/s")


def counts(name: str, worker, spec: Spec) -> tuple[TaskCounts, str]:
    """min 1 (a task always polls, so a message waits no longer than a poll); desired from the average;
    max from the peak plus one, to drain the backlog a Spot reclaim or a deploy leaves."""
    if not can_size(worker, spec):
        raise ValueError(N_("%(name)s: tasks: auto needs the sqs queue it consumes (queue) and "
                            "cpu_seconds_per_message (vCPU-seconds one message takes); give both, or give tasks as "
                            "min/desired/max") % {"name": name})
    per_task, task_why = task_rate(worker, spec)
    average, peak, load_why = messages_per_second(worker, spec)
    need_average, need_peak = math.ceil(average / per_task), math.ceil(peak / per_task)
    desired = max(1, need_average)
    result = TaskCounts(min=1, desired=desired, max=max(desired, need_peak + 1))
    if result.max > MAX_TASKS:
        raise ValueError(N_("%(name)s: %(tasks)s worker tasks at peak are more than one ECS service runs "
                            "(%(limit)s); use bigger tasks (cpu) or split the queue") % {
            "name": name, "tasks": f"{result.max:,}", "limit": f"{MAX_TASKS:,}"})
    return result, (f"{task_why}; queue {worker.queue}: {load_why}; average → {need_average} (at least 1) = "
                    f"{desired} desired; peak → {need_peak} + 1 to drain a backlog = {result.max} max")

