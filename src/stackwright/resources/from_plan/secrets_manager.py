"""secrets_manager: the secrets the spec asks for (and, in resources/from_plan/_own.py, those the plan
generates for database and cache credentials), each read as often as the spec says, else 10,000 times a
month."""

from __future__ import annotations

from stackwright.cost.usage import SECRET_READS_PER_SECRET
from stackwright.resources.from_plan import planned
from stackwright.resources.record import UsageValue
from stackwright.translatable import N_

SECRET = "aws_secretsmanager_secret"


def records(name, component, ctx):
    for secret in ctx.plan.secrets:
        if secret.component == name:
            yield planned(ctx, SECRET, secret.id, {}, {"api_calls_per_month": reads(name, ctx)})


def generated(ctx):
    """(the name the bill lists them under, each secret the plan generates for another kind's credentials)."""
    carrier = _first(ctx)
    for secret in ctx.plan.secrets:
        if ctx.spec.components[secret.component].kind != "secrets_manager":
            yield carrier or "generated-secrets", planned(ctx, SECRET, secret.id, {},
                                                           {"api_calls_per_month": reads(carrier, ctx)})


def _first(ctx) -> str | None:
    return next((n for n, c in ctx.spec.components.items() if c.kind == "secrets_manager"), None)


def reads(name: str | None, ctx) -> UsageValue:
    """A secret's reads: the component's stated calls shared over the secrets it covers (the first
    secrets_manager component also covers the generated ones), else the documented default."""
    component = ctx.spec.components.get(name) if name else None
    if component is not None and component.api_calls_per_month is not None:
        covered = [s for s in ctx.plan.secrets if s.component == name or (
            name == _first(ctx) and ctx.spec.components[s.component].kind != "secrets_manager")]
        return UsageValue(component.api_calls_per_month / len(covered),
                          f"api_calls_per_month = {component.api_calls_per_month:,.0f} ÷ {len(covered)} secret(s)")
    return UsageValue(SECRET_READS_PER_SECRET, N_("%(secrets)s secret(s) × %(reads)s reads/month") % {
        "secrets": 1, "reads": f"{SECRET_READS_PER_SECRET:,}"})
