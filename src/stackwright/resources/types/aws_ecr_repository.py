"""Amazon ECR repository: image storage by the GB-month (pulls inside the region are free)."""

from stackwright.cost.component import CostComponent
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_


def components(resource, usage):
    storage = usage["storage_gb"]
    yield CostComponent("ecr", N_("Image storage"), "ecr/storage", float(storage.value), usage_based=True,
                        assumption=storage.assumption)


register("aws_ecr_repository", cloudformation_types="AWS::ECR::Repository", components=components,
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {},
         usage={"storage_gb": UsageKey(0, "GB", "images stored in the repository")}, service="ecr")
