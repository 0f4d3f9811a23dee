"""ECR: one repository per workload, scanned on push, tags immutable, the last images kept."""

from __future__ import annotations

from stackwright.plan.model import Plan
from stackwright.render.terraform._shared import skip_comments
from stackwright.render.terraform.hcl import Block, Call, Expr, Template
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "compute"
IMAGES_KEPT = 10

LIFECYCLE = {"rules": [{
    "rulePriority": 1, "description": f"Keep the last {IMAGES_KEPT} images",
    "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": IMAGES_KEPT},
    "action": {"type": "expire"},
}]}


def render(component: str, plan: Plan, stack: Stack) -> None:
    """One repository resource with for_each over the workloads, and its lifecycle policy chained on it."""
    repositories = list(plan.of(plan.repositories, component))
    if not repositories:
        return
    name = local_name(component)
    address = f"aws_ecr_repository.{name}"
    stack.resource(MODULE, "aws_ecr_repository", name, {
        "for_each": {r.workload: r.name for r in repositories},
        "name": Expr("each.value"),
        "image_tag_mutability": "IMMUTABLE",
        "force_delete": True,  # images are rebuilt from source; they never block a teardown
        "tags": {"Name": Template((f"{plan.name}-{component}-", Expr("each.key")))},
        "image_scanning_configuration": Block("image_scanning_configuration", (), {"scan_on_push": True}),
        "encryption_configuration": Block("encryption_configuration", (), {"encryption_type": "AES256"}),
    }, comments=tuple(dict.fromkeys(c for r in repositories for c in skip_comments(plan, "aws_ecr_repository", r))))
    for repository in repositories:
        stack.represent(repository.id, MODULE, None, f'{address}["{repository.workload}"]', "")
    stack.resource(MODULE, "aws_ecr_lifecycle_policy", name, {
        "for_each": Expr(address), "repository": Expr("each.value.name"),
        "policy": Call("jsonencode", (LIFECYCLE,))})
    # The same map cross-module references to a repository's uri read (Stack._instance_reference).
    stack.modules[MODULE].outputs[f"{name}_uris"] = (
        "uri of each aws_ecr_repository, by key", Expr(f"{{ for key, item in {address} : key => item.repository_url }}"))
    stack.output(f"{name}_uris", "ECR repository URIs to push images to, by workload",
                 Expr(f"module.{MODULE}.{name}_uris"))
