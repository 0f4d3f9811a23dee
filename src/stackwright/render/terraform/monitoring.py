"""Log groups with retention, alarms (notifying the optional topic variable; EC2 status checks also
recover the instance), target-tracking scaling and nightly scheduled scale-in for auto scaling groups.
A Fargate service's own log group, alarms and scaling are in the service module."""

from __future__ import annotations

from stackwright.plan.model import Alarm, Plan, Ref, ScalingPolicy, ScheduledScaleIn
from stackwright.plan.naming import resource_name
from stackwright.render.terraform._shared import attribute, name_tags, resource, skip_comments
from stackwright.render.terraform.hcl import Block, Call, Expr, Template
from stackwright.render.terraform.stack import Formula, Stack, local_name

MODULE = "monitoring"
SCALE_IN_COOLDOWN_SECONDS = 300  # wait five minutes before removing capacity
SCALE_OUT_COOLDOWN_SECONDS = 60
FOLDED_ALARMS = "alarms"  # the local map of the alarms written as one resource


def render(plan: Plan, stack: Stack) -> None:
    for group in plan.log_groups:
        if stack.has(group.id):
            continue  # a Fargate service's, in the service module
        address = f"aws_cloudwatch_log_group.{local_name(group.id)}"
        # IAM grants on a log group's streams need the ARN with ":*", which Terraform's `arn` drops.
        resource(stack, MODULE, "aws_cloudwatch_log_group", local_name(group.id), {
            "name": group.name, "retention_in_days": group.retention_days, "tags": name_tags(plan, group.id),
        }, element=group, represents=group.id, attributes={"arn": Template((attribute(address, "arn"), ":*"))})
    topic = next((p.id for p in plan.parameters if p.kind == "notification_topic"), None)
    if plan.alarm_topic:
        topic = plan.alarm_topic  # the spec's sns topic
    _alarms(plan, stack, [a for a in plan.alarms if not stack.has(a.id)], topic)
    policies = {p.workload: p for p in plan.scaling_policies}
    schedules = {s.workload: s for s in plan.scheduled_scaling}
    services = {s.id for s in plan.services}  # scaled in the service module
    for workload in dict.fromkeys([*policies, *schedules]):
        if workload not in services:
            _group_scaling(plan, stack, workload, policies.get(workload), schedules.get(workload))


def _alarms(plan: Plan, stack: Stack, alarms: list[Alarm], topic: str | None) -> None:
    """The alarms of the largest set with the same arguments as one resource with for_each over a local map
    that holds what differs; any other alarm as a resource of its own."""
    bodies = {alarm.id: _alarm(plan, stack, alarm, topic) for alarm in alarms}
    shapes: dict[tuple, list[Alarm]] = {}
    for alarm in alarms:
        shapes.setdefault(tuple(bodies[alarm.id]), []).append(alarm)
    folded = max(shapes.values(), key=len, default=[])
    if len(folded) < 2:
        folded = []
    folded_ids = {alarm.id for alarm in folded}  # a plan's alarm ids are unique
    for alarm in alarms:
        if alarm.id not in folded_ids:
            resource(stack, MODULE, "aws_cloudwatch_metric_alarm", local_name(alarm.id), bodies[alarm.id],
                     element=alarm, represents=alarm.id)
    if not folded:
        return
    entries: dict[str, dict] = {alarm.id: {} for alarm in folded}
    body: dict = {"for_each": Expr(f"local.{FOLDED_ALARMS}")}
    by_key = Template((f"{plan.name}-", Expr("each.key")))
    for key in bodies[folded[0].id]:
        values = [bodies[a.id][key] for a in folded]
        if all(value == values[0] for value in values):
            body[key] = values[0]
        elif key == "alarm_name" and all(v == f"{plan.name}-{a.id}" for v, a in zip(values, folded)):
            body[key] = by_key
        elif key == "tags" and all(v == name_tags(plan, a.id) for v, a in zip(values, folded)):
            body[key] = {"Name": by_key}
        else:
            body[key] = Expr(f"each.value.{key}")
            for value, alarm in zip(values, folded):
                entries[alarm.id][key] = value
    stack.modules[MODULE].block(Block("locals", (), {FOLDED_ALARMS: entries}))
    comments = tuple(dict.fromkeys(c for a in folded for c in skip_comments(plan, "aws_cloudwatch_metric_alarm", a)))
    stack.resource(MODULE, "aws_cloudwatch_metric_alarm", "alarm", body, comments=comments)
    for alarm in folded:
        stack.represent(alarm.id, MODULE, None, f'aws_cloudwatch_metric_alarm.alarm["{alarm.id}"]', "")


def _alarm(plan: Plan, stack: Stack, alarm: Alarm, topic: str | None) -> dict:
    metric = alarm.metric
    statistic = ({"extended_statistic": metric.statistic} if metric.statistic.startswith("p")
                 else {"statistic": metric.statistic})
    recover = []
    if alarm.recover:
        partition = attribute(stack.data(MODULE, "aws_partition", "current"), "partition")
        recover = [Template(("arn:", partition, f":automate:{plan.region}:ec2:recover"))]
    actions = recover
    if topic and topic == plan.alarm_topic:
        actions = Call("concat", (recover, [Ref(topic, "arn")])) if recover else [Ref(topic, "arn")]
    elif topic:  # the topic variable may be empty: notify nobody
        notify = Formula('{0} == "" ? [] : [{0}]', (Ref(topic),))
        actions = Call("concat", (recover, notify)) if recover else notify
    return {
        "alarm_name": resource_name(plan.name, alarm.id, limit=255),
        "alarm_description": alarm.description,
        "namespace": metric.namespace,
        "metric_name": metric.name,
        "dimensions": {d.name: d.value for d in metric.dimensions},
        **statistic,
        "period": alarm.period,
        "evaluation_periods": alarm.evaluation_periods,
        "threshold": alarm.threshold,
        "comparison_operator": alarm.comparison,
        "treat_missing_data": alarm.missing_data,
        "alarm_actions": actions,
        "tags": name_tags(plan, alarm.id),
    }


def _group_scaling(plan: Plan, stack: Stack, group: str, policy: ScalingPolicy | None,
                   schedule: ScheduledScaleIn | None) -> None:
    if policy:
        stack.resource(MODULE, "aws_autoscaling_policy", local_name(policy.id), {
            "name": f"{group}-cpu-target",
            "autoscaling_group_name": Ref(group, "name"),
            "policy_type": "TargetTrackingScaling",
            "target_tracking_configuration": Block("target_tracking_configuration", (), {
                "target_value": policy.target_cpu_percent,
                "predefined_metric_specification": Block("predefined_metric_specification", (), {
                    "predefined_metric_type": "ASGAverageCPUUtilization"})}),
        })
    for moment, hour, low, high in _moments(schedule) if schedule else ():
        stack.resource(MODULE, "aws_autoscaling_schedule", f"{local_name(schedule.id)}_{moment}", {
            "scheduled_action_name": f"{group}-{moment}",
            "autoscaling_group_name": Ref(group, "name"),
            "recurrence": f"0 {hour} * * *",
            "time_zone": Ref(schedule.time_zone),
            "min_size": low,
            "max_size": high,
        })


def _moments(schedule: ScheduledScaleIn) -> list[tuple[str, int, int, int]]:
    """(name, hour, min, max): down to the night count, then back to the spec's range."""
    return [("night", schedule.start_hour, schedule.count, schedule.count),
            ("morning", schedule.end_hour, schedule.min, schedule.max)]
