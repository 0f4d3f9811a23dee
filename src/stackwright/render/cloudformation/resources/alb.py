"""Application Load Balancer: HTTP redirects to HTTPS; HTTPS (TLS 1.2+, the certificate parameter)
forwards / to the first workload and /<name>/* to the others."""

from __future__ import annotations

from stackwright.memo import last_plan
from stackwright.plan.model import LoadBalancer, Plan, Ref, TargetGroup
from stackwright.plan.serverless import https_listener
from stackwright.render.cloudformation.template import Template, logical_id

TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"
DEREGISTRATION_DELAY_SECONDS = "30"  # tasks drain in half a minute instead of the default five
STICKINESS_SECONDS = "3600"  # a client's reconnects reach the task that holds its session for an hour


def https_listener_id(lb: LoadBalancer) -> str:
    return f"{logical_id(lb.id)}HttpsListener"


def listener_rule_id(target_group: TargetGroup) -> str:
    return f"{logical_id(target_group.id)}Rule"


def attachments(plan: Plan, workload: str) -> list[tuple[TargetGroup, str]]:
    """Each target group in front of `workload`, with the listener or rule that attaches it to its ALB
    (ECS refuses a target group no load balancer uses yet)."""
    return list(_attachments(plan).get(workload, ()))


@last_plan
def _attachments(plan: Plan) -> dict[str, list[tuple[TargetGroup, str]]]:
    """`attachments` of every workload, the plan's target groups read once (each of a thousand services
    read them all)."""
    found: dict[str, list[tuple[TargetGroup, str]]] = {}
    for lb in plan.load_balancers:
        for tg in lb.target_groups:
            found.setdefault(tg.workload, []).append(
                (tg, listener_rule_id(tg) if tg.path_patterns else https_listener_id(lb)))
    from stackwright.plan.operations import NetworkLoadBalancer, of_type

    for nlb in of_type(plan, NetworkLoadBalancer):
        for tg, listener in zip(nlb.target_groups, nlb.listeners):
            found.setdefault(tg.workload, []).append((tg, logical_id(nlb.listener_id(listener))))
    return found


def render(component: str, plan: Plan, template: Template) -> None:
    for lb in plan.of(plan.load_balancers, component):
        logical = template.add(logical_id(lb.id), "AWS::ElasticLoadBalancingV2::LoadBalancer", {
            "Type": "application",
            "Scheme": "internet-facing",
            "IpAddressType": "ipv4",
            "Subnets": [Ref(s) for s in lb.subnets],
            "SecurityGroups": [Ref(lb.security_group)],
            "LoadBalancerAttributes": [
                {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"},
                # Production load balancers cannot be deleted by accident.
                {"Key": "deletion_protection.enabled", "Value": _flag(plan.environment == "production")}],
        }, represents=lb.id)
        template.output(f"{logical}DnsName", f"DNS name of load balancer {component}", Ref(lb.id, "dns_name"))
        for tg in lb.target_groups:
            _target_group(plan, template, tg)
        template.add(f"{logical}HttpListener", "AWS::ElasticLoadBalancingV2::Listener", {
            "LoadBalancerArn": {"Ref": logical}, "Port": 80, "Protocol": "HTTP",
            "DefaultActions": [{"Type": "redirect", "RedirectConfig": {
                "Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}],
        })
        default = next((tg for tg in lb.target_groups if not tg.path_patterns), None)
        default_action = ({"Type": "forward", "TargetGroupArn": Ref(default.id)} if default else
                          {"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404"}})
        listener = template.add(https_listener_id(lb), "AWS::ElasticLoadBalancingV2::Listener", {
            "LoadBalancerArn": {"Ref": logical}, "Port": 443, "Protocol": "HTTPS", "SslPolicy": TLS_POLICY,
            "Certificates": [{"CertificateArn": Ref(lb.certificate)}], "DefaultActions": [default_action],
        }, represents=https_listener(lb))
        for tg in lb.target_groups:
            if tg.path_patterns:
                template.add(listener_rule_id(tg), "AWS::ElasticLoadBalancingV2::ListenerRule", {
                    "ListenerArn": {"Ref": listener}, "Priority": tg.priority,
                    "Conditions": [{"Field": "path-pattern", "PathPatternConfig": {"Values": list(tg.path_patterns)}}],
                    "Actions": [{"Type": "forward", "TargetGroupArn": Ref(tg.id)}],
                })


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _target_group(plan: Plan, template: Template, tg: TargetGroup) -> None:
    properties = {
        "VpcId": Ref("vpc"), "Protocol": "HTTP", "Port": tg.port, "TargetType": tg.target_type,
        "HealthCheckProtocol": "HTTP", "HealthCheckPath": tg.health_check_path, "Matcher": {"HttpCode": "200-399"},
        "TargetGroupAttributes": [{"Key": "deregistration_delay.timeout_seconds",
                                   "Value": DEREGISTRATION_DELAY_SECONDS}],
    }
    if tg.sticky:
        properties["TargetGroupAttributes"] += [
            {"Key": "stickiness.enabled", "Value": "true"}, {"Key": "stickiness.type", "Value": "lb_cookie"},
            {"Key": "stickiness.lb_cookie.duration_seconds", "Value": STICKINESS_SECONDS}]
    group = next((g for g in plan.instance_groups if g.id == tg.workload and g.instances), None)
    if group:  # fixed instances register here; auto scaling groups register their own
        properties["Targets"] = [{"Id": Ref(i), "Port": tg.port} for i in group.instances]
    template.add(logical_id(tg.id), "AWS::ElasticLoadBalancingV2::TargetGroup", properties, represents=tg.id)
