"""Amazon EC2 instance (a host, or a NAT instance): instance-hours under its purchase option, Dedicated
tenancy, unlimited CPU credits (surplus credit-hours are usage), detailed monitoring (7 metrics), every EBS
volume (root and extra, with type, IOPS and throughput) and its public IPv4 address (auto-assigned, or a
NAT instance's Elastic IP). Root volume when unset: the AMI's, taken as gp3 8 GB, as the spec-kind mapping
does.

Usage: `monthly_hours` it runs; `purchase_option` (reserved_1y/3y, savings_plan_1y/3y: bought apart from
the code) and `spot_discount` (a Spot instance's assumed discount; Spot is a market price)."""

from stackwright.cost.component import CostComponent
from stackwright.resources import egress
from stackwright.resources.capacity import ec2_capacity
from stackwright.importer.resources import IacResource, items
from stackwright.resources.helpers import flag, monthly, required, text, used
from stackwright.resources.registry import UsageKey, register
from stackwright.resources.types.aws_ebs_volume import volume_components
from stackwright.translatable import N_

DETAILED_MONITORING_METRICS = 7
PURCHASE_OPTION = UsageKey("", "option", "reserved_1y, reserved_3y, savings_plan_1y or savings_plan_3y (bought apart "
                                         "from the code); by default as the code says")
SPOT_DISCOUNT = UsageKey("", "share", "a Spot instance's assumed discount on the on-demand price")
BURSTABLE = ("t2.", "t3.", "t3a.", "t4g.")


def _volume(r: IacResource, size, type_, iops, throughput, default_gb=None) -> dict:
    return {"type": text(r, type_, default="gp3"), "gb": float(r.get(size, default=default_gb) or 0),
            "iops": float(r.get(iops, default=0) or 0), "throughput": float(r.get(throughput, default=0) or 0)}


def _nat_address(r, ctx, eip_type: str, instance_key: str, check_key: str) -> bool:
    """A NAT instance's Elastic IP (its public address, billed with it; any other instance's is its own)."""
    forwards = str(r.get(check_key, default=True)).lower() == "false"
    return forwards and bool(ctx.referrers(r, eip_type, prop=instance_key))


def _template(r, ctx, reference, type_: str, data_key: str | None = None) -> IacResource:
    """The launch template the instance starts from (its settings apply where the instance sets none), or an
    empty one."""
    from stackwright.importer.mapping.compute import one_template

    template = one_template(r, ctx, reference, (type_,))
    if template is None:
        return IacResource(r.address, r.block, r.type, {})
    data = template.props.get(data_key) if data_key else template.props
    return IacResource(template.address, template.block, template.type, data if isinstance(data, dict) else {})


def _credits(instance_type: str, given) -> str:
    return str(given) if given is not None else "standard" if instance_type.startswith("t2.") else "unlimited"


def terraform(r, ctx):
    template = _template(r, ctx, r.props.get("launch_template"), "aws_launch_template")
    root = r.get("root_block_device", 0, default=None) or template.get("block_device_mappings", 0, "ebs", 0,
                                                                          default=None) or {}
    root = IacResource(r.address, r.block, r.type, root)
    extra = [IacResource(r.address, r.block, r.type, v)
             for v in items(r.props.get("ebs_block_device"), "ebs_block_device")]
    keys = ("volume_size", "volume_type", "iops", "throughput")
    instance_type = required(text(r, "instance_type") or text(template, "instance_type"), "instance_type")
    market = r.get("instance_market_options", "market_type") or template.get("instance_market_options", "market_type")
    return {"type": instance_type, "tenancy": text(r, "tenancy", default="default"),
            "credits": _credits(instance_type, text(r, "credit_specification", "cpu_credits")
                                or text(template, "credit_specification", "cpu_credits")),
            "monitoring": flag(r, "monitoring") or flag(template, "monitoring", "enabled"), "spot": market == "spot",
            "volumes": [_volume(root, *keys, default_gb=8)] + [_volume(v, *keys) for v in extra],
            "public_ip": flag(r, "associate_public_ip_address",
                              default=flag(template, "network_interfaces", 0, "associate_public_ip_address"))
            or _nat_address(r, ctx, "aws_eip", "instance", "source_dest_check")}


def cloudformation(r, ctx):
    template = _template(r, ctx, r.props.get("LaunchTemplate"), "AWS::EC2::LaunchTemplate", "LaunchTemplateData")
    given = items(r.props.get("BlockDeviceMappings"), "BlockDeviceMappings") or items(
        template.props.get("BlockDeviceMappings"), "BlockDeviceMappings")
    mappings = [IacResource(r.address, r.block, r.type, m.get("Ebs") or {}) for m in given]
    keys = ("VolumeSize", "VolumeType", "Iops", "Throughput")
    volumes = [_volume(m, *keys) for m in mappings] or [{"type": "gp3", "gb": 8.0, "iops": 0, "throughput": 0}]
    instance_type = text(r, "InstanceType") or text(template, "InstanceType", default="m1.small")
    return {"type": instance_type, "tenancy": text(r, "Tenancy", default="default"),
            "credits": _credits(instance_type, text(r, "CreditSpecification", "CPUCredits")
                                or text(template, "CreditSpecification", "CpuCredits")),
            "monitoring": flag(r, "Monitoring") or flag(template, "Monitoring", "Enabled"),
            "spot": template.get("InstanceMarketOptions", "MarketType") == "spot", "volumes": volumes,
            "public_ip": flag(r, "NetworkInterfaces", 0, "AssociatePublicIpAddress",
                              default=flag(template, "NetworkInterfaces", 0, "AssociatePublicIpAddress"))
            or _nat_address(r, ctx, "AWS::EC2::EIP", "InstanceId", "SourceDestCheck")}


def components(resource, usage):
    a = resource.attrs
    hours = usage["monthly_hours"]
    if a["tenancy"] != "default":
        label = f"Instance ({a['type']}, {'Spot' if a['spot'] else 'on demand'})"
        yield CostComponent("ec2", f"{label}, {a['tenancy']} tenancy", f"ec2/{a['tenancy']}/{a['type']}",
                            float(hours.value), unknown_reason=f"{a['tenancy']}-tenancy prices are not in the catalogue")
    else:
        option = usage["purchase_option"].value or ("spot" if a["spot"] else "on_demand")
        discount = usage["spot_discount"].value
        yield from ec2_capacity(a["type"], [(1, float(hours.value), hours.assumption)], option,
                                None if discount == "" else float(discount), N_("Instance"))
    if a["type"].startswith(BURSTABLE) and a["credits"] == "unlimited" and float(usage["monthly_cpu_credit_hrs"].value):
        yield used("ec2", "Surplus CPU credits (unlimited mode)", "ec2/cpu-credits", usage, "monthly_cpu_credit_hrs",
                   factor=float(usage["vcpu_count"].value), how=f" × {usage['vcpu_count'].assumption}")
    if a["monitoring"]:
        yield monthly("cloudwatch", "Detailed monitoring", "cloudwatch/custom-metric", DETAILED_MONITORING_METRICS,
                      f"{DETAILED_MONITORING_METRICS} metrics at 1-minute resolution")
    for number, volume in enumerate(a["volumes"]):
        label = N_("Root volume") if number == 0 else N_("Volume %(number)s") % {"number": number}
        yield from volume_components("ebs", label, volume)
    if a.get("public_ip"):
        yield CostComponent("public_ipv4", N_("Public IPv4 address (%(why)s)") % {"why": N_("one per instance")},
                            "public_ipv4/in-use", float(hours.value),
                            assumption=N_("%(count)s address(es) × %(hours)s") % {"count": 1, "hours": hours.assumption})
    yield from egress.component(usage)


register("aws_instance", cloudformation_types="AWS::EC2::Instance", terraform=terraform,
         cloudformation=cloudformation, components=components,
         usage={"monthly_cpu_credit_hrs": UsageKey(0, "surplus credit-hours/month"), "vcpu_count": UsageKey(2, "vCPU"),
                "monthly_hours": UsageKey(730, "hours", "hours it runs a month"),
                "purchase_option": PURCHASE_OPTION, "spot_discount": SPOT_DISCOUNT, **egress.USAGE})
