"""Amazon EBS volume: storage by type, gp3 IOPS and throughput above the included baseline, io1/io2 IOPS,
magnetic I/O requests. AWS's defaults: gp2 when no type is given."""

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import number, required, text, used
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_

GP3_IOPS, GP3_THROUGHPUT = 3000, 125


def read(r, type_, size, iops, throughput):
    return {"type": text(r, type_, default="gp2"), "gb": required(number(r, size), "the size"),
            "iops": number(r, iops, default=0), "throughput": number(r, throughput, default=0)}


def volume_components(service, label, a, usage=None):
    kind, gb = a["type"], a["gb"]
    names = {"label": label, "type": kind}
    yield CostComponent(service, N_("%(label)s storage (%(type)s)") % names, f"ebs/{kind}", gb, assumption=f"{gb:g} GB")
    if kind == "gp3" and a["iops"] > GP3_IOPS:
        yield CostComponent(service, N_("%(label)s IOPS above 3,000 (gp3)") % names, "ebs/gp3-iops", a["iops"] - GP3_IOPS)
    if kind == "gp3" and a["throughput"] > GP3_THROUGHPUT:
        yield CostComponent(service, N_("%(label)s throughput above 125 MiB/s (gp3)") % names, "ebs/gp3-throughput",
                            a["throughput"] - GP3_THROUGHPUT)
    if kind in ("io1", "io2"):
        yield CostComponent(service, N_("%(label)s provisioned IOPS (%(type)s)") % names, f"ebs/{kind}-iops", a["iops"])
    if kind == "standard" and usage is not None:
        yield used(service, f"{label} I/O requests (magnetic)", "ebs/standard-io", usage, "monthly_standard_io_requests",
                   per=1e6)


def components(resource, usage):
    yield from volume_components("ebs", N_("Volume"), resource.attrs, usage)


register("aws_ebs_volume", cloudformation_types="AWS::EC2::Volume", components=components,
         terraform=lambda r, ctx: read(r, "type", "size", "iops", "throughput"),
         cloudformation=lambda r, ctx: read(r, "VolumeType", "Size", "Iops", "Throughput"),
         usage={"monthly_standard_io_requests": UsageKey(0, "I/O requests/month")})
