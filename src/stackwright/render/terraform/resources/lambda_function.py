"""Lambda: the function (its placeholder package written beside the module, code/<function>.zip), its role
and log group, and provisioned concurrency on a published version when the spec asks for it."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.render.serverless_code import HANDLER
from stackwright.render.terraform._shared import attribute, name_tags, plan_role, resource, role
from stackwright.render.terraform.hcl import Block, Expr
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "serverless"


def render(component: str, plan: Plan, stack: Stack) -> None:
    for fn in plan.of(plan.functions, component):
        spec = fn.spec
        name = local_name(fn.id)
        role(stack, MODULE, plan_role(plan, fn.role))
        body = {
            "function_name": fn.name,
            "description": spec.description or f"{component} ({plan.name})",
            "runtime": spec.runtime,
            "architectures": [spec.architecture],
            "handler": HANDLER,
            "filename": Expr(f'"${{path.module}}/code/{name}.zip"'),
            "memory_size": spec.memory_mb,
            "timeout": spec.timeout_seconds,
            "role": Ref(fn.role, "arn"),
            "publish": spec.provisioned_concurrency > 0,
            "tags": name_tags(plan, fn.id),
            "ephemeral_storage": Block("ephemeral_storage", (), {"size": spec.ephemeral_storage_mb}),
            "logging_config": Block("logging_config", (), {"log_format": "Text", "log_group": Ref(fn.log_group, "name")}),
        }
        if fn.environment:
            body["environment"] = Block("environment", (), {"variables": {v.name: v.value for v in fn.environment}})
        if fn.subnets:
            body["vpc_config"] = Block("vpc_config", (), {"subnet_ids": [Ref(s) for s in fn.subnets],
                                                          "security_group_ids": [Ref(fn.security_group)]})
        address = resource(stack, MODULE, "aws_lambda_function", name, body, element=fn, represents=fn.id)
        if spec.provisioned_concurrency:
            stack.resource(MODULE, "aws_lambda_provisioned_concurrency_config", name, {
                "function_name": attribute(address, "function_name"),
                "qualifier": attribute(address, "version"),
                "provisioned_concurrent_executions": spec.provisioned_concurrency})
        stack.output(f"{name}_function_arn", f"ARN of Lambda function {component}", Ref(fn.id, "arn"))
