"""What the GitHub Actions deploy role may do, as statements both renderers write: least privilege for
build → push to ECR → the stack's ImageTag parameter set (CloudFormation, with the caller's permissions,
registers the new task definition revisions, updates the services and their scalable targets)."""

from __future__ import annotations

from stackwright.plan.model import AccountArn, DeployPipeline, Ref, Statement

GITHUB_OIDC_HOST = "token.actions.githubusercontent.com"
GITHUB_OIDC_URL = f"https://{GITHUB_OIDC_HOST}"
AUDIENCE = "sts.amazonaws.com"
PUSH_ACTIONS = ("ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload",
                "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart")


def subject(pipeline: DeployPipeline) -> str:
    """The token's `sub` for a job that runs in the GitHub environment: only that repository's deploy job
    (GitHub's environment protection rules say which branches and reviewers may run it)."""
    return f"repo:{pipeline.repository}:environment:{pipeline.github_environment}"


def statements(pipeline: DeployPipeline) -> tuple[Statement, ...]:
    """The policy's statements; `*` only where AWS offers no resource-level permission (the registry login
    token, registering or describing task definitions, describing scalable targets). The condition the
    renderers add: PassRole to ECS tasks."""
    services = AccountArn("ecs", f"service/{pipeline.cluster_name}/*")
    return (
        Statement("EcrLogin", ("ecr:GetAuthorizationToken",), ("*",)),
        Statement("PushImages", PUSH_ACTIONS, tuple(Ref(i.repository, "arn") for i in pipeline.images)),
        Statement("UpdateStack", ("cloudformation:DescribeStacks", "cloudformation:UpdateStack"),
                  (AccountArn("cloudformation", f"stack/{pipeline.stack_name}/*"),)),
        Statement("TaskDefinitions", ("ecs:DescribeTaskDefinition", "ecs:RegisterTaskDefinition"), ("*",)),
        # CloudFormation deregisters the revisions it replaced
        Statement("OldTaskDefinitions", ("ecs:DeregisterTaskDefinition",),
                  tuple(AccountArn("ecs", f"task-definition/{i.task_family}:*") for i in pipeline.images)),
        Statement("UpdateServices", ("ecs:DescribeServices", "ecs:UpdateService"), (services,)),
        Statement("DescribeScaling", ("application-autoscaling:DescribeScalableTargets",), ("*",)),
        Statement("ScalableTargets", ("application-autoscaling:RegisterScalableTarget",),
                  (AccountArn("application-autoscaling", "scalable-target/*"),)),
        Statement("PassTaskRoles", ("iam:PassRole",),
                  tuple(Ref(role, "arn") for i in pipeline.images for role in i.passed_roles)),
    )


# Conditions on the statements above, by sid: (operator, key, value) with value a plan reference or text.
def conditions(pipeline: DeployPipeline) -> dict[str, tuple[str, str, object]]:
    return {
        "PassTaskRoles": ("StringEquals", "iam:PassedToService", "ecs-tasks.amazonaws.com"),
    }
