"""ssm_parameters: its parameters; the advanced ones bill monthly and per API interaction."""

from __future__ import annotations

from stackwright.plan.operations import ParameterStore, of_type
from stackwright.resources.from_plan import planned
from stackwright.resources.record import UsageValue
from stackwright.translatable import N_

READS_PER_PARAMETER = 10_000  # task starts and refreshes, as for secrets


def records(name, component, ctx):
    for store in of_type(ctx.plan, ParameterStore, name):
        for index, (path, tier) in enumerate(store.parameters, start=1):
            usage = {}
            if tier == "Advanced":
                if component.api_calls_per_month is not None:
                    usage["monthly_api_interactions"] = UsageValue(
                        component.api_calls_per_month / component.advanced, N_(
                            "api_calls_per_month %(calls)s ÷ %(count)s advanced parameter(s)") % {
                            "calls": f"{component.api_calls_per_month:,.0f}", "count": component.advanced})
                else:
                    usage["monthly_api_interactions"] = UsageValue(READS_PER_PARAMETER, N_(
                        "%(reads)s reads a parameter (task starts and refreshes)") % {
                        "reads": f"{READS_PER_PARAMETER:,}"})
            yield planned(ctx, "aws_ssm_parameter", f"{store.id}-{index}", {"tier": tier}, usage)
