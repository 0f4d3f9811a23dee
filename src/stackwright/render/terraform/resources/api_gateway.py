"""API Gateway: an HTTP or WebSocket API (API Gateway v2) or a REST API, one stage, every path to the
integration (a Lambda function, by proxy; a load balancer, by HTTP proxy to its DNS name), Cognito JWT
authorization where the spec names a user pool."""

from __future__ import annotations

from stackwright.plan.edge import API_SUBDOMAIN, DOMAIN_PARAMETER
from stackwright.plan.model import AccountArn, Api, Join, Plan, Ref
from stackwright.render.cloudformation.resources.api_gateway import ACCESS_LOG_FORMAT, rest_base
from stackwright.render.terraform._shared import attribute, name_tags, resource
from stackwright.render.terraform.hcl import Block, Expr, Template
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "serverless"
ROUTES = {"$default": "", "$connect": "_connect", "$disconnect": "_disconnect"}


def render(component: str, plan: Plan, stack: Stack) -> None:
    for api in plan.of(plan.apis, component):
        if api.protocol == "REST":
            _rest(plan, stack, api)
        else:
            _v2(plan, stack, api)


def _permission(stack: Stack, name: str, api: Api, execution_arn: str) -> None:
    stack.resource(MODULE, "aws_lambda_permission", name, {
        "statement_id": "AllowApiGatewayInvoke", "action": "lambda:InvokeFunction",
        "function_name": Ref(api.target, "name"), "principal": "apigateway.amazonaws.com",
        "source_arn": Template((Expr(execution_arn), "/*"))})


def _v2(plan: Plan, stack: Stack, api: Api) -> None:
    name = local_name(api.id)
    websocket = api.protocol == "WEBSOCKET"
    body = {"name": api.name, "protocol_type": api.protocol,
            "description": api.spec.description or f"{api.component} ({plan.name})"}
    if websocket:
        body["route_selection_expression"] = "$request.body.action"
    body["tags"] = name_tags(plan, api.id)
    address = resource(stack, MODULE, "aws_apigatewayv2_api", name, body, element=api, represents=api.id)
    integration = {"api_id": attribute(address, "id")}
    if api.target_kind == "function":
        integration |= {"integration_type": "AWS_PROXY", "integration_uri": Ref(api.target, "arn")}
        if not websocket:
            integration["payload_format_version"] = "2.0"
        _permission(stack, name, api, f"{address}.execution_arn")
    elif api.listener:  # privately, through a VPC link in the app subnets, to the listener or Cloud Map service
        vpc_link = stack.resource(MODULE, "aws_apigatewayv2_vpc_link", name, {
            "name": api.name, "subnet_ids": [Ref(s) for s in api.vpc_link_subnets],
            "security_group_ids": [Ref(api.vpc_link_security_group)], "tags": name_tags(plan, f"{api.id}-vpc-link")})
        integration |= {"integration_type": "HTTP_PROXY", "integration_method": "ANY",
                        "connection_type": "VPC_LINK", "connection_id": attribute(vpc_link, "id"),
                        "integration_uri": Ref(api.listener, "arn"), "payload_format_version": "1.0"}
        if api.verify_tls:
            integration["tls_config"] = Block("tls_config", (), {
                "server_name_to_verify": Join((f"{API_SUBDOMAIN}.", Ref(DOMAIN_PARAMETER)))})
    else:
        integration |= {"integration_type": "HTTP_PROXY", "integration_method": "ANY",
                        "integration_uri": Join(("https://", Ref(api.target, "dns_name")))}
    integration_address = stack.resource(MODULE, "aws_apigatewayv2_integration", name, integration)
    authorization: dict = {"authorization_type": "NONE"}
    if api.authorizer:
        pool = local_name(api.authorizer)
        authorizer = stack.resource(MODULE, "aws_apigatewayv2_authorizer", name, {
            "api_id": attribute(address, "id"), "authorizer_type": "JWT", "name": f"{api.name}-cognito",
            "identity_sources": ["$request.header.Authorization"],
            "jwt_configuration": Block("jwt_configuration", (), {
                "audience": [attribute(f"aws_cognito_user_pool_client.{pool}", "id")],
                "issuer": Template(("https://", Expr(f"aws_cognito_user_pool.{pool}.endpoint")))}),
        })
        authorization = {"authorization_type": "JWT", "authorizer_id": attribute(authorizer, "id")}
    for key, suffix in ROUTES.items():
        if websocket or key == "$default":
            resource(stack, MODULE, "aws_apigatewayv2_route", f"{name}{suffix}", {
                "api_id": attribute(address, "id"), "route_key": key, **authorization,
                "target": Template(("integrations/", attribute(integration_address, "id")))}, element=api)
    stage = {"api_id": attribute(address, "id"), "name": api.spec.stage, "auto_deploy": True,
             "tags": name_tags(plan, f"{api.id}-{api.spec.stage}")}
    if api.log_group:
        stage["access_log_settings"] = Block("access_log_settings", (), {
            "destination_arn": Ref(api.log_group, "arn"), "format": ACCESS_LOG_FORMAT})
    stage_address = resource(stack, MODULE, "aws_apigatewayv2_stage", name, stage, element=api)
    stack.modules[MODULE].outputs[f"{name}_invoke_url"] = (f"invoke URL of {api.component}",
                                                           attribute(stage_address, "invoke_url"))
    stack.output(f"{name}_invoke_url", f"Invoke URL of {api.component}", attribute(f"module.{MODULE}",
                                                                                    f"{name}_invoke_url"))


def _rest(plan: Plan, stack: Stack, api: Api) -> None:
    name = local_name(api.id)
    address = resource(stack, MODULE, "aws_api_gateway_rest_api", name, {
        "name": api.name, "description": api.spec.description or f"{api.component} ({plan.name})",
        "tags": name_tags(plan, api.id),
        "endpoint_configuration": Block("endpoint_configuration", (), {"types": ["REGIONAL"]}),
        "lifecycle": Block("lifecycle", (), {"create_before_destroy": True})},
        element=api, represents=api.id)
    proxy = stack.resource(MODULE, "aws_api_gateway_resource", f"{name}_proxy", {
        "rest_api_id": attribute(address, "id"), "parent_id": attribute(address, "root_resource_id"),
        "path_part": "{proxy+}"})
    authorization: dict = {"authorization": "NONE"}
    if api.authorizer:
        authorizer = stack.resource(MODULE, "aws_api_gateway_authorizer", name, {
            "rest_api_id": attribute(address, "id"), "name": f"{api.name}-cognito", "type": "COGNITO_USER_POOLS",
            "identity_source": "method.request.header.Authorization",
            "provider_arns": [Ref(api.authorizer, "arn")]})
        authorization = {"authorization": "COGNITO_USER_POOLS", "authorizer_id": attribute(authorizer, "id")}
    if api.target_kind == "function":
        _permission(stack, name, api, f"{address}.execution_arn")
    vpc_link = None
    if api.listener:  # privately, through a VPC link (PrivateLink) to the Network Load Balancer
        vpc_link = stack.resource(MODULE, "aws_api_gateway_vpc_link", name, {
            "name": api.name, "description": f"VPC link of API {api.component} to {api.target}",
            "target_arns": [Ref(api.target, "arn")], "tags": name_tags(plan, f"{api.id}-vpc-link")})
    integrations = []
    for suffix, parent in (("_root", attribute(address, "root_resource_id")), ("_any", attribute(proxy, "id"))):
        method = {"rest_api_id": attribute(address, "id"), "resource_id": parent, "http_method": "ANY",
                  **authorization}
        if suffix == "_any":
            method["request_parameters"] = {"method.request.path.proxy": True}
        method_address = resource(stack, MODULE, "aws_api_gateway_method", f"{name}{suffix}", method, element=api)
        integration = {"rest_api_id": attribute(address, "id"), "resource_id": parent,
                       "http_method": attribute(method_address, "http_method")}
        if api.target_kind == "function":
            integration |= {"type": "AWS_PROXY", "integration_http_method": "POST",
                            "uri": Ref(api.target, "invoke_arn")}
        else:
            path = "/{proxy}" if suffix == "_any" else "/"
            integration |= {"type": "HTTP_PROXY", "integration_http_method": "ANY",
                            "uri": Join((*rest_base(api), path))}
            if vpc_link:
                integration |= {"connection_type": "VPC_LINK", "connection_id": attribute(vpc_link, "id")}
            if suffix == "_any":
                integration["request_parameters"] = {"integration.request.path.proxy": "method.request.path.proxy"}
        integrations.append(stack.resource(MODULE, "aws_api_gateway_integration", f"{name}{suffix}", integration))
    deployment = stack.resource(MODULE, "aws_api_gateway_deployment", name, {
        "rest_api_id": attribute(address, "id"),
        "depends_on": [Expr(i) for i in integrations],
        "lifecycle": Block("lifecycle", (), {"create_before_destroy": True})})
    stage = resource(stack, MODULE, "aws_api_gateway_stage", name, {
        "rest_api_id": attribute(address, "id"), "deployment_id": attribute(deployment, "id"),
        "stage_name": api.spec.stage, "tags": name_tags(plan, f"{api.id}-{api.spec.stage}")}, element=api)
    stack.modules[MODULE].outputs[f"{name}_invoke_url"] = (f"invoke URL of {api.component}",
                                                           attribute(stage, "invoke_url"))
    stack.output(f"{name}_invoke_url", f"Invoke URL of {api.component}", attribute(f"module.{MODULE}",
                                                                                    f"{name}_invoke_url"))
