"""Amazon OpenSearch Service domain: data nodes, dedicated master nodes, EBS storage per data node."""

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import flag, hourly, number, required, text, whole
from stackwright.resources.registry import register


def read(r, config, ebs, instance_type, count, master, master_type, master_count, warm, ebs_enabled, volume_type,
         volume_size):
    return {"type": required(text(r, config, instance_type), f"{config}.{instance_type}"),
            "count": whole(r, config, count, default=1),
            "master_type": text(r, config, master_type) if flag(r, config, master) else None,
            "master_count": whole(r, config, master_count, default=3), "warm": flag(r, config, warm),
            "ebs": flag(r, ebs, ebs_enabled), "volume_type": text(r, ebs, volume_type, default="gp2"),
            "volume_gb": number(r, ebs, volume_size, default=10)}


def terraform(r, ctx):
    return read(r, "cluster_config", "ebs_options", "instance_type", "instance_count", "dedicated_master_enabled",
                "dedicated_master_type", "dedicated_master_count", "warm_enabled", "ebs_enabled", "volume_type",
                "volume_size")


def cloudformation(r, ctx):
    config = "ElasticsearchClusterConfig" if r.type == "AWS::Elasticsearch::Domain" else "ClusterConfig"
    return read(r, config, "EBSOptions", "InstanceType", "InstanceCount", "DedicatedMasterEnabled",
                "DedicatedMasterType", "DedicatedMasterCount", "WarmEnabled", "EBSEnabled", "VolumeType", "VolumeSize")


def components(resource, usage):
    a = resource.attrs
    yield hourly("opensearch", f"Data nodes ({a['type']})", f"opensearch/{a['type']}", a["count"])
    if a["master_type"]:
        yield hourly("opensearch", f"Dedicated master nodes ({a['master_type']})", f"opensearch/{a['master_type']}",
                     a["master_count"])
    if a["warm"]:
        yield CostComponent("opensearch", "UltraWarm nodes", "opensearch/ultrawarm", 0,
                            unknown_reason="UltraWarm node prices are not in the catalogue")
    if a["ebs"]:
        gb = a["volume_gb"] * a["count"]
        yield CostComponent("opensearch", f"EBS storage ({a['volume_type']})", f"opensearch/storage/{a['volume_type']}",
                            gb, assumption=f"{a['count']} data node(s) × {a['volume_gb']:g} GB")


register("aws_opensearch_domain", cloudformation_types="AWS::OpenSearchService::Domain", terraform=terraform,
         cloudformation=cloudformation, components=components)
