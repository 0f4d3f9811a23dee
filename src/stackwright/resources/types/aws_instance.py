"""Amazon EC2 instance, with what the ec2_instance spec kind cannot say: Dedicated tenancy, unlimited CPU
credits (surplus credit-hours are usage), detailed monitoring (7 metrics), and every EBS volume (root and
extra, with type, IOPS and throughput). Root volume when unset: the AMI's, taken as gp3 8 GB, as the
spec-kind mapping does."""

from stackwright.cost.component import CostComponent
from stackwright.importer.resources import IacResource, items
from stackwright.resources.helpers import flag, hourly, monthly, required, text, used
from stackwright.resources.registry import UsageKey, register
from stackwright.resources.types.aws_ebs_volume import volume_components

DETAILED_MONITORING_METRICS = 7
BURSTABLE = ("t2.", "t3.", "t3a.", "t4g.")


def _volume(r: IacResource, size, type_, iops, throughput, default_gb=None) -> dict:
    return {"type": text(r, type_, default="gp3"), "gb": float(r.get(size, default=default_gb) or 0),
            "iops": float(r.get(iops, default=0) or 0), "throughput": float(r.get(throughput, default=0) or 0)}


def terraform(r, ctx):
    root = IacResource(r.address, r.block, r.type, r.get("root_block_device", 0, default={}) or {})
    extra = [IacResource(r.address, r.block, r.type, v)
             for v in items(r.props.get("ebs_block_device"), "ebs_block_device")]
    keys = ("volume_size", "volume_type", "iops", "throughput")
    instance_type = required(text(r, "instance_type"), "instance_type")
    return {"type": instance_type, "tenancy": text(r, "tenancy", default="default"),
            "credits": text(r, "credit_specification", "cpu_credits",
                            default="standard" if instance_type.startswith("t2.") else "unlimited"),
            "monitoring": flag(r, "monitoring"), "spot": r.get("instance_market_options", "market_type") == "spot",
            "volumes": [_volume(root, *keys, default_gb=8)] + [_volume(v, *keys) for v in extra]}


def cloudformation(r, ctx):
    mappings = [IacResource(r.address, r.block, r.type, m.get("Ebs") or {})
                for m in items(r.props.get("BlockDeviceMappings"), "BlockDeviceMappings")]
    keys = ("VolumeSize", "VolumeType", "Iops", "Throughput")
    volumes = [_volume(m, *keys) for m in mappings] or [{"type": "gp3", "gb": 8.0, "iops": 0, "throughput": 0}]
    instance_type = text(r, "InstanceType", default="m1.small")
    return {"type": instance_type, "tenancy": text(r, "Tenancy", default="default"),
            "credits": text(r, "CreditSpecification", "CPUCredits",
                            default="standard" if instance_type.startswith("t2.") else "unlimited"),
            "monitoring": flag(r, "Monitoring"), "spot": False, "volumes": volumes}


def components(resource, usage):
    a = resource.attrs
    label = f"Instance ({a['type']}, {'Spot' if a['spot'] else 'on demand'})"
    if a["tenancy"] != "default":
        yield CostComponent("ec2", f"{label}, {a['tenancy']} tenancy", f"ec2/{a['tenancy']}/{a['type']}", 730,
                            unknown_reason=f"{a['tenancy']}-tenancy prices are not in the catalogue")
    elif a["spot"]:
        yield CostComponent("ec2", label, f"ec2/ondemand/{a['type']}", 730,
                            unknown_reason="Spot is a market price the catalogue does not hold")
    else:
        yield hourly("ec2", label, f"ec2/ondemand/{a['type']}")
    if a["type"].startswith(BURSTABLE) and a["credits"] == "unlimited":
        yield used("ec2", "Surplus CPU credits (unlimited mode)", "ec2/cpu-credits", usage, "monthly_cpu_credit_hrs",
                   factor=float(usage["vcpu_count"].value), how=f" × {usage['vcpu_count'].assumption}")
    if a["monitoring"]:
        yield monthly("cloudwatch", "Detailed monitoring", "cloudwatch/custom-metric", DETAILED_MONITORING_METRICS,
                      f"{DETAILED_MONITORING_METRICS} metrics at 1-minute resolution")
    for number, volume in enumerate(a["volumes"]):
        yield from volume_components("ebs", "Root volume" if number == 0 else f"Volume {number}", volume)


register("aws_instance", cloudformation_types="AWS::EC2::Instance", terraform=terraform,
         cloudformation=cloudformation, components=components,
         usage={"monthly_cpu_credit_hrs": UsageKey(0, "surplus credit-hours/month"), "vcpu_count": UsageKey(2, "vCPU")})
