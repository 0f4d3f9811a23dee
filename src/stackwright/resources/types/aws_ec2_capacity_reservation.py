"""Amazon EC2 On-Demand Capacity Reservation: billed at the on-demand rate for every reserved instance,
used or not (a running instance that uses it is not billed again; the bill cannot see that use)."""

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import hourly, required, text, whole
from stackwright.resources.registry import register


def components(resource, usage):
    a = resource.attrs
    if a["platform"] != "Linux/UNIX":
        yield CostComponent("ec2", f"Reserved capacity ({a['type']}, {a['platform']})", f"ec2/{a['platform']}", 0,
                            unknown_reason="only Linux on-demand rates are in the catalogue")
        return
    yield hourly("ec2", f"Reserved capacity ({a['type']}, {a['platform']})", f"ec2/ondemand/{a['type']}", a["count"],
                 f"{a['count']} instance(s) × 730 h, used or not")


def read(instance_type, count, platform):
    if (platform or "Linux/UNIX") != "Linux/UNIX":
        return {"type": instance_type, "count": count, "platform": platform}
    return {"type": required(instance_type, "the instance type"), "count": required(count, "the instance count"),
            "platform": "Linux/UNIX"}


register("aws_ec2_capacity_reservation", cloudformation_types="AWS::EC2::CapacityReservation", components=components,
         terraform=lambda r, ctx: read(text(r, "instance_type"), whole(r, "instance_count"),
                                       text(r, "instance_platform")),
         cloudformation=lambda r, ctx: read(text(r, "InstanceType"), whole(r, "InstanceCount"),
                                            text(r, "InstancePlatform")))
