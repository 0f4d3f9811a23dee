"""Secrets Manager: secrets per month and API calls."""

from __future__ import annotations

from collections.abc import Iterator

from stackwright.cost.component import CostComponent
from stackwright.cost.usage import SECRET_READS_PER_SECRET
from stackwright.spec.model import SecretsManager


def components(name: str, sm: SecretsManager, ctx) -> Iterator[CostComponent]:
    if not sm.secrets:
        return
    yield CostComponent("secrets_manager", "Secrets", "secrets_manager/secret", sm.secrets)
    if sm.api_calls_per_month is not None:
        calls, why = sm.api_calls_per_month, f"api_calls_per_month = {sm.api_calls_per_month:,.0f}"
    else:
        calls = sm.secrets * SECRET_READS_PER_SECRET
        why = f"{sm.secrets} secret(s) × {SECRET_READS_PER_SECRET:,} reads/month"
    yield CostComponent("secrets_manager", "API calls", "secrets_manager/api-calls", calls / 10_000,
                        usage_based=True, assumption=why)
