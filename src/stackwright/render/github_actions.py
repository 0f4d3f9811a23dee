"""`.github/workflows/deploy.yml`: the GitHub Actions workflow that builds each Fargate service's image,
pushes it to the environment's ECR repository and rolls the ECS service onto it, signed in with OIDC
(aws-actions/configure-aws-credentials with role-to-assume: no stored keys).

One job per environment, in promotion order (dev, then staging, then prod), each in the GitHub environment
its role trusts, so the environment's protection rules (reviewers, branches) gate it. The rollout registers a
new revision of the service's task definition with the new image and updates the service (ECS waits for it
to be stable, and its deployment circuit breaker rolls back a failing one); the stack's `image_tag`
parameter stays what it was, so set it to the deployed tag when the stack is next applied.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from stackwright.plan.model import DeployPipeline, Plan

PATH = Path(".github") / "workflows" / "deploy.yml"
ORDER = {"development": 0, "staging": 1, "production": 2}
# Actions at their current major versions (pin to a commit SHA in your repository if your policy asks).
CHECKOUT, CREDENTIALS = "actions/checkout@v4", "aws-actions/configure-aws-credentials@v4"
ECR_LOGIN, QEMU, BUILDX = "aws-actions/amazon-ecr-login@v2", "docker/setup-qemu-action@v3", "docker/setup-buildx-action@v3"

ROLL_OUT = """\
set -euo pipefail
# The service running the task family (CloudFormation names services itself; Terraform names them plainly)
for arn in $(aws ecs list-services --cluster "$CLUSTER" --query 'serviceArns[]' --output text); do
  running=$(aws ecs describe-services --cluster "$CLUSTER" --services "$arn" \\
    --query 'services[0].taskDefinition' --output text)
  if [ "$(basename "${running%:*}")" = "$FAMILY" ]; then service="$arn"; current="$running"; fi
done
if [ -z "${service:-}" ]; then echo "no service in cluster $CLUSTER runs task family $FAMILY" >&2; exit 1; fi
aws ecs describe-task-definition --task-definition "$current" --query taskDefinition > task.json
jq --arg name "$CONTAINER" --arg image "$IMAGE" \\
  '.containerDefinitions |= map(if .name == $name then .image = $image else . end)
   | del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities,
         .registeredAt, .registeredBy, .deregisteredAt)' task.json > revision.json
revision=$(aws ecs register-task-definition --cli-input-json file://revision.json \\
  --query taskDefinition.taskDefinitionArn --output text)
aws ecs update-service --cluster "$CLUSTER" --service "$service" --task-definition "$revision" > /dev/null
aws ecs wait services-stable --cluster "$CLUSTER" --services "$service"
echo "$FAMILY now runs $revision ($IMAGE)"
"""


def _job(plan: Plan, pipeline: DeployPipeline) -> dict:
    services = {s.id: s for s in plan.services}
    steps: list[dict] = [
        {"name": "Check out", "uses": CHECKOUT},
        {"name": "Sign in to AWS (OIDC)", "uses": CREDENTIALS, "with": {
            "role-to-assume": f"arn:aws:iam::${{{{ vars.AWS_ACCOUNT_ID }}}}:role/{pipeline.role_name}",
            "role-session-name": f"github-deploy-{pipeline.github_environment}",
            "aws-region": plan.region}},
        {"name": "Sign in to ECR", "id": "ecr", "uses": ECR_LOGIN},
    ]
    if any(services[i.service].arch == "arm64" for i in pipeline.images):
        steps.append({"name": "Emulate arm64 for the build", "uses": QEMU})
    steps.append({"name": "Set up Docker Buildx", "uses": BUILDX})
    for image in pipeline.images:
        platform = "linux/arm64" if services[image.service].arch == "arm64" else "linux/amd64"
        uri = f"${{{{ steps.ecr.outputs.registry }}}}/{image.repository_name}:${{{{ github.sha }}}}"
        context = pipeline.build_context.replace("{service}", image.service)
        steps.append({"name": f"Build and push {image.service}", "env": {"IMAGE": uri},
                      "run": f'docker buildx build --platform {platform} --tag "$IMAGE" --push {context}\n'})
        steps.append({"name": f"Roll out {image.service}", "env": {
            "CLUSTER": pipeline.cluster_name, "FAMILY": image.task_family, "CONTAINER": image.service,
            "IMAGE": uri}, "run": ROLL_OUT})
    return {"name": f"deploy {plan.name} ({pipeline.github_environment})", "runs-on": "ubuntu-latest",
            "environment": pipeline.github_environment, "timeout-minutes": 60, "steps": steps}


def workflow(plans: list[Plan]) -> str | None:
    """The workflow for the plans of one spec's environments (or its only plan); None when none has `ci:`."""
    deployed = sorted(((p, p.ci) for p in plans if p.ci), key=lambda pc: ORDER[pc[0].environment])
    if not deployed:
        return None
    first = deployed[0][1]
    jobs, previous = {}, None
    for plan, pipeline in deployed:
        job = _job(plan, pipeline)
        if previous:
            job = {"needs": previous, **job}
        previous = f"deploy-{pipeline.github_environment}"
        jobs[previous] = job
    name = deployed[-1][0].name
    document = {
        "name": f"deploy {name}",
        "on": {"push": {"branches": [first.branch]}, "workflow_dispatch": {}},
        "permissions": {"id-token": "write", "contents": "read"},
        "concurrency": {"group": f"deploy-{name}", "cancel-in-progress": False},
        "jobs": jobs,
    }
    header = (f"# Generated by stackwright from the {name} spec: build, push to ECR and roll out each service,\n"
              f"# environment by environment. Set the repository variable AWS_ACCOUNT_ID and create the GitHub\n"
              f"# environments ({', '.join(p.github_environment for _, p in deployed)}) the deploy roles trust;\n"
              f"# deploy the stacks first (they create the roles).\n")
    return header + yaml.dump(document, Dumper=_Dumper, sort_keys=False, default_flow_style=False, width=120,
                              allow_unicode=True)


class _Dumper(yaml.SafeDumper):
    """Block scalars for the scripts (`on` comes out quoted, as YAML 1.1 would read it as true unquoted)."""


def _text(dumper: yaml.SafeDumper, text: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_Dumper.add_representer(str, _text)


def write_workflow(plans: list[Plan], out_dir: Path) -> list[Path]:
    text = workflow(plans)
    if text is None:
        return []
    path = Path(out_dir) / PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return [path]
