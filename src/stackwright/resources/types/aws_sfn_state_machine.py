"""AWS Step Functions state machine: Standard bills state transitions; Express bills requests and GB-seconds
(duration rounded up to 100 ms, memory to 64 MB)."""

import math

from stackwright.resources.helpers import text, used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    if resource.attrs["type"] == "EXPRESS":
        yield used("step_functions", "Express requests", "sfn/express-requests", usage, "monthly_requests", per=1e6)
        ms = math.ceil(float(usage["workflow_duration_ms"].value) / 100) * 100
        memory_gb = math.ceil(max(64.0, float(usage["memory_mb"].value)) / 64) * 64 / 1024
        yield used("step_functions", "Express duration (GB-seconds)", "sfn/express-duration", usage,
                   "monthly_requests", factor=ms / 1000 * memory_gb, how=f" × {ms:g} ms × {memory_gb:g} GB")
        return
    yield used("step_functions", "Standard state transitions", "sfn/standard-transitions", usage,
               "monthly_transitions", per=1e3)


def read(value):
    return {"type": (value or "STANDARD").upper()}


register("aws_sfn_state_machine", cloudformation_types=("AWS::StepFunctions::StateMachine",
                                                        "AWS::Serverless::StateMachine"),
         terraform=lambda r, ctx: read(text(r, "type")),
         cloudformation=lambda r, ctx: read(text(r, "StateMachineType") or text(r, "Type")),
         components=components, usage={
             "monthly_transitions": UsageKey(0, "state transitions/month"),
             "monthly_requests": UsageKey(0, "requests/month"), "workflow_duration_ms": UsageKey(0, "ms"),
             "memory_mb": UsageKey(64, "MB")})
