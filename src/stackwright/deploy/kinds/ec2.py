"""VPC, subnets, routing, gateways, security groups, addresses, launch templates, instances, endpoints."""

from __future__ import annotations

from typing import Any

from stackwright.deploy.aws import Clients
from stackwright.deploy.kinds.base import Difference, Kind, absent_if_missing, differences, tag_list, undone_on_error

ALLOW_ALL = ("-1", "0.0.0.0/0")  # the egress rule every new security group starts with


def _one(items: list[dict] | None) -> dict | None:
    return items[0] if items else None


class Vpc(Kind):
    type = "AWS::EC2::VPC"

    def inventory(self, aws):
        return {v["VpcId"] for v in aws("ec2").describe_vpcs()["Vpcs"] if not v.get("IsDefault")}

    def find(self, aws, r):
        found = absent_if_missing(aws("ec2").describe_vpcs, VpcIds=[r.physical_id])
        return _one(found and found["Vpcs"])

    def check(self, state, r):
        return differences(("CidrBlock", state["CidrBlock"], r.get("CidrBlock")))

    def delete(self, aws, r, state):
        aws("ec2").delete_vpc(VpcId=state["VpcId"])


class Subnet(Kind):
    type = "AWS::EC2::Subnet"

    def inventory(self, aws):
        return {s["SubnetId"] for s in aws("ec2").describe_subnets()["Subnets"] if not s.get("DefaultForAz")}

    def find(self, aws, r):
        found = absent_if_missing(aws("ec2").describe_subnets, SubnetIds=[r.physical_id])
        return _one(found and found["Subnets"])

    def check(self, state, r):
        return differences(("VpcId", state["VpcId"], r.get("VpcId")), ("CidrBlock", state["CidrBlock"], r.get("CidrBlock")),
                           ("AvailabilityZone", state["AvailabilityZone"], r.get("AvailabilityZone")))


class RouteTable(Kind):
    type = "AWS::EC2::RouteTable"

    def inventory(self, aws):
        return {t["RouteTableId"] for t in aws("ec2").describe_route_tables()["RouteTables"]
                if not any(a.get("Main") for a in t["Associations"])}

    def find(self, aws, r):
        found = absent_if_missing(aws("ec2").describe_route_tables, RouteTableIds=[r.physical_id])
        return _one(found and found["RouteTables"])

    def check(self, state, r):
        return differences(("VpcId", state["VpcId"], r.get("VpcId")))

    def delete(self, aws, r, state):
        for association in state["Associations"]:
            aws("ec2").disassociate_route_table(AssociationId=association["RouteTableAssociationId"])
        aws("ec2").delete_route_table(RouteTableId=state["RouteTableId"])


def _route_table(aws: Clients, table_id: str) -> dict | None:
    found = absent_if_missing(aws("ec2").describe_route_tables, RouteTableIds=[table_id])
    return _one(found and found["RouteTables"])


class Route(Kind):
    """Found by its table and destination: CloudFormation and moto give it different physical ids."""

    type = "AWS::EC2::Route"
    TARGETS = ("GatewayId", "NatGatewayId", "InstanceId", "VpcEndpointId")

    def find(self, aws, r):
        table = _route_table(aws, r["RouteTableId"])
        return next((route for route in table["Routes"] if route.get("DestinationCidrBlock") == r["DestinationCidrBlock"]),
                    None) if table else None

    def check(self, state, r):
        return differences(*((target, state.get(target), r.get(target)) for target in self.TARGETS))

    def delete(self, aws, r, state):
        aws("ec2").delete_route(RouteTableId=r["RouteTableId"], DestinationCidrBlock=r["DestinationCidrBlock"])


class SubnetRouteTableAssociation(Kind):
    type = "AWS::EC2::SubnetRouteTableAssociation"
    service_api = "ec2.associate_route_table"
    emulates = frozenset({"RouteTableId", "SubnetId"})

    def find(self, aws, r):
        table = _route_table(aws, r["RouteTableId"])
        return next((a for a in table["Associations"] if a.get("SubnetId") == r["SubnetId"]), None) if table else None

    def create(self, aws, r):
        return aws("ec2").associate_route_table(RouteTableId=r["RouteTableId"], SubnetId=r["SubnetId"])["AssociationId"]

    def delete(self, aws, r, state):
        aws("ec2").disassociate_route_table(AssociationId=state["RouteTableAssociationId"])


class InternetGateway(Kind):
    type = "AWS::EC2::InternetGateway"

    def inventory(self, aws):
        return {g["InternetGatewayId"] for g in aws("ec2").describe_internet_gateways()["InternetGateways"]}

    def find(self, aws, r):
        found = absent_if_missing(aws("ec2").describe_internet_gateways, InternetGatewayIds=[r.physical_id])
        return _one(found and found["InternetGateways"])

    def delete(self, aws, r, state):
        for attachment in state["Attachments"]:
            aws("ec2").detach_internet_gateway(InternetGatewayId=state["InternetGatewayId"], VpcId=attachment["VpcId"])
        aws("ec2").delete_internet_gateway(InternetGatewayId=state["InternetGatewayId"])


class VpcGatewayAttachment(Kind):
    type = "AWS::EC2::VPCGatewayAttachment"

    def find(self, aws, r):
        found = absent_if_missing(aws("ec2").describe_internet_gateways, InternetGatewayIds=[r["InternetGatewayId"]])
        gateway = _one(found and found["InternetGateways"])
        return next((a for a in gateway["Attachments"] if a["VpcId"] == r["VpcId"]), None) if gateway else None

    def delete(self, aws, r, state):
        aws("ec2").detach_internet_gateway(InternetGatewayId=r["InternetGatewayId"], VpcId=r["VpcId"])


def _permission(rule: dict) -> dict:
    """A template rule (inline or a SecurityGroupIngress/Egress resource) as an EC2 API permission."""
    permission: dict[str, Any] = {"IpProtocol": str(rule["IpProtocol"])}
    if "FromPort" in rule:
        permission |= {"FromPort": int(rule["FromPort"]), "ToPort": int(rule["ToPort"])}
    description = {"Description": rule["Description"]} if rule.get("Description") else {}
    if rule.get("CidrIp"):
        permission["IpRanges"] = [{"CidrIp": rule["CidrIp"], **description}]
    group = rule.get("SourceSecurityGroupId") or rule.get("DestinationSecurityGroupId")
    if group:
        permission["UserIdGroupPairs"] = [{"GroupId": group, **description}]
    return permission


def _has(permissions: list[dict], rule: dict) -> bool:
    wanted = _permission(rule)
    peers = {p["CidrIp"] for p in wanted.get("IpRanges", [])} | {p["GroupId"] for p in wanted.get("UserIdGroupPairs", [])}
    for permission in permissions:
        if (str(permission["IpProtocol"]), permission.get("FromPort"), permission.get("ToPort")) != \
                (wanted["IpProtocol"], wanted.get("FromPort"), wanted.get("ToPort")):
            continue
        if peers <= {p["CidrIp"] for p in permission.get("IpRanges", [])} | \
                {p["GroupId"] for p in permission.get("UserIdGroupPairs", [])}:
            return True
    return False


def _group(aws: Clients, group_id: str) -> dict | None:
    found = absent_if_missing(aws("ec2").describe_security_groups, GroupIds=[group_id])
    return _one(found and found["SecurityGroups"])


class SecurityGroup(Kind):
    type = "AWS::EC2::SecurityGroup"
    service_api = "ec2.create_security_group"
    emulates = frozenset({"GroupName", "GroupDescription", "VpcId", "SecurityGroupIngress", "SecurityGroupEgress",
                          "Tags"})

    def find(self, aws, r):
        return _group(aws, r.physical_id)

    def check(self, state, r):
        problems = differences(("VpcId", state.get("VpcId"), r.get("VpcId")),
                               ("GroupDescription", state["Description"], r.get("GroupDescription")))
        for direction, permissions in (("SecurityGroupIngress", state["IpPermissions"]),
                                       ("SecurityGroupEgress", state["IpPermissionsEgress"])):
            problems += [Difference(direction, f"{direction} has no rule {_permission(rule)}")
                         for rule in r.get(direction, []) if not _has(permissions, rule)]
        if r.get("SecurityGroupEgress") and _has(state["IpPermissionsEgress"], {"IpProtocol": ALLOW_ALL[0],
                                                                                 "CidrIp": ALLOW_ALL[1]}):
            problems.append(Difference("SecurityGroupEgress", "egress to anywhere is still allowed although the "
                                                              "template lists its egress rules"))
        return problems

    def create(self, aws, r):
        ec2 = aws("ec2")
        tags = {t["Key"]: t["Value"] for t in r.get("Tags", [])} | r.tags
        group = ec2.create_security_group(
            GroupName=r.get("GroupName", r.name), Description=r["GroupDescription"], VpcId=r["VpcId"],
            TagSpecifications=[{"ResourceType": "security-group", "Tags": tag_list(tags)}])["GroupId"]
        with undone_on_error(lambda: ec2.delete_security_group(GroupId=group)):
            if r.get("SecurityGroupIngress"):
                ec2.authorize_security_group_ingress(GroupId=group,
                                                     IpPermissions=[_permission(p) for p in r["SecurityGroupIngress"]])
            if r.get("SecurityGroupEgress"):  # listed egress replaces the allow-all rule a new group starts with
                ec2.revoke_security_group_egress(GroupId=group, IpPermissions=[
                    {"IpProtocol": ALLOW_ALL[0], "IpRanges": [{"CidrIp": ALLOW_ALL[1]}]}])
                ec2.authorize_security_group_egress(GroupId=group,
                                                    IpPermissions=[_permission(p) for p in r["SecurityGroupEgress"]])
        return group

    def delete(self, aws, r, state):
        aws("ec2").delete_security_group(GroupId=state["GroupId"])


class SecurityGroupIngress(Kind):
    """Found as a rule of its group: a standalone rule's physical id differs between AWS and moto."""

    type = "AWS::EC2::SecurityGroupIngress"
    direction = "IpPermissions"

    def find(self, aws, r):
        group = _group(aws, r["GroupId"])
        rule = {key: r.get(key) for key in r.keys}
        return group if group and _has(group[self.direction], rule) else None


class SecurityGroupEgress(SecurityGroupIngress):
    type = "AWS::EC2::SecurityGroupEgress"
    direction = "IpPermissionsEgress"
    service_api = "ec2.authorize_security_group_egress"
    emulates = frozenset({"GroupId", "IpProtocol", "FromPort", "ToPort", "CidrIp", "DestinationSecurityGroupId",
                          "Description"})

    def create(self, aws, r):
        rule = {key: r.get(key) for key in r.keys}
        added = aws("ec2").authorize_security_group_egress(GroupId=r["GroupId"], IpPermissions=[_permission(rule)])
        return added["SecurityGroupRules"][0]["SecurityGroupRuleId"]

    def delete(self, aws, r, state):
        rule = {key: r.get(key) for key in r.keys}
        aws("ec2").revoke_security_group_egress(GroupId=r["GroupId"], IpPermissions=[_permission(rule)])


class Eip(Kind):
    type = "AWS::EC2::EIP"

    def inventory(self, aws):
        return {a["PublicIp"] for a in aws("ec2").describe_addresses()["Addresses"]}

    def find(self, aws, r):
        found = absent_if_missing(aws("ec2").describe_addresses, PublicIps=[r.physical_id])
        return _one(found and found["Addresses"])

    def attribute(self, state, r, name):
        if name == "AllocationId":
            return state["AllocationId"]
        return super().attribute(state, r, name)

    def delete(self, aws, r, state):
        aws("ec2").release_address(AllocationId=state["AllocationId"])


class NatGateway(Kind):
    type = "AWS::EC2::NatGateway"

    def inventory(self, aws):
        return {g["NatGatewayId"] for g in aws("ec2").describe_nat_gateways()["NatGateways"]
                if g["State"] not in ("deleting", "deleted")}

    def find(self, aws, r):
        found = absent_if_missing(aws("ec2").describe_nat_gateways, NatGatewayIds=[r.physical_id])
        gateway = _one(found and found["NatGateways"])
        return gateway if gateway and gateway["State"] not in ("deleting", "deleted") else None

    def check(self, state, r):
        return differences(("SubnetId", state["SubnetId"], r.get("SubnetId")),
                           ("AllocationId", [a.get("AllocationId") for a in state.get("NatGatewayAddresses", [])],
                            [r.get("AllocationId")] if r.get("AllocationId") else None))

    def delete(self, aws, r, state):
        aws("ec2").delete_nat_gateway(NatGatewayId=state["NatGatewayId"])


class LaunchTemplate(Kind):
    type = "AWS::EC2::LaunchTemplate"

    def inventory(self, aws):
        return {t["LaunchTemplateId"] for t in aws("ec2").describe_launch_templates()["LaunchTemplates"]}

    def find(self, aws, r):
        found = absent_if_missing(aws("ec2").describe_launch_templates, LaunchTemplateIds=[r.physical_id])
        template = _one(found and found["LaunchTemplates"])
        if template:
            versions = aws("ec2").describe_launch_template_versions(LaunchTemplateId=template["LaunchTemplateId"],
                                                                    Versions=["$Latest"])["LaunchTemplateVersions"]
            template = {**template, "Data": versions[0]["LaunchTemplateData"]}
        return template

    def check(self, state, r):
        data = r.get("LaunchTemplateData", {})
        return differences(("InstanceType", state["Data"].get("InstanceType"), data.get("InstanceType")),
                           ("ImageId", state["Data"].get("ImageId"), data.get("ImageId")))

    def attribute(self, state, r, name):
        if name == "LatestVersionNumber":
            return str(state["LatestVersionNumber"])
        return super().attribute(state, r, name)


class Instance(Kind):
    type = "AWS::EC2::Instance"
    service_api = "ec2.run_instances"
    emulates = frozenset({"LaunchTemplate", "NetworkInterfaces", "SourceDestCheck", "Tags"})

    def find(self, aws, r):
        found = absent_if_missing(aws("ec2").describe_instances, InstanceIds=[r.physical_id])
        instance = _one([i for reservation in (found or {}).get("Reservations", []) for i in reservation["Instances"]])
        return instance if instance and instance["State"]["Name"] not in ("shutting-down", "terminated") else None

    def check(self, state, r):
        interface = _one(r.get("NetworkInterfaces")) or {}
        groups = [g["GroupId"] for i in state.get("NetworkInterfaces", []) for g in i.get("Groups", [])]
        return differences(("SubnetId", state.get("SubnetId"), interface.get("SubnetId")),
                           ("SourceDestCheck", state.get("SourceDestCheck"), r.get("SourceDestCheck")),
                           ("NetworkInterfaces", groups, interface.get("GroupSet")))

    def attribute(self, state, r, name):
        if name == "PublicIp":
            return state.get("PublicIpAddress", "")
        return super().attribute(state, r, name)

    def create(self, aws, r):
        interfaces = [{"DeviceIndex": int(i["DeviceIndex"]), "SubnetId": i["SubnetId"], "Groups": i.get("GroupSet", []),
                       "AssociatePublicIpAddress": bool(i.get("AssociatePublicIpAddress"))}
                      for i in r.get("NetworkInterfaces", [])]
        tags = {t["Key"]: t["Value"] for t in r.get("Tags", [])} | r.tags
        instance = aws("ec2").run_instances(
            MinCount=1, MaxCount=1, LaunchTemplate=r["LaunchTemplate"], NetworkInterfaces=interfaces,
            TagSpecifications=[{"ResourceType": "instance", "Tags": tag_list(tags)}])["Instances"][0]
        if r.get("SourceDestCheck") is not None:
            with undone_on_error(lambda: aws("ec2").terminate_instances(InstanceIds=[instance["InstanceId"]])):
                aws("ec2").modify_instance_attribute(InstanceId=instance["InstanceId"],
                                                     SourceDestCheck={"Value": bool(r.get("SourceDestCheck"))})
        return instance["InstanceId"]

    def delete(self, aws, r, state):
        aws("ec2").terminate_instances(InstanceIds=[state["InstanceId"]])


class VpcEndpoint(Kind):
    type = "AWS::EC2::VPCEndpoint"

    def inventory(self, aws):
        return {e["VpcEndpointId"] for e in aws("ec2").describe_vpc_endpoints()["VpcEndpoints"]}

    def find(self, aws, r):
        found = absent_if_missing(aws("ec2").describe_vpc_endpoints, VpcEndpointIds=[r.physical_id])
        endpoint = _one(found and found["VpcEndpoints"])
        return endpoint if endpoint and endpoint["State"].lower() not in ("deleting", "deleted") else None

    def check(self, state, r):
        return differences(("ServiceName", state["ServiceName"], r.get("ServiceName")),
                           ("VpcEndpointType", state["VpcEndpointType"], r.get("VpcEndpointType")),
                           ("VpcId", state["VpcId"], r.get("VpcId")))

    def delete(self, aws, r, state):
        aws("ec2").delete_vpc_endpoints(VpcEndpointIds=[state["VpcEndpointId"]])
