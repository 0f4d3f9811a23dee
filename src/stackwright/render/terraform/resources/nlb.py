"""Network Load Balancer: in the public subnets (or the app subnets when internal) behind its own security
group; each listener (TCP, TLS ending at the load balancer, UDP) forwards to a target group of the
target workload's port, health-checked over TCP."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.plan.operations import NetworkLoadBalancer, of_type
from stackwright.render.cloudformation.resources.nlb import TARGET_PROTOCOLS, reached_by_private_link
from stackwright.render.terraform._shared import attribute, name_tags, resource
from stackwright.render.terraform.certificate import certificate_arn
from stackwright.render.terraform.hcl import Block, Expr
from stackwright.render.terraform.resources.alb import ATTACHED_ARN, DEREGISTRATION_DELAY_SECONDS, TLS_POLICY
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "edge"


def render(component: str, plan: Plan, stack: Stack) -> None:
    for nlb in of_type(plan, NetworkLoadBalancer, component):
        address = resource(stack, MODULE, "aws_lb", local_name(nlb.id), {
            "load_balancer_type": "network", "internal": nlb.spec.internal, "ip_address_type": "ipv4",
            "subnets": [Ref(s) for s in nlb.subnets], "security_groups": [Ref(nlb.security_group)],
            **({"enforce_security_group_inbound_rules_on_private_link_traffic": "off"}
               if reached_by_private_link(plan, nlb) else {}),
            "enable_cross_zone_load_balancing": True,
            "enable_deletion_protection": plan.environment == "production",
            "tags": name_tags(plan, nlb.id),
        }, element=nlb, represents=nlb.id)
        stack.output(f"{local_name(nlb.id)}_dns_name", f"DNS name of load balancer {component}", Ref(nlb.id, "dns_name"))
        for listener, tg in zip(nlb.listeners, nlb.target_groups):
            body = {"load_balancer_arn": attribute(address, "arn"), "port": listener.port,
                    "protocol": listener.protocol,
                    "default_action": Block("default_action", (), {"type": "forward",
                                                                   "target_group_arn": Ref(tg.id, "arn")})}
            if listener.protocol == "TLS":
                body |= {"ssl_policy": TLS_POLICY, "certificate_arn": certificate_arn(plan, nlb.certificate)}
            forwarding = stack.resource(MODULE, "aws_lb_listener", local_name(nlb.listener_id(listener)), body,
                                        represents=nlb.listener_id(listener))
            resource(stack, MODULE, "aws_lb_target_group", local_name(tg.id), {
                "vpc_id": Ref("vpc"), "protocol": TARGET_PROTOCOLS[listener.protocol], "port": tg.port,
                "target_type": tg.target_type, "deregistration_delay": DEREGISTRATION_DELAY_SECONDS,
                "health_check": Block("health_check", (), {"protocol": "TCP"}), "tags": name_tags(plan, tg.id),
            }, element=tg, represents=tg.id,
                attributes={ATTACHED_ARN: Expr(f"{forwarding}.default_action[0].target_group_arn")})
