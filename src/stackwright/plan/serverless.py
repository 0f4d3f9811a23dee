"""Serverless components in the plan: Lambda functions (role, log group, optional VPC placement), API
Gateway APIs and their integrations, DynamoDB tables and Cognito user pools."""

from __future__ import annotations

from dataclasses import dataclass, replace

from stackwright.errors import UserError
from stackwright.plan.model import (
    Api, EnvVar, Function, LogGroup, Network, Ref, Role, Rule, SecurityGroup, Statement, Table, UserPool,
)
from stackwright.plan.monitoring import retention_days
from stackwright.plan.kinds import components_of
from stackwright.plan.naming import env_name, resource_name, slug
from stackwright.spec.model import (
    ApiGateway, CognitoUserPool, DynamoDbTable, LambdaFunction, Nlb, ServiceDiscovery, Spec,
)
from stackwright.translatable import N_

LAMBDA = "lambda.amazonaws.com"
BASIC_EXECUTION = "service-role/AWSLambdaBasicExecutionRole"
VPC_EXECUTION = "service-role/AWSLambdaVPCAccessExecutionRole"
TABLE_ACTIONS = ("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                 "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem")
NAME_LIMIT_FUNCTION = 64
NAME_LIMIT_TABLE = 255
NAME_LIMIT_POOL = 128
API_LOG_RETENTION_DAYS = 30
HTTPS = 443


def reach_stores(groups: tuple[SecurityGroup, ...], functions: tuple[Function, ...], stores: list) -> tuple:
    """Functions in the VPC reach the databases and caches on their port, as the workloads do: egress from
    the function's group, ingress on the store's. `stores` holds (component, security group, port, what)."""
    inside = [f for f in functions if f.security_group]
    if not inside or not stores:
        return groups
    by_id = {g.id: g for g in groups}
    for fn in inside:
        own = by_id[fn.security_group]
        by_id[own.id] = replace(own, egress=own.egress + tuple(
            Rule(port, port, N_("to %(what)s %(name)s") % {"what": what, "name": component}, group=group)
            for component, group, port, what in stores))
        for component, group, port, _ in stores:
            store = by_id[group]
            by_id[group] = replace(store, ingress=store.ingress + (
                Rule(port, port, N_("from %(name)s") % {"name": fn.component}, group=fn.security_group),))
    return tuple(by_id[g.id] for g in groups)


@dataclass(frozen=True)
class Serverless:
    functions: tuple[Function, ...]
    apis: tuple[Api, ...]
    tables: tuple[Table, ...]
    user_pools: tuple[UserPool, ...]
    roles: tuple[Role, ...]
    log_groups: tuple[LogGroup, ...]
    security_groups: tuple[SecurityGroup, ...]
    ingress: tuple[tuple[str, Rule], ...] = ()  # (a workload's security group, a rule it admits for a VPC link)


def admit(groups: tuple[SecurityGroup, ...], ingress: tuple[tuple[str, Rule], ...]) -> tuple:
    """The groups with the ingress rules the VPC links need added (a Cloud Map integration reaches the tasks)."""
    by_id = {g.id: g for g in groups}
    for group, rule in ingress:
        by_id[group] = replace(by_id[group], ingress=by_id[group].ingress + (rule,))
    return tuple(by_id[g.id] for g in groups)


def _of(spec: Spec, kind: type) -> list[tuple[str, object]]:
    return components_of(spec, kind)


def _problem(loaded, path: tuple, message: str):
    return loaded.problem(path, message) if loaded else message


def https_listener(balancer) -> str:
    """The id a load balancer's HTTPS listener is known by (a VPC link's private integration forwards to it)."""
    return f"{balancer.id}-https-listener"


def build(spec: Spec, network: Network, load_balancers: tuple, loaded=None, workloads: tuple = ()) -> Serverless:
    """The serverless elements of `spec`; references between components (an API's integration, a
    function's tables, an authorizer) must name components of the right kind."""
    problems: list = []
    kinds = {name: c.kind for name, c in spec.components.items()}
    tables = tuple(Table(slug(name), name, t, resource_name(spec.name, name, limit=NAME_LIMIT_TABLE))
                   for name, t in _of(spec, DynamoDbTable))
    table_ids = {t.component: t.id for t in tables}
    pools = tuple(UserPool(slug(name), name, p, resource_name(spec.name, name, limit=NAME_LIMIT_POOL))
                  for name, p in _of(spec, CognitoUserPool))
    functions, roles, log_groups, groups = [], [], [], []
    app_subnets = tuple(s.id for s in network.subnets_in("app"))
    for name, fn in _of(spec, LambdaFunction):
        fid = slug(name)
        for index, table in enumerate(fn.tables):
            if kinds.get(table) != "dynamodb_table":
                problems.append(_problem(loaded, ("components", name, "tables", index),
                                         f"'{table}' is not a dynamodb_table component of this spec; name one"))
        own_tables = tuple(table_ids[t] for t in fn.tables if t in table_ids)
        function_name = resource_name(spec.name, name, limit=NAME_LIMIT_FUNCTION)
        log_group = LogGroup(f"{fid}-logs", name, f"/aws/lambda/{function_name}", retention_days(fn.log_retention_days))
        statements = (Statement("ReadWriteOwnTables", TABLE_ACTIONS,
                                tuple(Ref(t, "arn") for t in own_tables)),) if own_tables else ()
        role = Role(f"{fid}-role", name, f"Runs {name}: writes its log group, uses its own tables", LAMBDA,
                    (VPC_EXECUTION if fn.vpc else BASIC_EXECUTION,), statements)
        group = None
        if fn.vpc:  # the network builder gives a function in the VPC private app subnets
            group = f"{fid}-security-group"
            groups.append(SecurityGroup(group, name, f"Lambda function {name}", (),
                                        (Rule(HTTPS, HTTPS, N_("AWS APIs and the internet over TLS"), cidr="0.0.0.0/0"),)))
        environment = tuple(EnvVar(f"{env_name(t)}_TABLE", Ref(table_ids[t], "name"))
                            for t in fn.tables if t in table_ids)
        functions.append(Function(fid, name, fn, function_name, role.id, log_group.id,
                                  app_subnets if fn.vpc else (), group, environment))
        roles.append(role)
        log_groups.append(log_group)
    function_ids = {f.component: f.id for f in functions}
    balancer_ids = {lb.component: lb.id for lb in load_balancers}
    pool_ids = {p.component: p.id for p in pools}
    from stackwright.plan.operations import registered

    # a fargate_service registered in Cloud Map -> (its Cloud Map service's id, the workload)
    in_cloud_map = {w.component: (f"{slug(n)}-{w.id}", w) for n, c in _of(spec, ServiceDiscovery)
                    for w in registered(c, workloads)}
    apis, ingress = [], []
    for name, api in _of(spec, ApiGateway):
        aid = slug(name)
        nlb = spec.components.get(api.integration)
        if api.integration in function_ids:
            target_kind, target = "function", function_ids[api.integration]
        elif api.integration in balancer_ids and api.type != "websocket":
            target_kind, target = "load_balancer", balancer_ids[api.integration]
        elif isinstance(nlb, Nlb) and api.type != "websocket" and api.vpc_link:
            target_kind, target = "load_balancer", slug(api.integration)
        elif api.integration in in_cloud_map and api.type == "http" and api.vpc_link:
            target_kind, target = "cloud_map", in_cloud_map[api.integration][0]
        else:
            allowed = ("a lambda_function" if api.type == "websocket" else
                       "a lambda_function, alb or (with vpc_link: true) nlb, or Cloud Map-registered "
                       "fargate_service")
            problems.append(_problem(loaded, ("components", name, "integration"),
                                     f"'{api.integration}' is not {allowed} component of this spec; name one"))
            continue
        # REST APIs' VPC links (API Gateway v1) reach a Network Load Balancer only
        if api.vpc_link and (target_kind == "function" or api.type == "websocket"
                             or (api.type == "rest" and not isinstance(nlb, Nlb))):
            problems.append(_problem(loaded, ("components", name, "vpc_link"),
                                     "vpc_link: true is generated for an HTTP API (type: http) whose integration is "
                                     "an alb or nlb, or a REST API (type: rest) whose integration is an nlb; use one "
                                     "of those, or remove vpc_link"))
            continue
        if isinstance(nlb, Nlb) and not any(li.protocol in ("TCP", "TLS") for li in nlb.listeners):
            problems.append(_problem(loaded, ("components", name, "integration"),
                                     f"nlb '{api.integration}' has no TCP or TLS listener for HTTP requests; add one"))
            continue
        if api.authorizer is not None and api.type == "websocket":
            problems.append(_problem(loaded, ("components", name, "authorizer"),
                                     "WebSocket APIs take no Cognito (JWT) authorizer; remove authorizer or use "
                                     "type: http"))
            continue
        if api.authorizer is not None and api.authorizer not in pool_ids:
            problems.append(_problem(loaded, ("components", name, "authorizer"),
                                     f"'{api.authorizer}' is not a cognito_user_pool component of this spec; name one"))
            continue
        api_name = resource_name(spec.name, name, limit=NAME_LIMIT_POOL)
        log_group = None
        if api.type == "http":
            # REST and WebSocket access logs need the account-wide API Gateway CloudWatch role, which one
            # stack should not own; HTTP APIs write them with a service-linked role.
            log_group = LogGroup(f"{aid}-access-logs", name, f"/aws/apigateway/{api_name}", API_LOG_RETENTION_DAYS)
            log_groups.append(log_group)
        private = {}
        if api.vpc_link and api.type == "rest":  # a VPC link to the NLB itself: PrivateLink, no group of its own
            listener = next(li for li in nlb.listeners if li.protocol in ("TCP", "TLS"))
            private = {"listener": f"{target}-listener-{listener.port}-{listener.protocol.lower()}",
                       "listener_port": listener.port, "verify_tls": listener.protocol == "TLS"}
        elif api.vpc_link:
            group = f"{aid}-vpc-link-security-group"
            if target_kind == "cloud_map":  # the registered tasks themselves, on their container port
                workload = in_cloud_map[api.integration][1]
                port, listener_id, tls = workload.spec.port, target, False
                rule = Rule(port, port, N_("to service %(name)s on its port") % {"name": api.integration},
                            group=workload.security_group)
                ingress.append((workload.security_group, Rule(port, port, N_("from %(name)s") % {"name": name},
                                                              group=group)))
            elif isinstance(nlb, Nlb):  # its first TCP or TLS listener, the group the NLB plan gives it
                listener = next(li for li in nlb.listeners if li.protocol in ("TCP", "TLS"))
                port, balancer_group = listener.port, f"{target}-security-group"
                listener_id = f"{target}-listener-{listener.port}-{listener.protocol.lower()}"
                rule = Rule(port, port, N_("to load balancer %(name)s on its listener port") % {
                    "name": api.integration}, group=balancer_group)
                tls = listener.protocol == "TLS"
            else:
                balancer = next(lb for lb in load_balancers if lb.id == target)
                listener_id, tls = https_listener(balancer), True
                rule = Rule(HTTPS, HTTPS, N_("to load balancer %(name)s over TLS") % {"name": balancer.component},
                            group=balancer.security_group)
            groups.append(SecurityGroup(group, name, f"VPC link of API {name}", (), (rule,)))
            private = {"vpc_link_subnets": app_subnets, "vpc_link_security_group": group, "listener": listener_id,
                       "verify_tls": tls}
        apis.append(Api(aid, name, api, api_name, api.type.upper(), target_kind, target,
                        log_group.id if log_group else None,
                        pool_ids.get(api.authorizer) if api.authorizer else None, **private))
    if problems:
        raise UserError(problems)
    return Serverless(tuple(functions), tuple(apis), tables, pools, tuple(roles), tuple(log_groups), tuple(groups),
                      tuple(ingress))
