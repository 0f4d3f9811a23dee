"""Cognito: a user pool signing users in by e-mail (verified, optional TOTP MFA) and one public app client."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.render.terraform._shared import attribute, name_tags, resource
from stackwright.render.terraform.hcl import Block
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "serverless"
MIN_PASSWORD_LENGTH = 12


def render(component: str, plan: Plan, stack: Stack) -> None:
    for pool in plan.of(plan.user_pools, component):
        name = local_name(pool.id)
        plus = pool.spec.advanced_security
        body = {
            "name": pool.name,
            "username_attributes": ["email"],
            "auto_verified_attributes": ["email"],
            "mfa_configuration": "OPTIONAL",
            "user_pool_tier": "PLUS" if plus else "ESSENTIALS",
            "tags": name_tags(plan, pool.id),
            "software_token_mfa_configuration": Block("software_token_mfa_configuration", (), {"enabled": True}),
            "password_policy": Block("password_policy", (), {
                "minimum_length": MIN_PASSWORD_LENGTH, "require_lowercase": True, "require_uppercase": True,
                "require_numbers": True, "require_symbols": False}),
            "account_recovery_setting": Block("account_recovery_setting", (), {"recovery_mechanism": Block(
                "recovery_mechanism", (), {"name": "verified_email", "priority": 1})}),
        }
        if plus:
            body["user_pool_add_ons"] = Block("user_pool_add_ons", (), {"advanced_security_mode": "ENFORCED"})
        address = resource(stack, MODULE, "aws_cognito_user_pool", name, body, element=pool, represents=pool.id)
        stack.resource(MODULE, "aws_cognito_user_pool_client", name, {
            "name": f"{pool.name}-app",
            "user_pool_id": attribute(address, "id"),
            "generate_secret": False,  # browsers and mobile apps cannot keep a secret
            "explicit_auth_flows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            "prevent_user_existence_errors": "ENABLED",
        })
        stack.modules[MODULE].outputs[f"{name}_client_id"] = (
            f"app client id of {component}", attribute(f"aws_cognito_user_pool_client.{name}", "id"))
        stack.output(f"{name}_user_pool_id", f"Cognito user pool id of {component}", Ref(pool.id))
        stack.output(f"{name}_client_id", f"App client id of {component}",
                     attribute(f"module.{MODULE}", f"{name}_client_id"))
