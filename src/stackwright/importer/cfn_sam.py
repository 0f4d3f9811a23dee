"""The `AWS::Serverless-2016-10-31` transform, done offline: SAM resources expanded into the AWS
resources CloudFormation creates from them, with the logical ids SAM gives them, so the mapping prices
what a deployed stack holds.

- `AWS::Serverless::Function` → `AWS::Lambda::Function` (+ `<id>Role` unless a Role is given), with the
  template's `Globals.Function`; its events add the implicit APIs (`ServerlessRestApi`,
  `ServerlessHttpApi`), `AWS::Events::Rule` for schedules and `AWS::Lambda::EventSourceMapping` for
  queues and streams.
- `AWS::Serverless::Api` → `AWS::ApiGateway::RestApi` + `Deployment` + `<id><Stage>Stage`.
- `AWS::Serverless::HttpApi` → `AWS::ApiGatewayV2::Api` + `<id>ApiGatewayDefaultStage`.
- `AWS::Serverless::SimpleTable` → `AWS::DynamoDB::Table` (on demand unless throughput is given).

Each resource made carries `Metadata.SamResourceId`, as `sam build` writes it. Other SAM types (StateMachine, LayerVersion, Application, …) stay as they are and are reported as not
mapped. Reference: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-generated-resources.html
"""

from __future__ import annotations

import copy
from typing import Any

SAM_TRANSFORM = "AWS::Serverless-2016-10-31"
# Function properties SAM passes through to AWS::Lambda::Function under the same name.
LAMBDA_PROPERTIES = ("Architectures", "Description", "Environment", "EphemeralStorage", "FunctionName", "Handler",
                     "KmsKeyArn", "Layers", "MemorySize", "PackageType", "ReservedConcurrentExecutions", "Role",
                     "Runtime", "SnapStart", "Tags", "Timeout", "TracingConfig", "VpcConfig", "LoggingConfig")
QUEUE_EVENTS = {"SQS", "Kinesis", "DynamoDB", "MSK", "MQ", "SelfManagedKafka", "DocumentDB"}


class SamError(ValueError):
    """A SAM resource whose properties do not have the shape the transform needs."""

    def __init__(self, logical_id: str, message: str):
        super().__init__(message)
        self.logical_id = logical_id


def uses_sam(data: dict) -> bool:
    transform = data.get("Transform")
    transforms = transform if isinstance(transform, list) else [transform]
    return SAM_TRANSFORM in transforms


def expand_serverless(data: dict) -> tuple[dict, list[str]]:
    """The template with its SAM resources expanded, and what was expanded ("Fn → AWS::Lambda::Function…")."""
    data = copy.deepcopy(data)
    globals_ = data.get("Globals") if isinstance(data.get("Globals"), dict) else {}
    resources: dict[str, Any] = {}
    expanded: list[str] = []
    implicit: dict[str, dict] = {}
    for logical_id, body in data["Resources"].items():
        kind = body.get("Type") if isinstance(body, dict) else None
        expander = EXPANDERS.get(kind) if isinstance(kind, str) else None
        if expander is None:
            resources[logical_id] = body
            continue
        properties = body.get("Properties") or {}
        if not isinstance(properties, dict):
            raise SamError(logical_id, "its Properties are not a mapping")
        properties = _merged(globals_.get(GLOBALS_SECTION[kind]), properties)
        try:
            made = expander(logical_id, properties, implicit)
        except (AttributeError, TypeError, KeyError) as exc:  # a property of the wrong shape
            raise SamError(logical_id, f"a property has the wrong shape for {kind} ({exc})") from None
        for made_id, made_body in made.items():
            for key in ("Condition", "DependsOn", "DeletionPolicy", "UpdateReplacePolicy"):
                if key in body and made_id.startswith(logical_id):
                    made_body.setdefault(key, body[key])
            metadata = body.get("Metadata")
            made_body["Metadata"] = {**(metadata if isinstance(metadata, dict) else {}), "SamResourceId": logical_id}
        resources.update(made)
        expanded.append(f"{logical_id} ({kind}) → " + ", ".join(f"{k} ({v['Type']})" for k, v in made.items()))
    for api_id, body in implicit.items():  # the APIs SAM creates for events that name no API
        made = (_rest_api if body["Type"] == "AWS::Serverless::Api" else _http_api)(
            api_id, _merged(globals_.get(GLOBALS_SECTION[body["Type"]]), body["Properties"]), {})
        for made_body in made.values():
            made_body["Metadata"] = {"SamResourceId": body["Source"]}
        resources.update(made)
        expanded.append(f"{api_id} (implicit {body['Type']}) → " + ", ".join(made))
    data["Resources"] = resources
    data.pop("Globals", None)
    return data, expanded


def _merged(defaults: Any, properties: dict) -> dict:
    """Globals under a resource's own properties: maps merge, anything else the resource's wins."""
    if not isinstance(defaults, dict):
        return dict(properties)
    result = copy.deepcopy(defaults)
    for key, value in properties.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merged(result[key], value)
        else:
            result[key] = value
    return result


def _function(logical_id: str, properties: dict, implicit: dict) -> dict:
    lambda_properties = {k: properties[k] for k in LAMBDA_PROPERTIES if k in properties}
    lambda_properties.setdefault("MemorySize", 128)
    lambda_properties.setdefault("Timeout", 3)
    if "CodeUri" in properties or "InlineCode" in properties:
        lambda_properties["Code"] = ({"ZipFile": properties["InlineCode"]} if "InlineCode" in properties
                                     else {"S3Key": properties["CodeUri"]})
    elif "ImageUri" in properties:
        lambda_properties["Code"] = {"ImageUri": properties["ImageUri"]}
    made: dict[str, dict] = {}
    if "Role" not in properties:
        role = f"{logical_id}Role"
        made[role] = {"Type": "AWS::IAM::Role", "Properties": {
            "ManagedPolicyArns": ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]}}
        lambda_properties["Role"] = {"Fn::GetAtt": [role, "Arn"]}
    made = {logical_id: {"Type": "AWS::Lambda::Function", "Properties": lambda_properties}, **made}
    if "AutoPublishAlias" in properties:
        made[f"{logical_id}Version"] = {"Type": "AWS::Lambda::Version", "Properties": {"FunctionName": {"Ref": logical_id}}}
        made[f"{logical_id}Alias{properties['AutoPublishAlias']}"] = {"Type": "AWS::Lambda::Alias", "Properties": {
            "FunctionName": {"Ref": logical_id}, "Name": properties["AutoPublishAlias"]}}
    for event_id, event in (properties.get("Events") or {}).items():
        if not isinstance(event, dict):
            continue
        kind, event_properties = event.get("Type"), event.get("Properties") or {}
        if kind in ("Api", "HttpApi"):
            api = event_properties.get("RestApiId" if kind == "Api" else "ApiId")
            if api is None:  # no API named: SAM adds one implicit API per template
                api_id = "ServerlessRestApi" if kind == "Api" else "ServerlessHttpApi"
                implicit.setdefault(api_id, {"Type": f"AWS::Serverless::{kind}", "Properties": {}, "Source": logical_id})
            made[f"{logical_id}{event_id}Permission"] = {"Type": "AWS::Lambda::Permission", "Properties": {
                "FunctionName": {"Ref": logical_id}, "Action": "lambda:InvokeFunction",
                "Principal": "apigateway.amazonaws.com"}}
        elif kind in ("Schedule", "ScheduleV2", "EventBridgeRule", "CloudWatchEvent"):
            made[f"{logical_id}{event_id}"] = {"Type": "AWS::Events::Rule", "Properties": {
                k: v for k, v in {"ScheduleExpression": event_properties.get("Schedule"),
                                  "EventPattern": event_properties.get("Pattern"),
                                  "Targets": [{"Arn": {"Fn::GetAtt": [logical_id, "Arn"]}, "Id": event_id}]}.items()
                if v is not None}}
        elif kind in QUEUE_EVENTS:
            made[f"{logical_id}{event_id}"] = {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {
                "FunctionName": {"Ref": logical_id},
                "EventSourceArn": event_properties.get("Queue") or event_properties.get("Stream"),
                **({"BatchSize": event_properties["BatchSize"]} if "BatchSize" in event_properties else {})}}
        elif kind in ("S3", "SNS"):
            made[f"{logical_id}{event_id}Permission"] = {"Type": "AWS::Lambda::Permission", "Properties": {
                "FunctionName": {"Ref": logical_id}, "Action": "lambda:InvokeFunction",
                "Principal": f"{kind.lower()}.amazonaws.com"}}
    return made


def _rest_api(logical_id: str, properties: dict, implicit: dict) -> dict:
    stage = properties.get("StageName", "Prod")
    api_properties = {k: properties[k] for k in ("Name", "Description", "EndpointConfiguration", "BinaryMediaTypes",
                                                 "MinimumCompressionSize", "Body") if k in properties}
    if "DefinitionBody" in properties:
        api_properties["Body"] = properties["DefinitionBody"]
    stage_properties = {"RestApiId": {"Ref": logical_id}, "StageName": stage,
                        "DeploymentId": {"Ref": f"{logical_id}Deployment"}}
    for key in ("CacheClusterEnabled", "CacheClusterSize", "TracingEnabled", "MethodSettings", "Variables"):
        if key in properties:
            stage_properties[key] = properties[key]
    stage_id = f"{logical_id}{stage}Stage" if isinstance(stage, str) else f"{logical_id}Stage"
    return {
        logical_id: {"Type": "AWS::ApiGateway::RestApi", "Properties": api_properties},
        f"{logical_id}Deployment": {"Type": "AWS::ApiGateway::Deployment",
                                    "Properties": {"RestApiId": {"Ref": logical_id}}},
        stage_id: {"Type": "AWS::ApiGateway::Stage", "Properties": stage_properties},
    }


def _http_api(logical_id: str, properties: dict, implicit: dict) -> dict:
    api_properties = {"ProtocolType": "HTTP", **{k: properties[k] for k in ("Name", "Description", "CorsConfiguration")
                                                 if k in properties}}
    stage = properties.get("StageName", "$default")
    stage_id = f"{logical_id}ApiGatewayDefaultStage" if stage == "$default" else f"{logical_id}{stage}Stage"
    return {
        logical_id: {"Type": "AWS::ApiGatewayV2::Api", "Properties": api_properties},
        stage_id: {"Type": "AWS::ApiGatewayV2::Stage", "Properties": {
            "ApiId": {"Ref": logical_id}, "StageName": stage, "AutoDeploy": True}},
    }


def _simple_table(logical_id: str, properties: dict, implicit: dict) -> dict:
    key = properties.get("PrimaryKey") or {"Name": "id", "Type": "String"}
    attribute_type = {"String": "S", "Number": "N", "Binary": "B"}.get(key.get("Type", "String"), "S")
    table = {
        "AttributeDefinitions": [{"AttributeName": key.get("Name", "id"), "AttributeType": attribute_type}],
        "KeySchema": [{"AttributeName": key.get("Name", "id"), "KeyType": "HASH"}],
    }
    if "ProvisionedThroughput" in properties:
        table["ProvisionedThroughput"] = properties["ProvisionedThroughput"]
        table["BillingMode"] = "PROVISIONED"
    else:
        table["BillingMode"] = "PAY_PER_REQUEST"
    for source, target in (("TableName", "TableName"), ("SSESpecification", "SSESpecification"), ("Tags", "Tags")):
        if source in properties:
            table[target] = properties[source]
    return {logical_id: {"Type": "AWS::DynamoDB::Table", "Properties": table}}


EXPANDERS = {
    "AWS::Serverless::Function": _function,
    "AWS::Serverless::Api": _rest_api,
    "AWS::Serverless::HttpApi": _http_api,
    "AWS::Serverless::SimpleTable": _simple_table,
}
GLOBALS_SECTION = {
    "AWS::Serverless::Function": "Function",
    "AWS::Serverless::Api": "Api",
    "AWS::Serverless::HttpApi": "HttpApi",
    "AWS::Serverless::SimpleTable": "SimpleTable",
}
