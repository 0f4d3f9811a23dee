"""Network Load Balancer: in the public subnets (or the app subnets when internal) behind its own security
group; each listener (TCP, TLS ending at the load balancer, UDP) forwards to a target group of the
target workload's port, health-checked over TCP."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.plan.operations import NetworkLoadBalancer, of_type
from stackwright.render.cloudformation._shared import name_tags
from stackwright.render.cloudformation.resources.alb import DEREGISTRATION_DELAY_SECONDS, TLS_POLICY
from stackwright.render.cloudformation.template import Template, logical_id

TARGET_PROTOCOLS = {"TCP": "TCP", "TLS": "TCP", "UDP": "UDP", "TCP_UDP": "TCP_UDP"}  # TLS ends at the listener


def reached_by_private_link(plan: Plan, nlb) -> bool:
    """A REST API's VPC link reaches the NLB through PrivateLink, whose traffic carries no source its security
    group could allow: the NLB leaves it to the VPC link (EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic
    off), as API Gateway's private integrations need."""
    return any(api.protocol == "REST" and api.listener and api.target == nlb.id for api in plan.apis)


def render(component: str, plan: Plan, template: Template) -> None:
    for nlb in of_type(plan, NetworkLoadBalancer, component):
        logical = template.add(logical_id(nlb.id), "AWS::ElasticLoadBalancingV2::LoadBalancer", {
            "Type": "network", "Scheme": "internal" if nlb.spec.internal else "internet-facing",
            "IpAddressType": "ipv4", "Subnets": [Ref(s) for s in nlb.subnets],
            "SecurityGroups": [Ref(nlb.security_group)],
            **({"EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic": "off"}
               if reached_by_private_link(plan, nlb) else {}),
            "LoadBalancerAttributes": [
                {"Key": "load_balancing.cross_zone.enabled", "Value": "true"},
                {"Key": "deletion_protection.enabled", "Value": str(plan.environment == "production").lower()}],
            "Tags": name_tags(plan, nlb.id),
        }, represents=nlb.id)
        template.output(f"{logical}DnsName", f"DNS name of load balancer {component}", Ref(nlb.id, "dns_name"))
        group = next((g for g in plan.instance_groups if g.id == nlb.target and g.instances), None)
        for listener, tg in zip(nlb.listeners, nlb.target_groups):
            target_group = {
                "VpcId": Ref("vpc"), "Protocol": TARGET_PROTOCOLS[listener.protocol], "Port": tg.port,
                "TargetType": tg.target_type, "HealthCheckProtocol": "TCP",
                "TargetGroupAttributes": [{"Key": "deregistration_delay.timeout_seconds",
                                           "Value": DEREGISTRATION_DELAY_SECONDS}],
                "Tags": name_tags(plan, tg.id)}
            if group:  # fixed instances register here; auto scaling groups and ECS register their own
                target_group["Targets"] = [{"Id": Ref(i), "Port": tg.port} for i in group.instances]
            template.add(logical_id(tg.id), "AWS::ElasticLoadBalancingV2::TargetGroup", target_group, represents=tg.id)
            properties = {"LoadBalancerArn": {"Ref": logical}, "Port": listener.port, "Protocol": listener.protocol,
                          "DefaultActions": [{"Type": "forward", "TargetGroupArn": Ref(tg.id)}]}
            if listener.protocol == "TLS":
                properties |= {"SslPolicy": TLS_POLICY, "Certificates": [{"CertificateArn": Ref(nlb.certificate)}]}
            template.add(logical_id(nlb.listener_id(listener)), "AWS::ElasticLoadBalancingV2::Listener", properties,
                         represents=nlb.listener_id(listener))
