"""Amazon Managed Service for Apache Flink application: KPU-hours (one more KPU orchestrates each
application) and running application storage (50 GB per KPU)."""

from stackwright.cost.component import CostComponent
from stackwright.resources.registry import UsageKey, register

STORAGE_GB_PER_KPU = 50


def components(resource, usage):
    kpus = usage["kinesis_processing_units"]
    count = float(kpus.value)
    yield CostComponent("kinesis", "Processing units", "kinesisanalytics/kpu-hour", (count + 1) * 730, usage_based=True,
                        assumption=f"({kpus.assumption}) + 1 orchestration KPU × 730 h")
    yield CostComponent("kinesis", "Running application storage", "kinesisanalytics/storage",
                        count * STORAGE_GB_PER_KPU, usage_based=True,
                        assumption=f"{STORAGE_GB_PER_KPU} GB per KPU × ({kpus.assumption})")


register("aws_kinesisanalyticsv2_application", cloudformation_types="AWS::KinesisAnalyticsV2::Application",
         terraform=lambda r, ctx: {}, cloudformation=lambda r, ctx: {}, components=components,
         usage={"kinesis_processing_units": UsageKey(1, "KPU")})
