"""CloudWatch alarms and dashboards, auto scaling groups, their policies and schedules, and
Application Auto Scaling (ECS services)."""

from __future__ import annotations

from stackwright.deploy.kinds.base import Kind, absent_if_missing, differences, tag_list, undone_on_error

ALARM_FIELDS = frozenset({"AlarmDescription", "Namespace", "MetricName", "Dimensions", "Statistic",
                          "ExtendedStatistic", "Period", "EvaluationPeriods", "Threshold", "ComparisonOperator",
                          "TreatMissingData", "AlarmActions", "OKActions", "InsufficientDataActions", "Unit",
                          "DatapointsToAlarm", "ActionsEnabled"})


class Alarm(Kind):
    type = "AWS::CloudWatch::Alarm"
    service_api = "cloudwatch.put_metric_alarm"
    emulates = ALARM_FIELDS | {"AlarmName", "Tags"}

    def find(self, aws, r):
        alarms = aws("cloudwatch").describe_alarms(AlarmNames=[r.physical_id])["MetricAlarms"]
        return alarms[0] if alarms else None

    def check(self, state, r):
        return differences(*((field, state.get(field), r.get(field)) for field in
                             ("Namespace", "MetricName", "Threshold", "ComparisonOperator", "EvaluationPeriods",
                              "Period", "Statistic", "ExtendedStatistic", "AlarmActions")),
                           ("Dimensions", [f"{d['Name']}={d['Value']}" for d in state.get("Dimensions", [])],
                            [f"{d['Name']}={d['Value']}" for d in r.get("Dimensions", [])]))

    def create(self, aws, r):
        name = r.get("AlarmName", r.name)
        fields = {field: r.get(field) for field in sorted(ALARM_FIELDS & r.keys) if r.get(field) is not None}
        aws("cloudwatch").put_metric_alarm(AlarmName=name, Tags=tag_list(r.tags), **fields)
        return name

    def delete(self, aws, r, state):
        aws("cloudwatch").delete_alarms(AlarmNames=[state["AlarmName"]])


class Dashboard(Kind):
    type = "AWS::CloudWatch::Dashboard"

    def inventory(self, aws):
        return {d["DashboardName"] for d in aws("cloudwatch").list_dashboards()["DashboardEntries"]}

    def find(self, aws, r):
        return absent_if_missing(aws("cloudwatch").get_dashboard, DashboardName=r.physical_id,
                                 missing=("ResourceNotFound",))

    def check(self, state, r):
        return differences(("DashboardName", state["DashboardName"], r.get("DashboardName")))


class AutoScalingGroup(Kind):
    type = "AWS::AutoScaling::AutoScalingGroup"

    def inventory(self, aws):
        groups = aws("autoscaling").describe_auto_scaling_groups()["AutoScalingGroups"]
        return {g["AutoScalingGroupName"] for g in groups}

    def find(self, aws, r):
        groups = aws("autoscaling").describe_auto_scaling_groups(AutoScalingGroupNames=[r.physical_id])
        return groups["AutoScalingGroups"][0] if groups["AutoScalingGroups"] else None

    def check(self, state, r):
        return differences(("MinSize", state["MinSize"], r.get("MinSize")), ("MaxSize", state["MaxSize"], r.get("MaxSize")),
                           ("DesiredCapacity", state["DesiredCapacity"], r.get("DesiredCapacity")),
                           ("VPCZoneIdentifier", state["VPCZoneIdentifier"].split(","), r.get("VPCZoneIdentifier")),
                           ("TargetGroupARNs", state.get("TargetGroupARNs", []), r.get("TargetGroupARNs")))


class GroupScalingPolicy(Kind):
    type = "AWS::AutoScaling::ScalingPolicy"
    service_api = "autoscaling.put_scaling_policy"
    emulates = frozenset({"AutoScalingGroupName", "PolicyType", "TargetTrackingConfiguration"})

    def find(self, aws, r):
        found = absent_if_missing(aws("autoscaling").describe_policies, AutoScalingGroupName=r["AutoScalingGroupName"])
        return next((p for p in (found or {}).get("ScalingPolicies", [])
                     if p["PolicyARN"] == r.physical_id or p["PolicyName"] == r.name), None)

    def check(self, state, r):
        target = state.get("TargetTrackingConfiguration", {})
        wanted = r.get("TargetTrackingConfiguration") or {}
        return differences(("PolicyType", state["PolicyType"], r.get("PolicyType")),
                           ("TargetTrackingConfiguration", target.get("TargetValue"), wanted.get("TargetValue")))

    def create(self, aws, r):
        aws("autoscaling").put_scaling_policy(AutoScalingGroupName=r["AutoScalingGroupName"], PolicyName=r.name,
                                              PolicyType=r["PolicyType"],
                                              TargetTrackingConfiguration=r["TargetTrackingConfiguration"])
        return self.find(aws, r)["PolicyARN"]

    def delete(self, aws, r, state):
        aws("autoscaling").delete_policy(AutoScalingGroupName=r["AutoScalingGroupName"], PolicyName=state["PolicyName"])


class ScheduledAction(Kind):
    """Found by its group and schedule: its physical id differs between AWS and moto."""

    type = "AWS::AutoScaling::ScheduledAction"

    def find(self, aws, r):
        found = absent_if_missing(aws("autoscaling").describe_scheduled_actions,
                                  AutoScalingGroupName=r["AutoScalingGroupName"])
        return next((a for a in (found or {}).get("ScheduledUpdateGroupActions", [])
                     if a.get("Recurrence") == r["Recurrence"]), None)

    def check(self, state, r):
        return differences(("MinSize", state.get("MinSize"), r.get("MinSize")),
                           ("MaxSize", state.get("MaxSize"), r.get("MaxSize")),
                           ("TimeZone", state.get("TimeZone"), r.get("TimeZone")))

    def delete(self, aws, r, state):
        aws("autoscaling").delete_scheduled_action(AutoScalingGroupName=r["AutoScalingGroupName"],
                                                   ScheduledActionName=state["ScheduledActionName"])


def _target_key(reference: str) -> dict:
    """A scalable target's Ref, `resource id|dimension|namespace`, as API arguments."""
    resource, dimension, namespace = reference.split("|")
    return {"ServiceNamespace": namespace, "ResourceId": resource, "ScalableDimension": dimension}


class ScalableTarget(Kind):
    type = "AWS::ApplicationAutoScaling::ScalableTarget"
    service_api = "application-autoscaling.register_scalable_target"
    emulates = frozenset({"ServiceNamespace", "ScalableDimension", "ResourceId", "MinCapacity", "MaxCapacity",
                          "ScheduledActions"})

    def find(self, aws, r):
        client = aws("application-autoscaling")
        key = _target_key(r.physical_id)
        targets = client.describe_scalable_targets(ServiceNamespace=key["ServiceNamespace"], ResourceIds=[key["ResourceId"]],
                                                   ScalableDimension=key["ScalableDimension"])["ScalableTargets"]
        if not targets:
            return None
        actions = client.describe_scheduled_actions(ServiceNamespace=key["ServiceNamespace"],
                                                    ResourceId=key["ResourceId"])["ScheduledActions"]
        return {**targets[0], "ScheduledActions": actions}

    def check(self, state, r):
        return differences(("MinCapacity", state["MinCapacity"], r.get("MinCapacity")),
                           ("MaxCapacity", state["MaxCapacity"], r.get("MaxCapacity")),
                           ("ScheduledActions", [(a["ScheduledActionName"], a["Schedule"]) for a in state["ScheduledActions"]],
                            [(a["ScheduledActionName"], a["Schedule"]) for a in r.get("ScheduledActions", [])] or None))

    def create(self, aws, r):
        client = aws("application-autoscaling")
        key = {"ServiceNamespace": r["ServiceNamespace"], "ResourceId": r["ResourceId"],
               "ScalableDimension": r["ScalableDimension"]}
        client.register_scalable_target(MinCapacity=int(r["MinCapacity"]), MaxCapacity=int(r["MaxCapacity"]), **key)
        with undone_on_error(lambda: client.deregister_scalable_target(**key)):
            for action in r.get("ScheduledActions", []):
                zone = {"Timezone": action["Timezone"]} if "Timezone" in action else {}
                client.put_scheduled_action(ScheduledActionName=action["ScheduledActionName"],
                                            Schedule=action["Schedule"],
                                            ScalableTargetAction=action["ScalableTargetAction"], **zone, **key)
        return f"{key['ResourceId']}|{key['ScalableDimension']}|{key['ServiceNamespace']}"

    def delete(self, aws, r, state):
        client = aws("application-autoscaling")
        key = _target_key(r.physical_id)
        for action in state["ScheduledActions"]:
            client.delete_scheduled_action(ScheduledActionName=action["ScheduledActionName"], **key)
        client.deregister_scalable_target(**key)


class TargetScalingPolicy(Kind):
    type = "AWS::ApplicationAutoScaling::ScalingPolicy"
    service_api = "application-autoscaling.put_scaling_policy"
    emulates = frozenset({"PolicyName", "PolicyType", "ScalingTargetId", "TargetTrackingScalingPolicyConfiguration",
                          "StepScalingPolicyConfiguration"})

    def find(self, aws, r):
        key = _target_key(r["ScalingTargetId"])
        policies = aws("application-autoscaling").describe_scaling_policies(
            PolicyNames=[r["PolicyName"]], ServiceNamespace=key["ServiceNamespace"], ResourceId=key["ResourceId"],
            ScalableDimension=key["ScalableDimension"])["ScalingPolicies"]
        return policies[0] if policies else None

    def check(self, state, r):
        if r.get("PolicyType") == "StepScaling":  # a worker's backlog steps
            steps = state.get("StepScalingPolicyConfiguration", {})
            wanted = r.get("StepScalingPolicyConfiguration") or {}
            return differences(("PolicyType", state["PolicyType"], r.get("PolicyType")),
                               ("StepScalingPolicyConfiguration", steps.get("AdjustmentType"),
                                wanted.get("AdjustmentType")),
                               ("StepScalingPolicyConfiguration", len(steps.get("StepAdjustments", [])),
                                len(wanted.get("StepAdjustments", []))))
        configuration = state.get("TargetTrackingScalingPolicyConfiguration", {})
        wanted = r.get("TargetTrackingScalingPolicyConfiguration") or {}
        return differences(("PolicyType", state["PolicyType"], r.get("PolicyType")),
                           ("TargetTrackingScalingPolicyConfiguration", configuration.get("TargetValue"),
                            wanted.get("TargetValue")))

    def create(self, aws, r):
        configuration = ("StepScalingPolicyConfiguration" if r.get("PolicyType") == "StepScaling" else
                         "TargetTrackingScalingPolicyConfiguration")
        created = aws("application-autoscaling").put_scaling_policy(
            PolicyName=r["PolicyName"], PolicyType=r["PolicyType"], **_target_key(r["ScalingTargetId"]),
            **{configuration: r[configuration]})
        return created["PolicyARN"]

    def delete(self, aws, r, state):
        aws("application-autoscaling").delete_scaling_policy(PolicyName=state["PolicyName"],
                                                             **_target_key(r["ScalingTargetId"]))
