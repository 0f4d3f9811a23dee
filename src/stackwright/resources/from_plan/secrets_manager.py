"""secrets_manager: the secrets the spec asks for (and, in resources/from_plan/_own.py, those the plan
generates for database and cache credentials), each read as often as the spec says, else 10,000 times a
month."""

from __future__ import annotations

from stackwright.cost.usage import SECRET_READS_PER_SECRET
from stackwright.plan.kinds import components_of
from stackwright.resources.from_plan import planned
from stackwright.resources.record import UsageValue
from stackwright.spec.model import SecretsManager
from stackwright.translatable import N_

SECRET = "aws_secretsmanager_secret"


def records(name, component, ctx):
    """The component's own secrets; the first secrets_manager component also lists the generated ones (the
    spec's count includes them)."""
    for secret in ctx.plan.secrets:
        if secret.component == name or (name == _first(ctx) and _generated(secret, ctx)):
            yield planned(ctx, SECRET, secret.id, {}, {"api_calls_per_month": reads(name, ctx)})


def generated(ctx):
    """With no secrets_manager component: (the name the bill lists them under, each secret the plan
    generates for another kind's credentials)."""
    if _first(ctx) is None:
        for secret in ctx.plan.secrets:
            if _generated(secret, ctx):
                yield "generated-secrets", planned(ctx, SECRET, secret.id, {}, {"api_calls_per_month": reads(None, ctx)})


def _generated(secret, ctx) -> bool:
    return ctx.spec.components[secret.component].kind != "secrets_manager"


def _first(ctx) -> str | None:
    first = components_of(ctx.spec, SecretsManager)[:1]
    return first[0][0] if first else None


def reads(name: str | None, ctx) -> UsageValue:
    """A secret's reads: the component's stated calls shared over the secrets it covers (the first
    secrets_manager component also covers the generated ones), else the documented default."""
    component = ctx.spec.components.get(name) if name else None
    if component is not None and component.api_calls_per_month is not None:
        covered = [s for s in ctx.plan.secrets if s.component == name or (name == _first(ctx) and _generated(s, ctx))]
        return UsageValue(component.api_calls_per_month / len(covered),
                          f"api_calls_per_month = {component.api_calls_per_month:,.0f} ÷ {len(covered)} secret(s)")
    return UsageValue(SECRET_READS_PER_SECRET, N_("%(secrets)s secret(s) × %(reads)s reads/month") % {
        "secrets": 1, "reads": f"{SECRET_READS_PER_SECRET:,}"})
