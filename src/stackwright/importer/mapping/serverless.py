"""Serverless: Lambda functions (with their provisioned concurrency), API Gateway APIs (with the function or
load balancer they integrate), DynamoDB tables and Cognito user pools, as the spec's serverless kinds.

What a kind cannot say (a runtime it has no placeholder for, global secondary indexes, a table class other
than Standard, the Lite feature plan, an integration this code does not hold) raises NotPriceable, and the
resource is then priced by its AWS resource cost module instead (stackwright.resources.types)."""

from __future__ import annotations

import math

from typing import get_args

from stackwright.importer.mapping.registry import Priced, maps
from stackwright.importer.resources import IacResource, NotPriceable, items
from stackwright.spec.model import LambdaRuntime

LAMBDA_USAGE = ("monthly_requests", "request_duration_ms")
API_USAGE = ("monthly_requests", "request_size_kb", "monthly_messages", "message_size_kb", "monthly_connection_mins")
TABLE_USAGE = ("storage_gb", "monthly_read_request_units", "monthly_write_request_units", "pitr_backup_storage_gb",
               "on_demand_backup_storage_gb", "monthly_streams_read_request_units")
FUNCTIONS = ("aws_lambda_function", "AWS::Lambda::Function")
BALANCERS = ("aws_lb", "aws_alb", "AWS::ElasticLoadBalancingV2::LoadBalancer")
POOLS = ("aws_cognito_user_pool", "AWS::Cognito::UserPool")


def _single(r: IacResource) -> None:
    """Instances of a count/for_each block keep their own addresses and usage entries: priced one by one by
    their cost module, not folded into one spec component."""
    if r.address != r.block:
        raise NotPriceable("an instance of a count/for_each block: priced by its resource cost module")


def _given(fields: dict, ctx, r: IacResource, key: str, field: str) -> None:
    value = ctx.usage(r, key)
    if value is not None:
        fields[field] = value


def _number(value, default):
    if value is None:
        return default
    number = float(value)
    if not math.isfinite(number):
        raise NotPriceable(f"{value!r} is not a finite number")
    return int(number)


# ---------------------------------------------------------------------------------------------- Lambda


def _function(r: IacResource, ctx, *, runtime, arch, memory, timeout, storage, concurrency, covers) -> Priced:
    _single(r)
    if runtime not in get_args(LambdaRuntime):
        raise NotPriceable(f"runtime {runtime!r} is not one the lambda_function kind plans")
    fields = {"kind": "lambda_function", "runtime": runtime, "architecture": "arm64" if "arm64" in arch else "x86_64",
              "memory_mb": _number(memory, 128), "timeout_seconds": _number(timeout, 3),
              "ephemeral_storage_mb": _number(storage, 512), "provisioned_concurrency": concurrency}
    _given(fields, ctx, r, "monthly_requests", "requests_per_month")
    duration = ctx.given(r, "request_duration_ms")
    if duration is not None:
        fields["average_duration_ms"] = duration
    return Priced(fields, covers=covers)


@maps("aws_lambda_function", usage=LAMBDA_USAGE)
def tf_function(r: IacResource, ctx):
    configs = ctx.referrers(r, "aws_lambda_provisioned_concurrency_config", prop="function_name")
    concurrency = sum(_number(c.get("provisioned_concurrent_executions"), 0) for c in configs)
    return _function(r, ctx, runtime=r.get("runtime"), arch=r.get("architectures", default=["x86_64"]),
                     memory=r.get("memory_size"), timeout=r.get("timeout"),
                     storage=r.get("ephemeral_storage", "size"), concurrency=concurrency,
                     covers=tuple(c.address for c in configs))


@maps("AWS::Lambda::Function", usage=LAMBDA_USAGE)
def cfn_function(r: IacResource, ctx):
    versions = ctx.referrers(r, "AWS::Lambda::Version", prop="FunctionName")
    concurrency = sum(_number(v.get("ProvisionedConcurrencyConfig", "ProvisionedConcurrentExecutions"), 0)
                      for v in versions)
    return _function(r, ctx, runtime=r.get("Runtime"), arch=r.get("Architectures", default=["x86_64"]),
                     memory=r.get("MemorySize"), timeout=r.get("Timeout"),
                     storage=r.get("EphemeralStorage", "Size"), concurrency=concurrency,
                     covers=tuple(v.address for v in versions))


# A provisioned-concurrency configuration (or a Lambda version holding one) has no mapper: its own cost
# module prices it, as the spec's bill prices the one the plan makes; the function's kind counts it for the
# spec written out.


# ---------------------------------------------------------------------------------------------- API Gateway


def _target(ctx, values: list) -> str:
    """The component (named by its block) an API's integrations reach: one function or load balancer."""
    found = {t.block for value in values for t in ctx.referenced(value, *FUNCTIONS, *BALANCERS)}
    if len(found) != 1:
        raise NotPriceable("its integration reaches no single Lambda function or load balancer of this code")
    return found.pop()


def _authorizer(ctx, values: list) -> str | None:
    pools = {p.block for value in values for p in ctx.referenced(value, *POOLS)}
    return pools.pop() if len(pools) == 1 else None


def _api(r: IacResource, ctx, kind: str, integration: str, authorizer: str | None) -> Priced:
    _single(r)
    fields = {"kind": "api_gateway", "type": kind, "integration": integration}
    if authorizer and kind != "websocket":
        fields["authorizer"] = authorizer
    if kind == "websocket":
        _given(fields, ctx, r, "monthly_messages", "messages_per_month")
        _given(fields, ctx, r, "monthly_connection_mins", "connection_minutes_per_month")
    else:
        _given(fields, ctx, r, "monthly_requests", "requests_per_month")
    return Priced(fields)


@maps("aws_apigatewayv2_api", usage=API_USAGE)
def tf_v2(r: IacResource, ctx):
    kind = "websocket" if str(r.get("protocol_type", default="HTTP")).upper() == "WEBSOCKET" else "http"
    integrations = ctx.referrers(r, "aws_apigatewayv2_integration", prop="api_id")
    authorizers = ctx.referrers(r, "aws_apigatewayv2_authorizer", prop="api_id")
    return _api(r, ctx, kind, _target(ctx, [i.props.get("integration_uri") for i in integrations]),
                _authorizer(ctx, [a.props for a in authorizers]))


@maps("AWS::ApiGatewayV2::Api", usage=API_USAGE)
def cfn_v2(r: IacResource, ctx):
    kind = "websocket" if str(r.get("ProtocolType", default="HTTP")).upper() == "WEBSOCKET" else "http"
    integrations = ctx.referrers(r, "AWS::ApiGatewayV2::Integration", prop="ApiId")
    authorizers = ctx.referrers(r, "AWS::ApiGatewayV2::Authorizer", prop="ApiId")
    return _api(r, ctx, kind, _target(ctx, [i.props.get("IntegrationUri") for i in integrations]),
                _authorizer(ctx, [a.props for a in authorizers]))


@maps("aws_api_gateway_rest_api", usage=("monthly_requests",))
def tf_rest(r: IacResource, ctx):
    integrations = ctx.referrers(r, "aws_api_gateway_integration", prop="rest_api_id")
    authorizers = ctx.referrers(r, "aws_api_gateway_authorizer", prop="rest_api_id")
    return _api(r, ctx, "rest", _target(ctx, [i.props.get("uri") for i in integrations]),
                _authorizer(ctx, [a.props.get("provider_arns") for a in authorizers]))


@maps("AWS::ApiGateway::RestApi", usage=("monthly_requests",))
def cfn_rest(r: IacResource, ctx):
    methods = ctx.referrers(r, "AWS::ApiGateway::Method", prop="RestApiId")
    authorizers = ctx.referrers(r, "AWS::ApiGateway::Authorizer", prop="RestApiId")
    return _api(r, ctx, "rest", _target(ctx, [m.props.get("Integration") for m in methods]),
                _authorizer(ctx, [a.props.get("ProviderARNs") for a in authorizers]))


# ---------------------------------------------------------------------------------------------- DynamoDB


def _table(r: IacResource, ctx, *, mode, rcu, wcu, keys, pitr, streams, table_class, indexes) -> Priced:
    _single(r)
    if indexes:
        raise NotPriceable("global secondary indexes are not in the dynamodb_table kind")
    if str(table_class or "STANDARD").upper() != "STANDARD":
        raise NotPriceable(f"table class {table_class} is not in the dynamodb_table kind")
    provisioned = str(mode or "PROVISIONED").upper() == "PROVISIONED"
    fields = {"kind": "dynamodb_table", "billing": "provisioned" if provisioned else "on_demand",
              "point_in_time_recovery": bool(pitr), "streams": bool(streams)}
    if provisioned:
        fields |= {"read_capacity": _number(rcu, 1), "write_capacity": _number(wcu, 1)}
    partition, sort = keys
    if partition:
        fields["partition_key"] = partition
    fields["sort_key"] = sort
    _given(fields, ctx, r, "storage_gb", "storage_gb")
    if not provisioned:
        _given(fields, ctx, r, "monthly_read_request_units", "reads_per_month")
        _given(fields, ctx, r, "monthly_write_request_units", "writes_per_month")
    return Priced(fields)


@maps("aws_dynamodb_table", usage=TABLE_USAGE)
def tf_table(r: IacResource, ctx):
    return _table(r, ctx, mode=r.get("billing_mode"), rcu=r.get("read_capacity"), wcu=r.get("write_capacity"),
                  keys=(r.get("hash_key"), r.get("range_key")),
                  pitr=r.get("point_in_time_recovery", "enabled") in (True, "true"),
                  streams=r.get("stream_enabled") in (True, "true"), table_class=r.get("table_class"),
                  indexes=items(r.props.get("global_secondary_index"), "global_secondary_index"))


@maps("AWS::DynamoDB::Table", usage=TABLE_USAGE)
def cfn_table(r: IacResource, ctx):
    schema = {k.get("KeyType"): k.get("AttributeName") for k in items(r.get("KeySchema"), "KeySchema")}
    return _table(r, ctx, mode=r.get("BillingMode"), rcu=r.get("ProvisionedThroughput", "ReadCapacityUnits"),
                  wcu=r.get("ProvisionedThroughput", "WriteCapacityUnits"), keys=(schema.get("HASH"), schema.get("RANGE")),
                  pitr=r.get("PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled") in (True, "true"),
                  streams=r.get("StreamSpecification") is not None, table_class=r.get("TableClass"),
                  indexes=items(r.get("GlobalSecondaryIndexes"), "GlobalSecondaryIndexes"))


# ---------------------------------------------------------------------------------------------- Cognito


def _pool(r: IacResource, ctx, tier) -> Priced:
    _single(r)
    tier = str(tier or "ESSENTIALS").upper()
    if tier not in ("ESSENTIALS", "PLUS"):
        raise NotPriceable(f"the {tier} feature plan is not in the cognito_user_pool kind")
    fields = {"kind": "cognito_user_pool", "advanced_security": tier == "PLUS"}
    users = ctx.usage(r, "monthly_active_users")
    if users is not None:
        fields["monthly_active_users"] = int(float(users))
    return Priced(fields)


@maps("aws_cognito_user_pool", usage=("monthly_active_users",))
def tf_pool(r: IacResource, ctx):
    return _pool(r, ctx, r.get("user_pool_tier"))


@maps("AWS::Cognito::UserPool", usage=("monthly_active_users",))
def cfn_pool(r: IacResource, ctx):
    return _pool(r, ctx, r.get("UserPoolTier"))


