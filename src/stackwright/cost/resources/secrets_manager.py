"""Secrets Manager: secrets per month and API calls."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent
from stackwright.cost.usage import SECRET_READS_PER_SECRET
from stackwright.spec.model import SecretsManager
from stackwright.translatable import N_


def components(name: str, sm: SecretsManager, ctx) -> Iterator[CostComponent]:
    if ctx.declared_only:  # imported code: the secrets it declares
        planned, generated = sm.secrets, 0
    else:
        planned = sum(1 for s in ctx.plan.secrets if s.component == name)
        generated = sum(1 for s in ctx.plan.secrets
                        if ctx.spec.components.get(s.component, sm).kind != "secrets_manager")
    first = next((n for n, c in ctx.spec.components.items() if c.kind == "secrets_manager"), name)
    secrets = planned + (generated if name == first else 0)
    if not secrets:
        return
    yield CostComponent("secrets_manager", N_("Secrets"), "secrets_manager/secret", secrets,
                        assumption=N_("%(generated)s generated database/cache credential(s) + %(planned)s more in the spec")
                        % {"generated": generated, "planned": planned} if generated else None)
    if sm.api_calls_per_month is not None:
        calls, why = sm.api_calls_per_month, f"api_calls_per_month = {sm.api_calls_per_month:,.0f}"
    else:
        calls = secrets * SECRET_READS_PER_SECRET
        why = N_("%(secrets)s secret(s) × %(reads)s reads/month") % {"secrets": secrets, "reads": f"{SECRET_READS_PER_SECRET:,}"}
    yield CostComponent("secrets_manager", N_("API calls"), "secrets_manager/api-calls", calls / 10_000,
                        usage_based=True, assumption=why)
