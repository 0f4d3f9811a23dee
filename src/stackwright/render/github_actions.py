"""`.github/workflows/deploy.yml`: the GitHub Actions workflow that builds each Fargate service's image,
pushes it to the environment's ECR repository tagged with the commit, and deploys it by setting the stack's
ImageTag parameter to that tag, signed in with OIDC (aws-actions/configure-aws-credentials with
role-to-assume: no stored keys).

One job per environment, in promotion order (dev, then staging, then prod), each in the GitHub environment
its role trusts, so the environment's protection rules (reviewers, branches) gate it. The deploy goes through
the stack, not around it: CloudFormation registers the task definition revisions and updates the services, so
the stack stays the source of truth and its first deploy (ImageTag empty: no tasks) is the one this completes.
With Terraform, the same step is `terraform apply -var image_tag=${{ github.sha }}` against your state.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from stackwright.plan.build import IMAGE_TAG_PARAMETER
from stackwright.plan.model import DeployPipeline, Plan
from stackwright.render.cloudformation.template import logical_id

PATH = Path(".github") / "workflows" / "deploy.yml"
ORDER = {"development": 0, "staging": 1, "production": 2}
# Actions at their current major versions (pin to a commit SHA in your repository if your policy asks).
CHECKOUT, CREDENTIALS = "actions/checkout@v4", "aws-actions/configure-aws-credentials@v4"
ECR_LOGIN, QEMU, BUILDX = "aws-actions/amazon-ecr-login@v2", "docker/setup-qemu-action@v3", "docker/setup-buildx-action@v3"

# Only ImageTag changes: the stack keeps its template and every other parameter's value. The stack stays the
# source of truth (a first deploy with ImageTag empty runs no tasks; this sets it), and CloudFormation rolls
# the services onto the new revisions (ECS's deployment circuit breaker rolls back a failing one).
DEPLOY = """\
set -euo pipefail
if ! out=$(aws cloudformation update-stack --stack-name "$STACK" --use-previous-template \\
    --capabilities CAPABILITY_IAM CAPABILITY_NAMED_IAM --parameters "ParameterKey=ImageTag,ParameterValue=$TAG" \\
    {kept} 2>&1); then
  case "$out" in
    *"No updates are to be performed"*) echo "$STACK already runs $TAG"; exit 0 ;;
    *) echo "$out" >&2; exit 1 ;;
  esac
fi
aws cloudformation wait stack-update-complete --stack-name "$STACK"
echo "$STACK now runs $TAG"
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
    kept = " ".join(f"ParameterKey={logical_id(p.id)},UsePreviousValue=true"
                    for p in plan.parameters if p.id != IMAGE_TAG_PARAMETER)
    steps.append({"name": "Deploy the images (the stack's ImageTag parameter)", "env": {
        "STACK": pipeline.stack_name, "TAG": "${{ github.sha }}"}, "run": DEPLOY.format(kept=kept)})
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
    header = (f"# Generated by stackwright from the {name} spec: build and push each service's image to ECR, then\n"
              f"# deploy it by setting the stack's ImageTag parameter, environment by environment. Set the\n"
              f"# repository variable AWS_ACCOUNT_ID and create the GitHub environments\n"
              f"# ({', '.join(p.github_environment for _, p in deployed)}) the deploy roles trust; deploy the stacks "
              f"first (they create\n# the roles). With Terraform instead, make the last step "
              f"`terraform apply -var image_tag=${{{{ github.sha }}}}`.\n")
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
