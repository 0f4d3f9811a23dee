"""DynamoDB tables, Lambda functions and permissions, Cognito user pools and app clients, API Gateway
HTTP/WebSocket APIs: found, checked and (on the local target) made through their service APIs."""

from __future__ import annotations

import io
import json
import zipfile

from stackwright.deploy.kinds.base import Kind, absent_if_missing, differences, undone_on_error


class Table(Kind):
    type = "AWS::DynamoDB::Table"
    service_api = "dynamodb.create_table"
    emulates = frozenset({"TableName", "BillingMode", "AttributeDefinitions", "KeySchema", "ProvisionedThroughput",
                          "StreamSpecification", "PointInTimeRecoverySpecification", "SSESpecification", "Tags"})

    def inventory(self, aws):
        return set(aws("dynamodb").list_tables()["TableNames"])

    def find(self, aws, r):
        found = absent_if_missing(aws("dynamodb").describe_table, TableName=r.physical_id)
        return found["Table"] if found else None

    def check(self, state, r):
        mode = (state.get("BillingModeSummary") or {}).get("BillingMode", "PROVISIONED")
        return differences(("TableName", state["TableName"], r.get("TableName")),
                           ("BillingMode", mode, r.get("BillingMode")),
                           ("KeySchema", [k["AttributeName"] for k in state["KeySchema"]],
                            [k["AttributeName"] for k in r["KeySchema"]]))

    def attribute(self, state, r, name):
        values = {"Arn": state["TableArn"], "StreamArn": state.get("LatestStreamArn")}
        return values[name] if values.get(name) else super().attribute(state, r, name)

    def create(self, aws, r):
        dynamodb = aws("dynamodb")
        name = r.get("TableName", r.name)
        optional = {}
        if r.get("ProvisionedThroughput"):
            optional["ProvisionedThroughput"] = r["ProvisionedThroughput"]
        if r.get("StreamSpecification"):
            optional["StreamSpecification"] = {"StreamEnabled": True, **r["StreamSpecification"]}
        dynamodb.create_table(TableName=name, BillingMode=r.get("BillingMode", "PROVISIONED"),
                              AttributeDefinitions=r["AttributeDefinitions"], KeySchema=r["KeySchema"],
                              SSESpecification=r.get("SSESpecification", {"Enabled": False}) and {"Enabled": True},
                              **optional)
        if (r.get("PointInTimeRecoverySpecification") or {}).get("PointInTimeRecoveryEnabled"):
            with undone_on_error(lambda: dynamodb.delete_table(TableName=name)):
                dynamodb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={
                    "PointInTimeRecoveryEnabled": True})
        return name

    def delete(self, aws, r, state):
        aws("dynamodb").delete_table(TableName=state["TableName"])


def _zip(source: str, runtime: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py" if runtime.startswith("python") else "index.js", source)
    return buffer.getvalue()


class Function(Kind):
    type = "AWS::Lambda::Function"
    service_api = "lambda.create_function"
    emulates = frozenset({"FunctionName", "Description", "Runtime", "Architectures", "Handler", "Code", "MemorySize",
                          "Timeout", "EphemeralStorage", "Role", "Environment", "VpcConfig", "LoggingConfig", "Tags"})

    def inventory(self, aws):
        return {f["FunctionName"] for f in aws("lambda").list_functions()["Functions"]}

    def find(self, aws, r):
        found = absent_if_missing(aws("lambda").get_function, FunctionName=r.physical_id)
        return found["Configuration"] if found else None

    def check(self, state, r):
        return differences(("Runtime", state.get("Runtime"), r.get("Runtime")),
                           ("MemorySize", state.get("MemorySize"), r.get("MemorySize")),
                           ("Timeout", state.get("Timeout"), r.get("Timeout")),
                           ("Architectures", state.get("Architectures"), r.get("Architectures")))

    def attribute(self, state, r, name):
        values = {"Arn": state["FunctionArn"]}
        return values[name] if name in values else super().attribute(state, r, name)

    def create(self, aws, r):
        name = r.get("FunctionName", r.name[:64])
        optional = {key: r.get(key) for key in ("Description", "MemorySize", "Timeout", "Architectures")
                    if r.get(key) is not None}
        if r.get("Environment"):
            optional["Environment"] = r["Environment"]
        if r.get("EphemeralStorage"):
            optional["EphemeralStorage"] = r["EphemeralStorage"]
        if r.get("VpcConfig"):
            optional["VpcConfig"] = r["VpcConfig"]
        if r.get("LoggingConfig"):
            optional["LoggingConfig"] = r["LoggingConfig"]
        aws("lambda").create_function(FunctionName=name, Runtime=r["Runtime"], Role=r["Role"], Handler=r["Handler"],
                                      Code={"ZipFile": _zip(r["Code"]["ZipFile"], r["Runtime"])},
                                      Tags=r.tags, **optional)
        return name

    def delete(self, aws, r, state):
        aws("lambda").delete_function(FunctionName=state["FunctionName"])


class UserPool(Kind):
    type = "AWS::Cognito::UserPool"
    service_api = "cognito-idp.create_user_pool"
    emulates = frozenset({"UserPoolName", "UsernameAttributes", "AutoVerifiedAttributes", "MfaConfiguration",
                          "Policies", "AccountRecoverySetting", "UserPoolTier", "UserPoolAddOns"})

    def inventory(self, aws):
        return {p["Id"] for p in aws("cognito-idp").list_user_pools(MaxResults=60)["UserPools"]}

    def find(self, aws, r):
        found = absent_if_missing(aws("cognito-idp").describe_user_pool, UserPoolId=r.physical_id,
                                  missing=("ResourceNotFoundException",))
        return found["UserPool"] if found else None

    def check(self, state, r):
        return differences(("UserPoolName", state.get("Name"), r.get("UserPoolName")),
                           ("MfaConfiguration", state.get("MfaConfiguration"), r.get("MfaConfiguration")))

    def attribute(self, state, r, name):
        values = {"Arn": state["Arn"], "ProviderName": f"cognito-idp.amazonaws.com/{state['Id']}"}
        return values[name] if name in values else super().attribute(state, r, name)

    def create(self, aws, r):
        optional = {key: r.get(key) for key in ("UsernameAttributes", "AutoVerifiedAttributes", "MfaConfiguration",
                                                 "Policies", "AccountRecoverySetting", "UserPoolAddOns")
                    if r.get(key) is not None}
        created = aws("cognito-idp").create_user_pool(PoolName=r.get("UserPoolName", r.name), UserPoolTags=r.tags,
                                                      **optional)
        return created["UserPool"]["Id"]

    def delete(self, aws, r, state):
        aws("cognito-idp").delete_user_pool(UserPoolId=state["Id"])


class UserPoolClient(Kind):
    type = "AWS::Cognito::UserPoolClient"
    service_api = "cognito-idp.create_user_pool_client"
    emulates = frozenset({"UserPoolId", "ClientName", "GenerateSecret", "ExplicitAuthFlows",
                          "PreventUserExistenceErrors"})

    def find(self, aws, r):
        found = absent_if_missing(aws("cognito-idp").describe_user_pool_client, UserPoolId=r["UserPoolId"],
                                  ClientId=r.physical_id, missing=("ResourceNotFoundException",))
        return found["UserPoolClient"] if found else None

    def check(self, state, r):
        return differences(("ClientName", state.get("ClientName"), r.get("ClientName")))

    def create(self, aws, r):
        optional = {key: r.get(key) for key in ("GenerateSecret", "ExplicitAuthFlows", "PreventUserExistenceErrors")
                    if r.get(key) is not None}
        created = aws("cognito-idp").create_user_pool_client(UserPoolId=r["UserPoolId"],
                                                             ClientName=r.get("ClientName", r.name), **optional)
        return created["UserPoolClient"]["ClientId"]

    def delete(self, aws, r, state):
        aws("cognito-idp").delete_user_pool_client(UserPoolId=state["UserPoolId"], ClientId=state["ClientId"])


class HttpApi(Kind):
    type = "AWS::ApiGatewayV2::Api"
    service_api = "apigatewayv2.create_api"
    emulates = frozenset({"Name", "ProtocolType", "Description", "RouteSelectionExpression"})

    def inventory(self, aws):
        return {a["ApiId"] for a in aws("apigatewayv2").get_apis()["Items"]}

    def find(self, aws, r):
        return absent_if_missing(aws("apigatewayv2").get_api, ApiId=r.physical_id)

    def check(self, state, r):
        return differences(("Name", state.get("Name"), r.get("Name")),
                           ("ProtocolType", state.get("ProtocolType"), r.get("ProtocolType")))

    def attribute(self, state, r, name):
        values = {"ApiEndpoint": state.get("ApiEndpoint"), "ApiId": state["ApiId"]}
        return values[name] if values.get(name) else super().attribute(state, r, name)

    def create(self, aws, r):
        optional = {key: r.get(key) for key in ("Description", "RouteSelectionExpression") if r.get(key) is not None}
        created = aws("apigatewayv2").create_api(Name=r["Name"], ProtocolType=r["ProtocolType"], Tags=r.tags,
                                                 **optional)
        return created["ApiId"]

    def delete(self, aws, r, state):
        aws("apigatewayv2").delete_api(ApiId=state["ApiId"])




class _ApiPart:
    """A part of an API Gateway v2 API, found by the API's id and its own."""

    get: str  # the apigatewayv2 call that describes one
    id_key: str  # the request and response key of its id

    def find(self, aws, r):
        return absent_if_missing(getattr(aws("apigatewayv2"), self.get), ApiId=r["ApiId"],
                                 **{self.id_key: r.physical_id})

    def delete(self, aws, r, state):
        name = self.get.replace("get_", "delete_")
        absent_if_missing(getattr(aws("apigatewayv2"), name), ApiId=r["ApiId"], **{self.id_key: state[self.id_key]})


class Integration(_ApiPart, Kind):
    type = "AWS::ApiGatewayV2::Integration"
    service_api = "apigatewayv2.create_integration"
    emulates = frozenset({"ApiId", "IntegrationType", "IntegrationUri", "IntegrationMethod", "PayloadFormatVersion"})
    get, id_key = "get_integration", "IntegrationId"

    def check(self, state, r):
        return differences(("IntegrationType", state.get("IntegrationType"), r.get("IntegrationType")))

    def create(self, aws, r):
        optional = {key: r.get(key) for key in ("IntegrationUri", "IntegrationMethod", "PayloadFormatVersion")
                    if r.get(key) is not None}
        return aws("apigatewayv2").create_integration(ApiId=r["ApiId"], IntegrationType=r["IntegrationType"],
                                                      **optional)["IntegrationId"]


class Authorizer(_ApiPart, Kind):
    type = "AWS::ApiGatewayV2::Authorizer"
    service_api = "apigatewayv2.create_authorizer"
    emulates = frozenset({"ApiId", "AuthorizerType", "Name", "IdentitySource", "JwtConfiguration"})
    get, id_key = "get_authorizer", "AuthorizerId"

    def check(self, state, r):
        return differences(("AuthorizerType", state.get("AuthorizerType"), r.get("AuthorizerType")))

    def create(self, aws, r):
        return aws("apigatewayv2").create_authorizer(
            ApiId=r["ApiId"], AuthorizerType=r["AuthorizerType"], Name=r["Name"], IdentitySource=r["IdentitySource"],
            JwtConfiguration=r.get("JwtConfiguration", {}))["AuthorizerId"]


class Route(_ApiPart, Kind):
    type = "AWS::ApiGatewayV2::Route"
    service_api = "apigatewayv2.create_route"
    emulates = frozenset({"ApiId", "RouteKey", "Target", "AuthorizationType", "AuthorizerId"})
    get, id_key = "get_route", "RouteId"

    def check(self, state, r):
        return differences(("RouteKey", state.get("RouteKey"), r.get("RouteKey")),
                           ("AuthorizationType", state.get("AuthorizationType"), r.get("AuthorizationType")))

    def create(self, aws, r):
        optional = {key: r.get(key) for key in ("Target", "AuthorizationType", "AuthorizerId") if r.get(key) is not None}
        return aws("apigatewayv2").create_route(ApiId=r["ApiId"], RouteKey=r["RouteKey"], **optional)["RouteId"]


class Stage(_ApiPart, Kind):
    type = "AWS::ApiGatewayV2::Stage"
    service_api = "apigatewayv2.create_stage"
    emulates = frozenset({"ApiId", "StageName", "AutoDeploy", "AccessLogSettings"})
    get, id_key = "get_stage", "StageName"

    def check(self, state, r):
        return differences(("StageName", state.get("StageName"), r.get("StageName")))

    def create(self, aws, r):
        optional = {key: r.get(key) for key in ("AutoDeploy", "AccessLogSettings") if r.get(key) is not None}
        return aws("apigatewayv2").create_stage(ApiId=r["ApiId"], StageName=r["StageName"], **optional)["StageName"]


class Permission(Kind):
    type = "AWS::Lambda::Permission"
    service_api = "lambda.add_permission"
    emulates = frozenset({"Action", "FunctionName", "Principal", "SourceArn"})

    def find(self, aws, r):
        found = absent_if_missing(aws("lambda").get_policy, FunctionName=r["FunctionName"])
        if not found:
            return None
        statements = json.loads(found["Policy"]).get("Statement", [])
        return next((s for s in statements if s.get("Sid") == r.physical_id), None)

    def check(self, state, r):
        return differences(("Action", state.get("Action"), r.get("Action")))

    def create(self, aws, r):
        statement = r.logical_id
        aws("lambda").add_permission(FunctionName=r["FunctionName"], StatementId=statement, Action=r["Action"],
                                     Principal=r["Principal"], **({"SourceArn": r["SourceArn"]} if r.get("SourceArn")
                                                                  else {}))
        return statement

    def delete(self, aws, r, state):
        absent_if_missing(aws("lambda").remove_permission, FunctionName=r["FunctionName"], StatementId=state["Sid"])


class RestApi(Kind):
    type = "AWS::ApiGateway::RestApi"
    service_api = "apigateway.create_rest_api"
    emulates = frozenset({"Name", "Description", "EndpointConfiguration"})

    def inventory(self, aws):
        return {a["id"] for a in aws("apigateway").get_rest_apis()["items"]}

    def find(self, aws, r):
        return absent_if_missing(aws("apigateway").get_rest_api, restApiId=r.physical_id)

    def check(self, state, r):
        return differences(("Name", state.get("name"), r.get("Name")))

    def attribute(self, state, r, name):
        values = {"RootResourceId": state.get("rootResourceId")}
        return values[name] if values.get(name) else super().attribute(state, r, name)

    def create(self, aws, r):
        optional = {"description": r.get("Description")} if r.get("Description") else {}
        if r.get("EndpointConfiguration"):
            optional["endpointConfiguration"] = {"types": r["EndpointConfiguration"]["Types"]}
        return aws("apigateway").create_rest_api(name=r["Name"], tags=r.tags, **optional)["id"]

    def delete(self, aws, r, state):
        aws("apigateway").delete_rest_api(restApiId=state["id"])


class RestResource(Kind):
    type = "AWS::ApiGateway::Resource"
    service_api = "apigateway.create_resource"
    emulates = frozenset({"RestApiId", "ParentId", "PathPart"})

    def find(self, aws, r):
        return absent_if_missing(aws("apigateway").get_resource, restApiId=r["RestApiId"], resourceId=r.physical_id)

    def check(self, state, r):
        return differences(("PathPart", state.get("pathPart"), r.get("PathPart")))

    def create(self, aws, r):
        return aws("apigateway").create_resource(restApiId=r["RestApiId"], parentId=r["ParentId"],
                                                 pathPart=r["PathPart"])["id"]

    def delete(self, aws, r, state):
        absent_if_missing(aws("apigateway").delete_resource, restApiId=r["RestApiId"], resourceId=state["id"])


class RestMethod(Kind):
    type = "AWS::ApiGateway::Method"
    service_api = "apigateway.put_method"
    emulates = frozenset({"RestApiId", "ResourceId", "HttpMethod", "AuthorizationType", "AuthorizerId",
                          "RequestParameters", "Integration"})

    def find(self, aws, r):
        return absent_if_missing(aws("apigateway").get_method, restApiId=r["RestApiId"], resourceId=r["ResourceId"],
                                 httpMethod=r["HttpMethod"])

    def check(self, state, r):
        return differences(("AuthorizationType", state.get("authorizationType"), r.get("AuthorizationType")))

    def create(self, aws, r):
        api = aws("apigateway")
        where = {"restApiId": r["RestApiId"], "resourceId": r["ResourceId"], "httpMethod": r["HttpMethod"]}
        optional = {key: value for key, value in (("authorizerId", r.get("AuthorizerId")),
                                                   ("requestParameters", r.get("RequestParameters"))) if value}
        api.put_method(authorizationType=r["AuthorizationType"], **where, **optional)
        integration = r.get("Integration") or {}
        if integration:
            with undone_on_error(lambda: api.delete_method(**where)):
                api.put_integration(type=integration["Type"], integrationHttpMethod=integration["IntegrationHttpMethod"],
                                    uri=integration["Uri"], **where)
        return f"{r['RestApiId']} {r['ResourceId']} {r['HttpMethod']}"

    def delete(self, aws, r, state):
        absent_if_missing(aws("apigateway").delete_method, restApiId=r["RestApiId"], resourceId=r["ResourceId"],
                          httpMethod=r["HttpMethod"])


class RestAuthorizer(Kind):
    type = "AWS::ApiGateway::Authorizer"
    service_api = "apigateway.create_authorizer"
    emulates = frozenset({"RestApiId", "Name", "Type", "IdentitySource", "ProviderARNs"})

    def find(self, aws, r):
        return absent_if_missing(aws("apigateway").get_authorizer, restApiId=r["RestApiId"], authorizerId=r.physical_id)

    def check(self, state, r):
        return differences(("Type", state.get("type"), r.get("Type")))

    def create(self, aws, r):
        return aws("apigateway").create_authorizer(restApiId=r["RestApiId"], name=r["Name"], type=r["Type"],
                                                   identitySource=r["IdentitySource"],
                                                   providerARNs=r.get("ProviderARNs", []))["id"]

    def delete(self, aws, r, state):
        absent_if_missing(aws("apigateway").delete_authorizer, restApiId=r["RestApiId"], authorizerId=state["id"])


class RestDeployment(Kind):
    type = "AWS::ApiGateway::Deployment"
    service_api = "apigateway.create_deployment"
    emulates = frozenset({"RestApiId"})

    def find(self, aws, r):
        return absent_if_missing(aws("apigateway").get_deployment, restApiId=r["RestApiId"], deploymentId=r.physical_id)

    def create(self, aws, r):
        return aws("apigateway").create_deployment(restApiId=r["RestApiId"])["id"]

    def delete(self, aws, r, state):
        absent_if_missing(aws("apigateway").delete_deployment, restApiId=r["RestApiId"], deploymentId=state["id"])


class RestStage(Kind):
    type = "AWS::ApiGateway::Stage"
    service_api = "apigateway.create_stage"
    emulates = frozenset({"RestApiId", "StageName", "DeploymentId", "TracingEnabled"})

    def find(self, aws, r):
        return absent_if_missing(aws("apigateway").get_stage, restApiId=r["RestApiId"], stageName=r.physical_id)

    def check(self, state, r):
        return differences(("StageName", state.get("stageName"), r.get("StageName")))

    def create(self, aws, r):
        return aws("apigateway").create_stage(restApiId=r["RestApiId"], stageName=r["StageName"],
                                              deploymentId=r["DeploymentId"])["stageName"]

    def delete(self, aws, r, state):
        absent_if_missing(aws("apigateway").delete_stage, restApiId=r["RestApiId"], stageName=state["stageName"])
