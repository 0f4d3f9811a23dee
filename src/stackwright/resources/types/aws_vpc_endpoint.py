"""Amazon VPC endpoint: an interface endpoint bills per AZ (one network interface per subnet) by the hour and
per GB it processes; a gateway endpoint (S3, DynamoDB) is free."""

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import hourly, used
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_

UNKNOWN_SUBNETS_AZS = 2


def components(resource, usage):
    service, azs = resource.attrs["service"], resource.attrs["azs"]
    yield hourly("vpc_endpoint", N_("Interface endpoint (%(service)s)") % {"service": service},
                 "vpc_endpoint/interface", azs, N_("%(azs)s AZ(s) × 730 h") % {"azs": azs})
    data = usage["data_gb_month"]
    if float(data.value):
        yield used("vpc_endpoint", N_("Data processed (%(service)s)") % {"service": service},
                   "vpc_endpoint/interface-data", usage, "data_gb_month")


def endpoint(r, ctx, endpoint_type, service, subnets) -> dict | None:
    from stackwright.importer.mapping.network import MAX_AZS, SERVICE_NAME, known_length
    from stackwright.importer.resources import NotPriceable

    if endpoint_type == "Gateway":
        return None
    if endpoint_type != "Interface":
        raise NotPriceable(f"{endpoint_type} endpoints are not modelled (Interface and Gateway are)")
    if not service:
        raise NotPriceable("the service name is not set")
    match = SERVICE_NAME.match(str(service))
    azs = known_length(subnets)
    if azs is None:
        ctx.assume(r, f"its subnets are not known statically: {UNKNOWN_SUBNETS_AZS} AZs assumed")
        azs = UNKNOWN_SUBNETS_AZS
    return {"service": match.group(1) if match else str(service), "azs": min(max(azs, 1), MAX_AZS)}


register("aws_vpc_endpoint", cloudformation_types="AWS::EC2::VPCEndpoint", components=components,
         terraform=lambda r, ctx: endpoint(r, ctx, r.get("vpc_endpoint_type", default="Gateway"),
                                           r.get("service_name"), r.props.get("subnet_ids")),
         cloudformation=lambda r, ctx: endpoint(r, ctx, r.get("VpcEndpointType", default="Gateway"),
                                                r.get("ServiceName"), r.props.get("SubnetIds")),
         usage={"data_gb_month": UsageKey(0, "GB", "data the endpoint processes")}, service="vpc_endpoint")
