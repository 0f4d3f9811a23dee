"""API Gateway: an HTTP or WebSocket API (API Gateway v2) or a REST API, one stage, every path to the
integration (a Lambda function, by proxy; a load balancer, by HTTP proxy to its DNS name), Cognito JWT
authorization where the spec names a user pool."""

from __future__ import annotations

import json

from stackwright.plan.edge import API_SUBDOMAIN, DOMAIN_PARAMETER
from stackwright.plan.model import Api, Join, Plan, Ref
from stackwright.render.cloudformation.template import Template, get_att, logical_id

ACCESS_LOG_FORMAT = json.dumps({"requestId": "$context.requestId", "ip": "$context.identity.sourceIp",
                                "requestTime": "$context.requestTime", "routeKey": "$context.routeKey",
                                "status": "$context.status", "latency": "$context.responseLatency"},
                               sort_keys=True)
# Route keys and the logical id suffix of each route (a WebSocket API's connect and disconnect go to the
# integration too).
ROUTES = {"$default": "Route", "$connect": "ConnectRoute", "$disconnect": "DisconnectRoute"}


def _function_uri(api: Api) -> dict:
    return {"Fn::Sub": ["arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
                        "${Function}/invocations", {"Function": Ref(api.target, "arn")}]}


def _permission(template: Template, logical: str, api: Api) -> None:
    template.add(f"{logical}Invoke", "AWS::Lambda::Permission", {
        "Action": "lambda:InvokeFunction", "FunctionName": Ref(api.target, "arn"),
        "Principal": "apigateway.amazonaws.com",
        "SourceArn": {"Fn::Sub": f"arn:${{AWS::Partition}}:execute-api:${{AWS::Region}}:${{AWS::AccountId}}:"
                                 f"${{{logical}}}/*"}})


def render(component: str, plan: Plan, template: Template) -> None:
    for api in plan.of(plan.apis, component):
        if api.protocol == "REST":
            _rest(plan, template, api)
        else:
            _v2(plan, template, api)


def _v2(plan: Plan, template: Template, api: Api) -> None:
    logical = logical_id(api.id)
    websocket = api.protocol == "WEBSOCKET"
    properties = {"Name": api.name, "ProtocolType": api.protocol,
                  "Description": api.spec.description or f"{api.component} ({plan.name})"}
    if websocket:
        properties["RouteSelectionExpression"] = "$request.body.action"
    template.add(logical, "AWS::ApiGatewayV2::Api", properties, represents=api.id)
    integration = {"ApiId": {"Ref": logical}}
    if api.target_kind == "function":
        integration |= {"IntegrationType": "AWS_PROXY", "IntegrationUri": _function_uri(api)}
        if not websocket:
            integration["PayloadFormatVersion"] = "2.0"
        _permission(template, logical, api)
    elif api.listener:  # privately, through a VPC link in the app subnets, to the listener or Cloud Map service
        template.add(f"{logical}VpcLink", "AWS::ApiGatewayV2::VpcLink", {
            "Name": api.name, "SubnetIds": [Ref(s) for s in api.vpc_link_subnets],
            "SecurityGroupIds": [Ref(api.vpc_link_security_group)]})
        integration |= {"IntegrationType": "HTTP_PROXY", "IntegrationMethod": "ANY",
                        "ConnectionType": "VPC_LINK", "ConnectionId": {"Ref": f"{logical}VpcLink"},
                        "IntegrationUri": Ref(api.listener, "arn"), "PayloadFormatVersion": "1.0"}
        if api.verify_tls:
            integration["TlsConfig"] = {"ServerNameToVerify": Join((f"{API_SUBDOMAIN}.", Ref(DOMAIN_PARAMETER)))}
    else:
        integration |= {"IntegrationType": "HTTP_PROXY", "IntegrationMethod": "ANY",
                        "IntegrationUri": Join(("https://", Ref(api.target, "dns_name")))}
    template.add(f"{logical}Integration", "AWS::ApiGatewayV2::Integration", integration)
    authorization: dict = {"AuthorizationType": "NONE"}
    if api.authorizer:
        pool = logical_id(api.authorizer)
        template.add(f"{logical}Authorizer", "AWS::ApiGatewayV2::Authorizer", {
            "ApiId": {"Ref": logical}, "AuthorizerType": "JWT", "Name": f"{api.name}-cognito",
            "IdentitySource": ["$request.header.Authorization"],
            "JwtConfiguration": {"Audience": [{"Ref": f"{pool}Client"}],
                                 "Issuer": {"Fn::Sub": f"https://cognito-idp.${{AWS::Region}}.amazonaws.com/${{{pool}}}"}},
        })
        authorization = {"AuthorizationType": "JWT", "AuthorizerId": {"Ref": f"{logical}Authorizer"}}
    for key, suffix in ROUTES.items():
        if websocket or key == "$default":
            template.add(f"{logical}{suffix}", "AWS::ApiGatewayV2::Route", {
                "ApiId": {"Ref": logical}, "RouteKey": key, **authorization,
                "Target": {"Fn::Sub": f"integrations/${{{logical}Integration}}"}})
    stage = {"ApiId": {"Ref": logical}, "StageName": api.spec.stage, "AutoDeploy": True}
    if api.log_group:
        stage["AccessLogSettings"] = {"DestinationArn": Ref(api.log_group, "arn"), "Format": ACCESS_LOG_FORMAT}
    template.add(f"{logical}Stage", "AWS::ApiGatewayV2::Stage", stage, element=api)
    scheme = "wss" if websocket else "https"
    template.output(f"{logical}Url", f"Invoke URL of {api.component}", {
        "Fn::Sub": f"{scheme}://${{{logical}}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}/{api.spec.stage}"})


def rest_base(api: Api) -> tuple:
    """Where a REST API's load balancer integration sends requests: the balancer's DNS name over HTTPS, or
    through a VPC link, the NLB listener's port (over TLS by api.<domain>, the name its certificate carries;
    a TCP listener over plain HTTP to the NLB's DNS name)."""
    if not api.listener:
        return "https://", Ref(api.target, "dns_name")
    if api.verify_tls:
        return f"https://{API_SUBDOMAIN}.", Ref(DOMAIN_PARAMETER), f":{api.listener_port}"
    return "http://", Ref(api.target, "dns_name"), f":{api.listener_port}"


def _rest(plan: Plan, template: Template, api: Api) -> None:
    logical = logical_id(api.id)
    template.add(logical, "AWS::ApiGateway::RestApi", {
        "Name": api.name, "Description": api.spec.description or f"{api.component} ({plan.name})",
        "EndpointConfiguration": {"Types": ["REGIONAL"]}}, represents=api.id)
    template.add(f"{logical}Proxy", "AWS::ApiGateway::Resource", {
        "RestApiId": {"Ref": logical}, "ParentId": get_att(logical, "RootResourceId"), "PathPart": "{proxy+}"})
    base = rest_base(api)
    if api.target_kind == "function":
        integration = {"Type": "AWS_PROXY", "IntegrationHttpMethod": "POST", "Uri": _function_uri(api)}
        _permission(template, logical, api)
    else:
        integration = {"Type": "HTTP_PROXY", "IntegrationHttpMethod": "ANY", "Uri": Join((*base, "/{proxy}")),
                       "RequestParameters": {"integration.request.path.proxy": "method.request.path.proxy"}}
        if api.listener:  # privately, through a VPC link (PrivateLink) to the Network Load Balancer
            template.add(f"{logical}VpcLink", "AWS::ApiGateway::VpcLink", {
                "Name": api.name, "Description": f"VPC link of API {api.component} to {api.target}",
                "TargetArns": [Ref(api.target)]})
            integration |= {"ConnectionType": "VPC_LINK", "ConnectionId": {"Ref": f"{logical}VpcLink"}}
    authorization: dict = {"AuthorizationType": "NONE"}
    if api.authorizer:
        template.add(f"{logical}Authorizer", "AWS::ApiGateway::Authorizer", {
            "RestApiId": {"Ref": logical}, "Name": f"{api.name}-cognito", "Type": "COGNITO_USER_POOLS",
            "IdentitySource": "method.request.header.Authorization",
            "ProviderARNs": [Ref(api.authorizer, "arn")]})
        authorization = {"AuthorizationType": "COGNITO_USER_POOLS", "AuthorizerId": {"Ref": f"{logical}Authorizer"}}
    methods = []
    for suffix, parent in (("Root", get_att(logical, "RootResourceId")), ("Any", {"Ref": f"{logical}Proxy"})):
        method = {"RestApiId": {"Ref": logical}, "ResourceId": parent, "HttpMethod": "ANY", **authorization,
                  "Integration": integration}
        if suffix == "Any":
            method["RequestParameters"] = {"method.request.path.proxy": True}
        elif api.target_kind == "load_balancer":
            method["Integration"] = {**integration, "Uri": Join((*base, "/")), "RequestParameters": {}}
        methods.append(template.add(f"{logical}Method{suffix}", "AWS::ApiGateway::Method", method, element=api))
    template.add(f"{logical}Deployment", "AWS::ApiGateway::Deployment", {"RestApiId": {"Ref": logical}},
                 DependsOn=methods)
    template.add(f"{logical}Stage", "AWS::ApiGateway::Stage", {
        "RestApiId": {"Ref": logical}, "StageName": api.spec.stage,
        "DeploymentId": {"Ref": f"{logical}Deployment"}, "TracingEnabled": False}, element=api)
    template.output(f"{logical}Url", f"Invoke URL of {api.component}", {
        "Fn::Sub": f"https://${{{logical}}}.execute-api.${{AWS::Region}}.${{AWS::URLSuffix}}/{api.spec.stage}"})
