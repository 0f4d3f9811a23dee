"""cloudwatch: the alarms, dashboards and log groups the plan creates. The first cloudwatch component lists
the plan's alarms (a worker's backlog alarm too) and log groups, each log group with its share of the logs
the spec states or its traffic implies, kept for the group's retention; every component lists its own
dashboard, which also carries the component's custom metrics (else its first other resource does). With no
cloudwatch component the alarms and log groups are the plan's own (resources/from_plan/_own.py)."""

from __future__ import annotations

from stackwright.plan.kinds import components_of
from stackwright.resources.from_plan import Planned, planned
from stackwright.resources.record import Resource, UsageValue
from stackwright.spec.model import CloudWatch
from stackwright.translatable import N_

BACKLOG_POLICY, BACKLOG_ALARM = "aws_appautoscaling_policy.backlog[0]", "aws_cloudwatch_metric_alarm.backlog[0]"


def records(name, cw, ctx):
    found = [planned(ctx, "aws_cloudwatch_dashboard", d.id, {}) for d in ctx.plan.of(ctx.plan.dashboards, name)]
    if name == _first(ctx):
        found += monitoring(ctx, cw.log_gb_month)
    if cw.custom_metrics and found:
        holder = found[0]
        found[0] = Planned(holder.resource, {**holder.usage, "custom_metrics": UsageValue(
            cw.custom_metrics, f"custom_metrics = {cw.custom_metrics}")}, holder.element)
    yield from found


def depends_on(name, cw, ctx) -> tuple:
    """What `records` reads besides the component, its name and the region (spec_bill's memo of its lines): its
    dashboards and, for the first cloudwatch component, what `monitoring` reads."""
    dashboards = tuple(ctx.addresses[d.id] for d in ctx.plan.of(ctx.plan.dashboards, name))
    return (dashboards, monitoring_depends_on(ctx, cw.log_gb_month) if name == _first(ctx) else None)


def _first(ctx) -> str:
    """The spec's first cloudwatch component: the one that lists the plan's alarms and log groups."""
    return components_of(ctx.spec, CloudWatch)[0][0]


def monitoring_depends_on(ctx, log_gb_month: float | None = None) -> tuple:
    """What `monitoring` reads: the logs (when the component states none, the traffic's), the plan's log
    groups, alarms and backlog alarms, at their addresses."""
    plan, addresses = ctx.plan, ctx.addresses
    logs = ctx.usage.log_gb() if log_gb_month is None else log_gb_month
    return (logs, tuple((addresses[g.id], g.retention_days) for g in plan.log_groups),
            tuple((addresses[a.id], a.period) for a in plan.alarms), tuple(addresses[b.id] for b in plan.queue_scaling))


def monitoring(ctx, log_gb_month: float | None = None) -> list[Planned]:
    """The plan's log groups, the logs shared evenly over them, and its alarms."""
    plan = ctx.plan
    found = []
    if log_gb_month is not None:
        total, why = log_gb_month, f"log_gb_month = {log_gb_month:g} GB"
    else:
        usage = ctx.usage.log_gb()
        total, why = usage.value, usage.assumption
    groups = plan.log_groups
    share = UsageValue(total / len(groups), N_("%(why)s ÷ %(groups)s log group(s)") % {
        "why": why, "groups": len(groups)}) if len(groups) > 1 else UsageValue(total, why)  # every group's
    for group in groups:
        found.append(planned(ctx, "aws_cloudwatch_log_group", group.id, {"retention_days": group.retention_days},
                             {"monthly_data_ingested_gb": share}))
    found += [planned(ctx, "aws_cloudwatch_metric_alarm", alarm.id, alarm_attributes(alarm.period))
              for alarm in plan.alarms]
    for backlog in plan.queue_scaling:  # the alarm that runs a worker's step scaling, beside its policy
        address = ctx.addresses[backlog.id].replace(BACKLOG_POLICY, BACKLOG_ALARM)
        found.append(Planned(Resource("aws_cloudwatch_metric_alarm", address, ctx.spec.region,
                                      alarm_attributes(60))))
    return found


def alarm_attributes(period: int) -> dict:
    """As the aws_cloudwatch_metric_alarm module reads the generated alarm: one metric, no metric math."""
    return {"metrics": 1, "high_resolution": period < 60, "anomaly_detection": False}
