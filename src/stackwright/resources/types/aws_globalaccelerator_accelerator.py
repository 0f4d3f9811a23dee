"""AWS Global Accelerator: the fixed hourly fee (the data transfer premium depends on traffic between regions)."""

from stackwright.resources.helpers import hourly
from stackwright.resources.registry import register


def components(resource, usage):
    yield hourly("global_accelerator", "Accelerator", "globalaccelerator/hour")


register("aws_globalaccelerator_accelerator", cloudformation_types="AWS::GlobalAccelerator::Accelerator",
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {}, components=components)
