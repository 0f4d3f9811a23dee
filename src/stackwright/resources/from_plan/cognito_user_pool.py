"""A cognito_user_pool: monthly active users at its feature plan (Plus with threat protection, else Essentials)."""

from __future__ import annotations

from stackwright.plan.naming import slug
from stackwright.resources.from_plan import planned
from stackwright.translatable import N_
from stackwright.resources.record import UsageValue

MAU_PER_DAU = 3  # monthly actives ≈ 3 × daily actives (a DAU/MAU "stickiness" of about a third)


def tier(pool) -> str:
    return "PLUS" if pool.advanced_security else "ESSENTIALS"


def monthly_active_users(pool, traffic) -> UsageValue:
    if pool.monthly_active_users is not None:
        return UsageValue(pool.monthly_active_users, f"monthly_active_users = {pool.monthly_active_users:,}")
    return UsageValue(traffic.dau * MAU_PER_DAU, N_("%(dau)s DAU × %(factor)s (DAU/MAU about a third)") % {"dau": f"{traffic.dau:,}", "factor": MAU_PER_DAU})


def records(name: str, pool, ctx):
    yield planned(ctx, "aws_cognito_user_pool", slug(name), {"tier": tier(pool)},
                  {"monthly_active_users": monthly_active_users(pool, ctx.spec.traffic)})
