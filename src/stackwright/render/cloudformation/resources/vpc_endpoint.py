"""VPC endpoints: interface endpoints with private DNS in the workloads' subnets, gateway endpoints on
their route tables."""

from __future__ import annotations

from stackwright.plan.model import Endpoint, Plan, Ref
from stackwright.render.cloudformation.template import Template, logical_id


def endpoint(plan: Plan, template: Template, planned: Endpoint) -> str:
    properties = {
        "VpcId": Ref("vpc"),
        "ServiceName": {"Fn::Sub": f"com.amazonaws.${{AWS::Region}}.{planned.service}"},
    }
    if planned.type == "gateway":
        properties |= {"VpcEndpointType": "Gateway", "RouteTableIds": [Ref(t) for t in planned.route_tables]}
    else:
        properties |= {"VpcEndpointType": "Interface", "PrivateDnsEnabled": True,
                       "SubnetIds": [Ref(s) for s in planned.subnets], "SecurityGroupIds": [Ref(planned.security_group)]}
    return template.add(logical_id(planned.id), "AWS::EC2::VPCEndpoint", properties, represents=planned.id)


def render(component: str, plan: Plan, template: Template) -> None:
    for planned in plan.of(plan.network.endpoints, component):
        endpoint(plan, template, planned)
