"""NAT: managed gateways with an Elastic IP each, or EC2 instances that masquerade the private
subnets' traffic (source/destination check off, recovered by an alarm when their host fails)."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.render.terraform._shared import attribute, instance, name_tags, plan_role, resource, role
from stackwright.render.terraform.hcl import Expr
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "networking"


def render(component: str, plan: Plan, stack: Stack) -> None:
    # Gateways and instances need the internet gateway attached before they can take a public address.
    internet_gateway = [Expr(f"aws_internet_gateway.{local_name('internet-gateway')}")]
    for gateway in plan.of(plan.network.nat_gateways, component):
        name = local_name(gateway.id)
        eip = resource(stack, MODULE, "aws_eip", name, {
            "domain": "vpc", "tags": name_tags(plan, gateway.id), "depends_on": internet_gateway}, element=gateway)
        resource(stack, MODULE, "aws_nat_gateway", name, {
            "allocation_id": attribute(eip, "id"), "subnet_id": Ref(gateway.subnet),
            "tags": name_tags(plan, gateway.id), "depends_on": internet_gateway,
        }, element=gateway, represents=gateway.id)
    instances = plan.of(plan.network.nat_instances, component)
    if not instances:
        return
    role(stack, MODULE, plan_role(plan, instances[0].role))
    for planned in instances:
        instance(stack, MODULE, local_name(planned.id), machine_image=planned.machine_image,
                 instance_type=planned.instance_type, role_id=planned.role, volume=planned.volume,
                 subnet=planned.subnet, security_group=planned.security_group, public_ip=True, hop_limit=1,
                 element=planned, represents=planned.id, user_data=planned.user_data, source_dest_check=False)
