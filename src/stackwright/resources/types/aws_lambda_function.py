"""AWS Lambda function: requests, compute (GB-seconds by architecture), ephemeral storage above 512 MB."""

from stackwright.resources.helpers import number, text, used
from stackwright.translatable import N_
from stackwright.resources.registry import UsageKey, register

FREE_EPHEMERAL_MB = 512


def terraform(r, ctx):
    arch = r.get("architectures", default=["x86_64"])
    return {"memory_mb": number(r, "memory_size", default=128), "arch": "arm" if "arm64" in arch else "x86",
            "ephemeral_mb": number(r, "ephemeral_storage", "size", default=FREE_EPHEMERAL_MB)}


def cloudformation(r, ctx):
    arch = r.get("Architectures", default=["x86_64"])
    return {"memory_mb": number(r, "MemorySize", default=128), "arch": "arm" if "arm64" in arch else "x86",
            "ephemeral_mb": number(r, "EphemeralStorage", "Size", default=FREE_EPHEMERAL_MB),
            "runtime": text(r, "Runtime")}


def components(resource, usage):
    a = resource.attrs
    requests, duration = usage["monthly_requests"], usage["request_duration_ms"]
    yield used("lambda", N_("Requests"), "lambda/requests", usage, "monthly_requests", per=1e6)
    seconds = float(duration.value) / 1000
    yield used("lambda", N_("Duration (%(arch)s, GB-seconds)") % {"arch": a["arch"]}, f"lambda/{a['arch']}/duration", usage,
               "monthly_requests", factor=seconds * a["memory_mb"] / 1024,
               how=f" × {duration.assumption} × {a['memory_mb']:g} MB")
    extra_gb = max(0.0, a["ephemeral_mb"] - FREE_EPHEMERAL_MB) / 1024
    if extra_gb:
        yield used("lambda", "Ephemeral storage above 512 MB", "lambda/ephemeral-storage", usage, "monthly_requests",
                   factor=seconds * extra_gb, how=f" × {duration.value} ms × {extra_gb:g} GB")


register("aws_lambda_function", cloudformation_types=("AWS::Lambda::Function", "AWS::Serverless::Function"),
         terraform=terraform, cloudformation=cloudformation, components=components, usage={
             "monthly_requests": UsageKey(0, "requests/month"),
             "request_duration_ms": UsageKey(0, "ms per request")})
