"""Cognito: a user pool signing users in by e-mail (verified, optional TOTP MFA) and one public app client."""

from __future__ import annotations

from stackwright.plan.model import Plan
from stackwright.render.cloudformation.template import Template, logical_id

MIN_PASSWORD_LENGTH = 12


def render(component: str, plan: Plan, template: Template) -> None:
    for pool in plan.of(plan.user_pools, component):
        plus = pool.spec.advanced_security
        properties = {
            "UserPoolName": pool.name,
            "UsernameAttributes": ["email"],
            "AutoVerifiedAttributes": ["email"],
            "MfaConfiguration": "OPTIONAL",
            "EnabledMfas": ["SOFTWARE_TOKEN_MFA"],
            "Policies": {"PasswordPolicy": {"MinimumLength": MIN_PASSWORD_LENGTH, "RequireLowercase": True,
                                            "RequireUppercase": True, "RequireNumbers": True,
                                            "RequireSymbols": False}},
            "AccountRecoverySetting": {"RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]},
            "UserPoolTier": "PLUS" if plus else "ESSENTIALS",
        }
        if plus:
            properties["UserPoolAddOns"] = {"AdvancedSecurityMode": "ENFORCED"}
        production = plan.environment == "production"
        logical = template.add(logical_id(pool.id), "AWS::Cognito::UserPool", properties, represents=pool.id,
                               DeletionPolicy="Retain" if production else "Delete",
                               UpdateReplacePolicy="Retain" if production else "Delete")
        template.add(f"{logical}Client", "AWS::Cognito::UserPoolClient", {
            "UserPoolId": {"Ref": logical},
            "ClientName": f"{pool.name}-app",
            "GenerateSecret": False,  # browsers and mobile apps cannot keep a secret
            "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            "PreventUserExistenceErrors": "ENABLED",
        })
        template.output(f"{logical}Id", f"Cognito user pool id of {component}", {"Ref": logical})
        template.output(f"{logical}ClientId", f"App client id of {component}", {"Ref": f"{logical}Client"})
