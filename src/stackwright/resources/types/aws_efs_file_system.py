"""Amazon EFS file system: storage by class (Regional or One Zone), Infrequent Access, provisioned throughput."""

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import number, text, used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    a = resource.attrs
    if a["one_zone"]:
        yield used("efs", "One Zone storage", "efs/one-zone", usage, "storage_gb")
    else:
        yield used("efs", "Standard storage", "efs/standard", usage, "storage_gb")
        yield used("efs", "Infrequent Access storage", "efs/standard-ia", usage, "infrequent_access_storage_gb")
    if a["throughput_mode"] == "provisioned":
        yield CostComponent("efs", "Provisioned throughput", "efs/provisioned-throughput", a["mibps"],
                            assumption=f"{a['mibps']:g} MiB/s provisioned")


def read(zone, mode, mibps):
    return {"one_zone": zone is not None, "throughput_mode": (mode or "bursting").lower(), "mibps": mibps or 0}


register("aws_efs_file_system", cloudformation_types="AWS::EFS::FileSystem", components=components,
         terraform=lambda r, ctx: read(text(r, "availability_zone_name"), text(r, "throughput_mode"),
                                       number(r, "provisioned_throughput_in_mibps")),
         cloudformation=lambda r, ctx: read(text(r, "AvailabilityZoneName"), text(r, "ThroughputMode"),
                                            number(r, "ProvisionedThroughputInMibps")),
         usage={"storage_gb": UsageKey(0, "GB"), "infrequent_access_storage_gb": UsageKey(0, "GB")})
