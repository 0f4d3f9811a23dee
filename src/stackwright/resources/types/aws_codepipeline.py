"""AWS CodePipeline: V1 pipelines per active pipeline-month; V2 bills action minutes (not in the catalogue)."""

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import monthly, text
from stackwright.resources.registry import register


def components(resource, usage):
    if resource.attrs["type"] == "V2":
        yield CostComponent("codepipeline", "V2 action minutes", "codepipeline/v2-action-minute", 0,
                            unknown_reason="V2 pipeline action-minute prices are not in the catalogue")
        return
    yield monthly("codepipeline", "Active pipeline (V1)", "codepipeline/v1-pipeline", 1)


register("aws_codepipeline", cloudformation_types="AWS::CodePipeline::Pipeline", components=components,
         terraform=lambda r, ctx: {"type": text(r, "pipeline_type", default="V1").upper()},
         cloudformation=lambda r, ctx: {"type": text(r, "PipelineType", default="V1").upper()})
