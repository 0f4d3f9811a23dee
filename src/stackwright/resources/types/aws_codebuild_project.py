"""AWS CodeBuild project: build minutes at its compute type (Linux on-demand EC2 compute)."""

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import text, used
from stackwright.resources.registry import UsageKey, register

SIZES = {"BUILD_GENERAL1_SMALL": "small", "BUILD_GENERAL1_MEDIUM": "medium", "BUILD_GENERAL1_LARGE": "large"}


def components(resource, usage):
    a = resource.attrs
    size = SIZES.get(a["compute"])
    if a["os"] != "LINUX_CONTAINER" or size is None:
        yield CostComponent("codebuild", f"Build minutes ({a['os']}, {a['compute']})", "codebuild/other", 0,
                            unknown_reason="only Linux general1 small/medium/large build prices are in the catalogue")
        return
    yield used("codebuild", f"Build minutes ({a['compute']})", f"codebuild/linux-{size}", usage, "monthly_build_mins")


register("aws_codebuild_project", cloudformation_types="AWS::CodeBuild::Project", components=components,
         terraform=lambda r, ctx: {"compute": text(r, "environment", "compute_type", default=""),
                                   "os": text(r, "environment", "type", default="LINUX_CONTAINER")},
         cloudformation=lambda r, ctx: {"compute": text(r, "Environment", "ComputeType", default=""),
                                        "os": text(r, "Environment", "Type", default="LINUX_CONTAINER")},
         usage={"monthly_build_mins": UsageKey(0, "build minutes/month")})
