"""Application load balancers, target groups, listeners and listener rules."""

from __future__ import annotations

from stackwright.deploy.kinds.base import Kind, absent_if_missing, differences


def _elb(aws):
    return aws("elbv2")


class LoadBalancer(Kind):
    type = "AWS::ElasticLoadBalancingV2::LoadBalancer"

    def inventory(self, aws):
        return {b["LoadBalancerArn"] for b in _elb(aws).describe_load_balancers()["LoadBalancers"]}

    def find(self, aws, r):
        found = absent_if_missing(_elb(aws).describe_load_balancers, LoadBalancerArns=[r.physical_id])
        return found["LoadBalancers"][0] if found else None

    def check(self, state, r):
        return differences(("Scheme", state["Scheme"], r.get("Scheme")), ("Type", state["Type"], r.get("Type")),
                           ("Subnets", [z["SubnetId"] for z in state["AvailabilityZones"]], r.get("Subnets")),
                           ("SecurityGroups", state.get("SecurityGroups", []), r.get("SecurityGroups")))

    def attribute(self, state, r, name):
        values = {"DNSName": state["DNSName"], "CanonicalHostedZoneID": state["CanonicalHostedZoneId"],
                  "LoadBalancerArn": state["LoadBalancerArn"],
                  "LoadBalancerFullName": state["LoadBalancerArn"].split(":loadbalancer/", 1)[1]}
        return values[name] if name in values else super().attribute(state, r, name)


class TargetGroup(Kind):
    type = "AWS::ElasticLoadBalancingV2::TargetGroup"

    def inventory(self, aws):
        return {g["TargetGroupArn"] for g in _elb(aws).describe_target_groups()["TargetGroups"]}

    def find(self, aws, r):
        found = absent_if_missing(_elb(aws).describe_target_groups, TargetGroupArns=[r.physical_id])
        return found["TargetGroups"][0] if found else None

    def check(self, state, r):
        return differences(("Port", state["Port"], r.get("Port")), ("Protocol", state["Protocol"], r.get("Protocol")),
                           ("TargetType", state["TargetType"], r.get("TargetType")),
                           ("VpcId", state["VpcId"], r.get("VpcId")))

    def attribute(self, state, r, name):
        if name == "TargetGroupFullName":
            return state["TargetGroupArn"].split(":")[-1]
        return super().attribute(state, r, name)

    def delete(self, aws, r, state):
        _elb(aws).delete_target_group(TargetGroupArn=state["TargetGroupArn"])


class Listener(Kind):
    type = "AWS::ElasticLoadBalancingV2::Listener"

    def find(self, aws, r):
        found = absent_if_missing(_elb(aws).describe_listeners, ListenerArns=[r.physical_id])
        return found["Listeners"][0] if found else None

    def check(self, state, r):
        return differences(("Port", state["Port"], r.get("Port")), ("Protocol", state["Protocol"], r.get("Protocol")),
                           ("LoadBalancerArn", state["LoadBalancerArn"], r.get("LoadBalancerArn")),
                           ("Certificates", [c["CertificateArn"] for c in state.get("Certificates", [])],
                            [c["CertificateArn"] for c in r.get("Certificates", [])] or None))


class ListenerRule(Kind):
    type = "AWS::ElasticLoadBalancingV2::ListenerRule"

    def find(self, aws, r):
        found = absent_if_missing(_elb(aws).describe_rules, RuleArns=[r.physical_id])
        return found["Rules"][0] if found else None

    def check(self, state, r):
        forwards = [a.get("TargetGroupArn") for a in state["Actions"]]
        return differences(("Priority", state["Priority"], r.get("Priority")),
                           ("Actions", forwards, [a.get("TargetGroupArn") for a in r.get("Actions", [])]))
