"""public_ipv4: the component's Elastic IPs, one resource with for_each over their keys (in-use-1, idle-1, …);
the team attaches those in use to what the plan does not make, by the allocation ids the module outputs."""

from __future__ import annotations

from stackwright.plan.elastic_ips import ElasticIp
from stackwright.plan.model import Plan
from stackwright.plan.operations import of_type
from stackwright.render.terraform._shared import skip_comments
from stackwright.render.terraform.hcl import Call, Expr, Template
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "networking"


def render(component: str, plan: Plan, stack: Stack) -> None:
    addresses = of_type(plan, ElasticIp, component)
    if not addresses:
        return
    name = local_name(component)
    address = f"aws_eip.{name}"
    stack.resource(MODULE, "aws_eip", name, {
        "for_each": Call("toset", ([a.key for a in addresses],)),
        "domain": "vpc",
        "tags": {"Name": Template((f"{plan.name}-{component}-", Expr("each.key")))},
    }, comments=skip_comments(plan, "aws_eip", addresses[0]))
    for planned in addresses:
        stack.represent(planned.id, MODULE, None, f'{address}["{planned.key}"]', "")
    stack.modules[MODULE].outputs[f"{name}_allocation_ids"] = (
        "allocation_id of each aws_eip, by key", Expr(f"{{ for key, eip in {address} : key => eip.allocation_id }}"))
    stack.output(f"{name}_allocation_ids", f"Allocation ids of {component}'s Elastic IPs, by key (attach those in "
                                           "use to what they serve)", Expr(f"module.{MODULE}.{name}_allocation_ids"))
