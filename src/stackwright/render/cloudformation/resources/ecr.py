"""ECR: one repository per workload, scanned on push, tags immutable, the last images kept."""

from __future__ import annotations

import json

from stackwright.plan.model import Plan, Ref
from stackwright.render.cloudformation.template import Template, logical_id

IMAGES_KEPT = 10

LIFECYCLE = json.dumps({"rules": [{
    "rulePriority": 1, "description": f"Keep the last {IMAGES_KEPT} images",
    "selection": {"tagStatus": "any", "countType": "imageCountMoreThan", "countNumber": IMAGES_KEPT},
    "action": {"type": "expire"},
}]}, sort_keys=True)


def render(component: str, plan: Plan, template: Template) -> None:
    for repository in plan.of(plan.repositories, component):
        logical = template.add(logical_id(repository.id), "AWS::ECR::Repository", {
            "RepositoryName": repository.name,
            "ImageScanningConfiguration": {"ScanOnPush": True},
            "ImageTagMutability": "IMMUTABLE",
            "EncryptionConfiguration": {"EncryptionType": "AES256"},
            "LifecyclePolicy": {"LifecyclePolicyText": LIFECYCLE},
            "EmptyOnDelete": True,  # images are rebuilt from source; they never block a teardown
        }, represents=repository.id)
        template.output(f"{logical}Uri", f"Repository URI for {repository.workload}", Ref(repository.id, "uri"))
