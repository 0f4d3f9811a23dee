"""Lambda: the function (placeholder handler inline, its own log group and role), and a published version
with provisioned concurrency when the spec asks for it."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.render.cloudformation._shared import plan_role, role
from stackwright.render.cloudformation.template import Template, get_att, logical_id
from stackwright.render.serverless_code import HANDLER, placeholder


def render(component: str, plan: Plan, template: Template) -> None:
    for fn in plan.of(plan.functions, component):
        spec = fn.spec
        role(template, plan_role(plan, fn.role))
        properties = {
            "FunctionName": fn.name,
            "Description": spec.description or f"{component} ({plan.name})",
            "Runtime": spec.runtime,
            "Architectures": [spec.architecture],
            "Handler": HANDLER,
            "Code": {"ZipFile": placeholder(spec.runtime)},
            "MemorySize": spec.memory_mb,
            "Timeout": spec.timeout_seconds,
            "EphemeralStorage": {"Size": spec.ephemeral_storage_mb},
            "Role": Ref(fn.role, "arn"),
            "LoggingConfig": {"LogGroup": Ref(fn.log_group)},
        }
        if fn.environment:
            properties["Environment"] = {"Variables": {v.name: v.value for v in fn.environment}}
        if fn.subnets:
            properties["VpcConfig"] = {"SubnetIds": [Ref(s) for s in fn.subnets],
                                       "SecurityGroupIds": [Ref(fn.security_group)]}
        logical = template.add(logical_id(fn.id), "AWS::Lambda::Function", properties, represents=fn.id)
        if spec.provisioned_concurrency:
            template.add(f"{logical}Version", "AWS::Lambda::Version", {
                "FunctionName": {"Ref": logical},
                "ProvisionedConcurrencyConfig": {"ProvisionedConcurrentExecutions": spec.provisioned_concurrency},
            })
        template.output(f"{logical}Arn", f"ARN of Lambda function {component}", get_att(logical, "Arn"))
