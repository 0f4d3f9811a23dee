"""The deploy pipeline's part of the plan: the role GitHub Actions assumes through OIDC, and what it deploys."""

from __future__ import annotations

from stackwright.plan.model import Cluster, DeployedImage, DeployPipeline, Repository, Service
from stackwright.plan.naming import resource_name, stack_name
from stackwright.spec.model import Spec

PIPELINE_ID = "github-deploy"
PROVIDER_ID = "github-oidc-provider"
ENVIRONMENT_NAMES = {"production": "prod", "staging": "staging", "development": "dev"}


def github_environment(spec: Spec) -> str:
    """The GitHub environment the deploy job runs in: `ci.github_environment` (an overlay's name, for an
    environment of a spec), else the spec's kind of environment (prod, staging, dev)."""
    return spec.ci.github_environment or ENVIRONMENT_NAMES[spec.environment]


def pipeline(spec: Spec, cluster: Cluster | None, services: list[Service],
             repositories: tuple[Repository, ...]) -> DeployPipeline | None:
    """None without `ci:`, or with no Fargate service whose image comes from the stack's own repository."""
    ci = spec.ci
    if ci is None or cluster is None:
        return None
    by_id = {r.id: r for r in repositories}
    images = tuple(
        DeployedImage(s.id, s.image.repository, by_id[s.image.repository].name,
                      resource_name(spec.name, s.id, limit=255), (s.execution_role, s.task_role))
        for s in services if s.image.repository)
    if not images:
        return None
    create = ci.create_oidc_provider if ci.create_oidc_provider is not None else True
    return DeployPipeline(
        PIPELINE_ID, resource_name(spec.name, PIPELINE_ID, limit=64), ci.repository, ci.branch,
        github_environment(spec), PROVIDER_ID if create else None, cluster.id, cluster.name,
        images, ci.build_context, stack_name(spec.name))
