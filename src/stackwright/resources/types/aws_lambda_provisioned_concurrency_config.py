"""AWS Lambda provisioned concurrency: concurrency × the function's memory, by the GB-second, all month
(invocations using it are billed on the function)."""

from stackwright.importer.resources import NotPriceable
from stackwright.resources.helpers import monthly, number, required, whole
from stackwright.resources.registry import register

SECONDS_PER_MONTH = 730 * 3600


def terraform(r, ctx):
    functions = ctx.referenced(r.props.get("function_name"), "aws_lambda_function")
    if not functions:
        raise NotPriceable("its function is not in this code (its memory size is unknown)")
    function = functions[0]
    arch = function.get("architectures", default=["x86_64"])
    return {"concurrency": required(whole(r, "provisioned_concurrent_executions"), "provisioned_concurrent_executions"),
            "memory_mb": number(function, "memory_size", default=128), "arch": "arm" if "arm64" in arch else "x86"}


def cloudformation(r, ctx):
    """A published version (or alias) carries CloudFormation's provisioned concurrency; without it, free."""
    concurrency = whole(r, "ProvisionedConcurrencyConfig", "ProvisionedConcurrentExecutions", default=0)
    if not concurrency:
        return None
    functions = ctx.referenced(r.props.get("FunctionName"), "AWS::Lambda::Function")
    if not functions:
        raise NotPriceable("its function is not in this template (its memory size is unknown)")
    function = functions[0]
    arch = function.get("Architectures", default=["x86_64"])
    return {"concurrency": concurrency, "memory_mb": number(function, "MemorySize", default=128),
            "arch": "arm" if "arm64" in arch else "x86"}


def components(resource, usage):
    a = resource.attrs
    gb = a["concurrency"] * a["memory_mb"] / 1024
    yield monthly("lambda", f"Provisioned concurrency ({a['arch']})", f"lambda/{a['arch']}/provisioned-concurrency",
                  gb * SECONDS_PER_MONTH, f"{a['concurrency']} × {a['memory_mb']:g} MB × 730 h")


register("aws_lambda_provisioned_concurrency_config", cloudformation_types="AWS::Lambda::Version",
         terraform=terraform, cloudformation=cloudformation, components=components)
