"""ECR: one repository per workload, scanned on push, tags immutable, the last images kept."""

from __future__ import annotations

from stackwright.plan.model import Plan, Ref
from stackwright.render.terraform._shared import attribute, name_tags, resource
from stackwright.render.terraform.hcl import Block, Call
from stackwright.render.terraform.stack import Stack, local_name

MODULE = "compute"
IMAGES_KEPT = 10

LIFECYCLE = {"rules": [{
    "rulePriority": 1, "description": f"Keep the last {IMAGES_KEPT} images",
    "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": IMAGES_KEPT},
    "action": {"type": "expire"},
}]}


def render(component: str, plan: Plan, stack: Stack) -> None:
    for repository in plan.of(plan.repositories, component):
        name = local_name(repository.id)
        address = resource(stack, MODULE, "aws_ecr_repository", name, {
            "name": repository.name,
            "image_tag_mutability": "IMMUTABLE",
            "force_delete": True,  # images are rebuilt from source; they never block a teardown
            "tags": name_tags(plan, repository.id),
            "image_scanning_configuration": Block("image_scanning_configuration", (), {"scan_on_push": True}),
            "encryption_configuration": Block("encryption_configuration", (), {"encryption_type": "AES256"}),
        }, element=repository, represents=repository.id)
        stack.resource(MODULE, "aws_ecr_lifecycle_policy", name, {
            "repository": attribute(address, "name"), "policy": Call("jsonencode", (LIFECYCLE,))})
        stack.output(f"{name}_uri", f"Repository URI for {repository.workload}", Ref(repository.id, "uri"))
