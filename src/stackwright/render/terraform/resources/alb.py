"""Application Load Balancer: HTTP redirects to HTTPS; HTTPS (TLS 1.2+, the certificate variable)
forwards / to the first workload and /<name>/* to the others."""

from __future__ import annotations

from stackwright.memo import last_plan
from stackwright.plan.model import Plan, Ref, TargetGroup
from stackwright.plan.serverless import https_listener
from stackwright.render.terraform._shared import attribute, name_tags, resource
from stackwright.render.terraform.hcl import Block, Expr
from stackwright.render.terraform.stack import Stack, local_name
from stackwright.render.terraform.certificate import certificate_arn

MODULE = "edge"
TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"
DEREGISTRATION_DELAY_SECONDS = 30  # tasks drain in half a minute instead of the default five
# What workloads register with: the target group's ARN read from the listener or rule that forwards to
# it, so they wait for it (ECS refuses a target group no load balancer uses yet).
ATTACHED_ARN = "attached_arn"


def render(component: str, plan: Plan, stack: Stack) -> None:
    for lb in plan.of(plan.load_balancers, component):
        name = local_name(lb.id)
        address = resource(stack, MODULE, "aws_lb", name, {
            "load_balancer_type": "application",
            "internal": False,
            "ip_address_type": "ipv4",
            "subnets": [Ref(s) for s in lb.subnets],
            "security_groups": [Ref(lb.security_group)],
            "drop_invalid_header_fields": True,
            "enable_deletion_protection": plan.environment == "production",
            "tags": name_tags(plan, lb.id),
        }, element=lb, represents=lb.id)
        stack.output(f"{name}_dns_name", f"DNS name of load balancer {component}", Ref(lb.id, "dns_name"))
        stack.resource(MODULE, "aws_lb_listener", f"{name}_http", {
            "load_balancer_arn": attribute(address, "arn"), "port": 80, "protocol": "HTTP",
            "default_action": Block("default_action", (), {"type": "redirect", "redirect": Block("redirect", (), {
                "protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"})}),
        })
        default = next((tg for tg in lb.target_groups if not tg.path_patterns), None)
        if default:
            default_action = {"type": "forward", "target_group_arn": Ref(default.id, "arn")}
        else:
            default_action = {"type": "fixed-response", "fixed_response": Block("fixed_response", (), {
                "content_type": "text/plain", "status_code": "404"})}
        https = stack.resource(MODULE, "aws_lb_listener", f"{name}_https", {
            "load_balancer_arn": attribute(address, "arn"), "port": 443, "protocol": "HTTPS",
            "ssl_policy": TLS_POLICY, "certificate_arn": certificate_arn(plan, lb.certificate),
            "default_action": Block("default_action", (), default_action),
        }, represents=https_listener(lb))
        for tg in lb.target_groups:
            if tg.path_patterns:
                forwarding = stack.resource(MODULE, "aws_lb_listener_rule", local_name(tg.id), {
                    "listener_arn": attribute(https, "arn"), "priority": tg.priority,
                    "condition": Block("condition", (), {"path_pattern": Block("path_pattern", (), {
                        "values": list(tg.path_patterns)})}),
                    "action": Block("action", (), {"type": "forward", "target_group_arn": Ref(tg.id, "arn")}),
                })
                attached = Expr(f"{forwarding}.action[0].target_group_arn")
            else:
                attached = Expr(f"{https}.default_action[0].target_group_arn")
            _target_group(plan, stack, tg, attached)


def _target_group(plan: Plan, stack: Stack, tg: TargetGroup, attached: Expr) -> None:
    resource(stack, MODULE, "aws_lb_target_group", local_name(tg.id), {
        "vpc_id": Ref("vpc"), "protocol": "HTTP", "port": tg.port, "target_type": tg.target_type,
        "deregistration_delay": DEREGISTRATION_DELAY_SECONDS,
        "tags": name_tags(plan, tg.id),
        "health_check": Block("health_check", (), {"protocol": "HTTP", "path": tg.health_check_path,
                                                   "matcher": "200-399"}),
    }, element=tg, represents=tg.id, attributes={ATTACHED_ARN: attached})


def attachments(plan: Plan, workload: str) -> list[TargetGroup]:
    """Each target group in front of `workload`."""
    return list(_target_groups(plan).get(workload, []))


@last_plan
def _target_groups(plan: Plan) -> dict[str, list[TargetGroup]]:
    """The plan's target groups by the workload behind them."""
    from stackwright.plan.operations import NetworkLoadBalancer, of_type

    found: dict[str, list[TargetGroup]] = {}
    for lb in (*plan.load_balancers, *of_type(plan, NetworkLoadBalancer)):
        for tg in lb.target_groups:
            found.setdefault(tg.workload, []).append(tg)
    return found

