"""The GitHub Actions deploy role: the account's GitHub OIDC provider (when this stack creates it) and a role
only the repository's deploy job can assume, allowed to push the services' images and roll their services."""

from __future__ import annotations

from stackwright.plan import ci_policy
from stackwright.plan.model import Plan
from stackwright.render.cloudformation.template import Template, logical_id

PROVIDER_ARN = {"Fn::Sub": f"arn:${{AWS::Partition}}:iam::${{AWS::AccountId}}:oidc-provider/{ci_policy.GITHUB_OIDC_HOST}"}


def render(plan: Plan, template: Template) -> None:
    pipeline = plan.ci
    if pipeline is None:
        return
    provider = PROVIDER_ARN
    if pipeline.provider:
        logical = template.add(logical_id(pipeline.provider), "AWS::IAM::OIDCProvider", {
            "Url": ci_policy.GITHUB_OIDC_URL, "ClientIdList": [ci_policy.AUDIENCE],
            "Tags": [{"Key": "Name", "Value": f"{plan.name}-github"}]})
        provider = {"Ref": logical}
    host = ci_policy.GITHUB_OIDC_HOST
    conditions = ci_policy.conditions(pipeline)
    statements = []
    for statement in ci_policy.statements(pipeline):
        entry = {"Sid": statement.sid, "Effect": "Allow", "Action": list(statement.actions),
                 "Resource": list(statement.resources)}
        if statement.sid in conditions:
            operator, key, value = conditions[statement.sid]
            entry["Condition"] = {operator: {key: value}}
        statements.append(entry)
    role = template.add(logical_id(pipeline.id), "AWS::IAM::Role", {
        "RoleName": pipeline.role_name,
        "Description": f"GitHub Actions deploy job of {pipeline.repository} ({pipeline.github_environment}): "
                       "push images, roll ECS services",
        "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"Federated": provider}, "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {"StringEquals": {f"{host}:aud": ci_policy.AUDIENCE,
                                           f"{host}:sub": ci_policy.subject(pipeline)}}}]},
        "MaxSessionDuration": 3600,
        "Policies": [{"PolicyName": "deploy", "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}}],
        "Tags": [{"Key": "Name", "Value": pipeline.role_name}],
    }, represents=pipeline.id)
    template.output(f"{role}Arn", "Role the GitHub Actions deploy job assumes (role-to-assume)",
                    {"Fn::GetAtt": [role, "Arn"]})
