"""Amazon Cognito user pool: monthly active users at the pool's feature plan (Essentials unless set)."""

from stackwright.resources.helpers import text, used
from stackwright.translatable import N_
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    tier = resource.attrs["tier"]
    yield used("cognito", N_("Monthly active users (%(tier)s)") % {"tier": tier.title()}, f"cognito/{tier.lower()}-mau", usage,
               "monthly_active_users")


register("aws_cognito_user_pool", cloudformation_types="AWS::Cognito::UserPool", components=components,
         terraform=lambda r, ctx: {"tier": text(r, "user_pool_tier", default="ESSENTIALS").upper()},
         cloudformation=lambda r, ctx: {"tier": text(r, "UserPoolTier", default="ESSENTIALS").upper()},
         usage={"monthly_active_users": UsageKey(0, "MAU")})
