"""The GitHub Actions deploy role: the account's GitHub OIDC provider (created here, or read when another
stack of the account created it) and a role only the repository's deploy job can assume, allowed to push the
services' images and roll their services."""

from __future__ import annotations

from stackwright.plan import ci_policy
from stackwright.plan.model import Plan, Ref
from stackwright.render.terraform._shared import attribute, resource
from stackwright.render.terraform.hcl import Block
from stackwright.render.terraform.stack import Stack

MODULE = "compute"


def render(plan: Plan, stack: Stack) -> None:
    pipeline = plan.ci
    if pipeline is None:
        return
    if pipeline.provider:
        provider = resource(stack, MODULE, "aws_iam_openid_connect_provider", "github", {
            "url": ci_policy.GITHUB_OIDC_URL, "client_id_list": [ci_policy.AUDIENCE],
            "tags": {"Name": f"{plan.name}-github"}})
    else:  # one provider per account: the stack of the spec as written created it
        provider = stack.data(MODULE, "aws_iam_openid_connect_provider", "github", {"url": ci_policy.GITHUB_OIDC_URL})
    host = ci_policy.GITHUB_OIDC_HOST
    assume = stack.data(MODULE, "aws_iam_policy_document", "github_deploy_assume", {"statement": Block(
        "statement", (), {
            "actions": ["sts:AssumeRoleWithWebIdentity"],
            "principals": Block("principals", (), {"type": "Federated", "identifiers": [attribute(provider, "arn")]}),
            "condition": [
                Block("condition", (), {"test": "StringEquals", "variable": f"{host}:aud",
                                        "values": [ci_policy.AUDIENCE]}),
                Block("condition", (), {"test": "StringEquals", "variable": f"{host}:sub",
                                        "values": [ci_policy.subject(pipeline)]}),
            ]})})
    role = resource(stack, MODULE, "aws_iam_role", "github_deploy", {
        "name": pipeline.role_name,
        "description": f"GitHub Actions deploy job of {pipeline.repository} ({pipeline.github_environment}): "
                       "push images, roll ECS services",
        "assume_role_policy": attribute(assume, "json"),
        "max_session_duration": 3600,
        "tags": {"Name": pipeline.role_name},
    }, element=pipeline, represents=pipeline.id)
    conditions = ci_policy.conditions(pipeline)
    statements = []
    for statement in ci_policy.statements(pipeline):
        body = {"sid": statement.sid, "actions": list(statement.actions), "resources": list(statement.resources)}
        if statement.sid in conditions:
            test, variable, value = conditions[statement.sid]
            body["condition"] = Block("condition", (), {"test": test, "variable": variable, "values": [value]})
        statements.append(Block("statement", (), body))
    document = stack.data(MODULE, "aws_iam_policy_document", "github_deploy", {"statement": statements})
    stack.resource(MODULE, "aws_iam_role_policy", "github_deploy", {
        "name": "deploy", "role": attribute(role, "id"), "policy": attribute(document, "json")})
    stack.output("github_deploy_role_arn", "Role the GitHub Actions deploy job assumes (role-to-assume)",
                 Ref(pipeline.id, "arn"))
