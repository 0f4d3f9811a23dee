"""The checkov checks the serverless kinds' resources may fail, and why (added to checkov_skips.RULES)."""

from __future__ import annotations

from typing import Any

from stackwright.plan.model import Api, Function, Plan, Table
from stackwright.validate.checkov_skips import CUSTOMER_KEY, SkipRule, _always, _because, _types

FUNCTION = ("aws_lambda_function", "AWS::Lambda::Function")
REST_STAGE = ("aws_api_gateway_stage", "AWS::ApiGateway::Stage")
REST_METHOD = ("aws_api_gateway_method", "AWS::ApiGateway::Method")
NOT_TRACED = "X-Ray tracing is not in the spec: its traces are not in the bill"
TOKENS_NOT_CERTIFICATES = ("clients are browsers and apps on the internet, authenticated by tokens, not by client "
                           "certificates")
ACCOUNT_LOG_ROLE = ("REST and WebSocket access logs need the account-wide API Gateway CloudWatch role, which one "
                    "stack should not own; the integration's own logs and API Gateway's metrics remain")


def _function(test):
    return lambda plan, element: isinstance(element, Function) and test(element)


def _api(test):
    return lambda plan, element: isinstance(element, Api) and test(element)


def _no_authorizer(plan: Plan, element: Any) -> bool:
    return isinstance(element, Api) and element.authorizer is None


def _provisioned(plan: Plan, element: Any) -> bool:
    return isinstance(element, Table) and element.spec.billing == "provisioned"


RULES: tuple[SkipRule, ...] = (
    SkipRule("CKV_AWS_115", _types(*FUNCTION), _always,
             _because("no reserved concurrency: the spec has no field for it, so the function shares the account's "
                      "pool")),
    SkipRule("CKV_AWS_116", _types(*FUNCTION), _always,
             _because("invoked synchronously through API Gateway (errors return to the caller): there is no "
                      "asynchronous event to dead-letter")),
    SkipRule("CKV_AWS_117", _types(*FUNCTION), _function(lambda fn: not fn.subnets),
             lambda plan, fn: f"the spec keeps it outside the VPC ({fn.component}.vpc: false): it calls AWS APIs "
                              "only, and needs no NAT"),
    SkipRule("CKV_AWS_173", _types(*FUNCTION), _function(lambda fn: bool(fn.environment)),
             _because("its environment holds table names only, no secret; Lambda encrypts it at rest with an AWS "
                      "managed key")),
    SkipRule("CKV_AWS_272", _types(*FUNCTION), _always,
             _because("code signing needs an AWS Signer profile owned by the team's build, outside the spec")),
    SkipRule("CKV_AWS_50", _types(*FUNCTION), _always, _because(NOT_TRACED)),
    SkipRule("CKV_AWS_119", _types("aws_dynamodb_table", "AWS::DynamoDB::Table"), _always, _because(CUSTOMER_KEY)),
    SkipRule("CKV2_AWS_16", _types("aws_dynamodb_table"), _provisioned,
             lambda plan, table: f"capacity is what the spec fixes ({table.component}.read_capacity, write_capacity); "
                                 "billing: on_demand scales instead"),
    SkipRule("CKV_AWS_120", _types(*REST_STAGE), _always,
             _because("a stage cache is billed by the hour and not in the spec")),
    SkipRule("CKV_AWS_73", _types(*REST_STAGE), _always, _because(NOT_TRACED)),
    SkipRule("CKV_AWS_76", _types(*REST_STAGE, "aws_apigatewayv2_stage"), _api(lambda api: api.log_group is None),
             _because(ACCOUNT_LOG_ROLE)),
    SkipRule("CKV_AWS_95", _types("AWS::ApiGatewayV2::Stage"), _api(lambda api: api.log_group is None),
             _because(ACCOUNT_LOG_ROLE)),
    SkipRule("CKV2_AWS_4", _types("aws_api_gateway_stage"), _always, _because(ACCOUNT_LOG_ROLE)),
    SkipRule("CKV2_AWS_29", _types("aws_api_gateway_stage"), _always,
             _because("no waf component protects the API in the spec (a web ACL is billed per ACL and request)")),
    SkipRule("CKV2_AWS_51", _types("aws_api_gateway_stage"), _always, _because(TOKENS_NOT_CERTIFICATES)),
    SkipRule("CKV2_AWS_51", _types("aws_apigatewayv2_stage"), _api(lambda api: api.protocol == "WEBSOCKET"),
             _because(TOKENS_NOT_CERTIFICATES)),
    SkipRule("CKV2_AWS_53", _types("aws_api_gateway_method"), _always,
             _because("a proxy integration: the backend validates the requests it receives")),
    SkipRule("CKV_AWS_59", _types(*REST_METHOD), _no_authorizer,
             lambda plan, api: f"the spec names no authorizer ({api.component}.authorizer): the backend "
                               "authenticates requests itself"),
    SkipRule("CKV_AWS_309", _types("aws_apigatewayv2_route"), _no_authorizer,
             lambda plan, api: f"the spec names no authorizer ({api.component}.authorizer): the backend "
                               "authenticates requests itself"),
)
