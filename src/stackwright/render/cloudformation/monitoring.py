"""Log groups with retention, alarms (notifying the optional topic parameter; EC2 status checks also
recover the instance), and target-tracking scaling for services and auto scaling groups."""

from __future__ import annotations

from stackwright.plan.model import Alarm, Plan, Ref, ScalingPolicy, ScheduledScaleIn
from stackwright.render.cloudformation.resources.fargate_service import until_image_pushed
from stackwright.render.cloudformation.template import NO_VALUE, NOTIFY_CONDITION, Template, logical_id

SCALE_IN_COOLDOWN_SECONDS = 300  # wait five minutes before removing capacity
SCALE_OUT_COOLDOWN_SECONDS = 60


def render(plan: Plan, template: Template) -> None:
    for group in plan.log_groups:
        template.add(logical_id(group.id), "AWS::Logs::LogGroup",
                     {"LogGroupName": group.name, "RetentionInDays": group.retention_days}, represents=group.id,
                     DeletionPolicy="Delete", UpdateReplacePolicy="Delete")  # retention already bounds their life
    topic = next((p.id for p in plan.parameters if p.kind == "notification_topic"), None)
    for alarm in plan.alarms:
        _alarm(template, alarm, topic, plan.alarm_topic)
    policies = {p.workload: p for p in plan.scaling_policies}
    schedules = {s.workload: s for s in plan.scheduled_scaling}
    services = {s.id for s in plan.services}
    for workload in dict.fromkeys([*policies, *schedules]):
        if workload in services:
            _service_scaling(plan, template, workload, policies.get(workload), schedules.get(workload))
        else:
            _group_scaling(template, workload, policies.get(workload), schedules.get(workload))


def _alarm(template: Template, alarm: Alarm, topic: str | None, alarm_topic: str | None = None) -> None:
    metric = alarm.metric
    actions = []
    if alarm.recover:
        actions.append({"Fn::Sub": "arn:${AWS::Partition}:automate:${AWS::Region}:ec2:recover"})
    if alarm_topic:  # the spec's sns topic
        actions.append(Ref(alarm_topic, "arn"))
    elif topic:
        actions.append({"Fn::If": [NOTIFY_CONDITION, Ref(topic), NO_VALUE]})
    statistic = ({"ExtendedStatistic": metric.statistic} if metric.statistic.startswith("p")
                 else {"Statistic": metric.statistic})
    template.add(logical_id(alarm.id), "AWS::CloudWatch::Alarm", {
        "AlarmDescription": alarm.description,
        "Namespace": metric.namespace,
        "MetricName": metric.name,
        "Dimensions": [{"Name": d.name, "Value": d.value} for d in metric.dimensions],
        **statistic,
        "Period": alarm.period,
        "EvaluationPeriods": alarm.evaluation_periods,
        "Threshold": alarm.threshold,
        "ComparisonOperator": alarm.comparison,
        "TreatMissingData": alarm.missing_data,
        "AlarmActions": actions,
    }, represents=alarm.id, element=None)  # no checkov skips of its own


def _service_scaling(plan: Plan, template: Template, service: str, policy: ScalingPolicy | None,
                     schedule: ScheduledScaleIn | None) -> None:
    bounds = policy or schedule
    fargate = next((s for s in plan.services if s.id == service), None)

    def until_pushed(count: object) -> object:  # a scaling floor would start tasks before there is an image
        return until_image_pushed(fargate, count) if fargate else count

    target = {
        "ServiceNamespace": "ecs",
        "ScalableDimension": "ecs:service:DesiredCount",
        "ResourceId": {"Fn::Join": ["/", ["service", Ref(plan.cluster.id, "name"), Ref(service, "name")]]},
        "MinCapacity": until_pushed(bounds.min),
        "MaxCapacity": until_pushed(bounds.max),
    }
    if schedule:
        target["ScheduledActions"] = [
            {"ScheduledActionName": f"{service}-{moment}", "Schedule": f"cron(0 {hour} * * ? *)",
             "Timezone": Ref(schedule.time_zone), "ScalableTargetAction": {
                 "MinCapacity": until_pushed(low), "MaxCapacity": until_pushed(high)}}
            for moment, hour, low, high in _moments(schedule)]
    scalable = template.add(f"{logical_id(service)}ScalableTarget", "AWS::ApplicationAutoScaling::ScalableTarget", target)
    if policy:
        template.add(logical_id(policy.id), "AWS::ApplicationAutoScaling::ScalingPolicy", {
            "PolicyName": f"{service}-cpu-target",
            "PolicyType": "TargetTrackingScaling",
            "ScalingTargetId": {"Ref": scalable},
            "TargetTrackingScalingPolicyConfiguration": {
                "PredefinedMetricSpecification": {"PredefinedMetricType": "ECSServiceAverageCPUUtilization"},
                "TargetValue": policy.target_cpu_percent,
                "ScaleInCooldown": SCALE_IN_COOLDOWN_SECONDS,
                "ScaleOutCooldown": SCALE_OUT_COOLDOWN_SECONDS,
            },
        })


def _group_scaling(template: Template, group: str, policy: ScalingPolicy | None,
                   schedule: ScheduledScaleIn | None) -> None:
    if policy:
        template.add(logical_id(policy.id), "AWS::AutoScaling::ScalingPolicy", {
            "AutoScalingGroupName": Ref(group, "name"),
            "PolicyType": "TargetTrackingScaling",
            "TargetTrackingConfiguration": {
                "PredefinedMetricSpecification": {"PredefinedMetricType": "ASGAverageCPUUtilization"},
                "TargetValue": policy.target_cpu_percent},
        })
    for moment, hour, low, high in _moments(schedule) if schedule else ():
        template.add(f"{logical_id(schedule.id)}{moment.capitalize()}", "AWS::AutoScaling::ScheduledAction", {
            "AutoScalingGroupName": Ref(group, "name"), "Recurrence": f"0 {hour} * * *",
            "TimeZone": Ref(schedule.time_zone), "MinSize": low, "MaxSize": high})


def _moments(schedule: ScheduledScaleIn) -> list[tuple[str, int, int, int]]:
    """(name, hour, min, max): down to the night count, then back to the spec's range."""
    return [("night", schedule.start_hour, schedule.count, schedule.count),
            ("morning", schedule.end_hour, schedule.min, schedule.max)]
