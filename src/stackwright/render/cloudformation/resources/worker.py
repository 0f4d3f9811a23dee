"""A worker: an ECS service on Fargate like fargate_service's, without port, load balancer or health check;
its task count follows its queue's backlog (a step-scaling policy run by an alarm on the visible messages)."""

from __future__ import annotations

from stackwright.plan.model import Plan, QueueScaling, Ref
from stackwright.plan.messaging import backlog_metric
from stackwright.render.cloudformation.resources import fargate_service
from stackwright.render.cloudformation.template import Template, logical_id

BACKLOG_PERIOD_SECONDS = 60  # SQS publishes its queue metrics every minute
STEP_COOLDOWN_SECONDS = 60


def render(component: str, plan: Plan, template: Template) -> None:
    fargate_service.render(component, plan, template)
    services = {s.id for s in plan.of(plan.services, component)}
    for scaling in plan.queue_scaling:
        if scaling.workload in services:
            _backlog_scaling(plan, template, scaling)


def _backlog_scaling(plan: Plan, template: Template, scaling: QueueScaling) -> None:
    service = scaling.workload
    scalable = template.add(f"{logical_id(service)}ScalableTarget", "AWS::ApplicationAutoScaling::ScalableTarget", {
        "ServiceNamespace": "ecs",
        "ScalableDimension": "ecs:service:DesiredCount",
        "ResourceId": {"Fn::Join": ["/", ["service", Ref(plan.cluster.id, "name"), Ref(service, "name")]]},
        "MinCapacity": scaling.min,
        "MaxCapacity": scaling.max,
    })
    steps = []
    for step in scaling.steps:
        entry = {"MetricIntervalLowerBound": step.lower, "ScalingAdjustment": step.tasks}
        if step.upper is not None:
            entry["MetricIntervalUpperBound"] = step.upper
        steps.append(entry)
    policy = template.add(logical_id(scaling.id), "AWS::ApplicationAutoScaling::ScalingPolicy", {
        "PolicyName": f"{service}-backlog",
        "PolicyType": "StepScaling",
        "ScalingTargetId": {"Ref": scalable},
        "StepScalingPolicyConfiguration": {
            "AdjustmentType": "ExactCapacity", "Cooldown": STEP_COOLDOWN_SECONDS,
            "MetricAggregationType": "Maximum", "StepAdjustments": steps},
    }, represents=scaling.id)
    metric = backlog_metric(next(q for q in plan.queues if q.id == scaling.queue))
    template.add(f"{logical_id(scaling.id)}Alarm", "AWS::CloudWatch::Alarm", {
        "AlarmDescription": f"{service}: runs one task per {scaling.backlog_per_task} visible messages "
                            f"({scaling.min} to {scaling.max}); always in ALARM while the queue reports, so the "
                            "step policy keeps the count in line",
        "Namespace": metric.namespace,
        "MetricName": metric.name,
        "Dimensions": [{"Name": d.name, "Value": d.value} for d in metric.dimensions],
        "Statistic": metric.statistic,
        "Period": BACKLOG_PERIOD_SECONDS,
        "EvaluationPeriods": 1,
        "Threshold": 0,
        "ComparisonOperator": "GreaterThanOrEqualToThreshold",
        "TreatMissingData": "missing",
        "AlarmActions": [{"Ref": policy}],
    })
