"""Route 53 zones and records, CloudFront distributions and origin access controls, WAF web ACLs."""

from __future__ import annotations

from stackwright.deploy.aws import GLOBAL_REGION
from stackwright.deploy.kinds.base import Kind, absent_if_missing, differences, tag_list

KEEP_RECORDS = {"NS", "SOA"}  # a hosted zone's own records, deleted with it


def _domain(name: str) -> str:
    return name.rstrip(".").lower()


class HostedZone(Kind):
    type = "AWS::Route53::HostedZone"

    def inventory(self, aws):
        return {z["Id"].split("/")[-1] for z in aws("route53").list_hosted_zones()["HostedZones"]}

    def find(self, aws, r):
        found = absent_if_missing(aws("route53").get_hosted_zone, Id=r.physical_id)
        return found and {**found["HostedZone"], "NameServers": found.get("DelegationSet", {}).get("NameServers", [])}

    def check(self, state, r):
        return differences(("Name", _domain(state["Name"]), _domain(r["Name"])))

    def attribute(self, state, r, name):
        values = {"NameServers": state["NameServers"], "Id": state["Id"].split("/")[-1]}
        return values[name] if name in values else super().attribute(state, r, name)

    def delete(self, aws, r, state):
        route53 = aws("route53")
        records = [record for page in route53.get_paginator("list_resource_record_sets").paginate(HostedZoneId=state["Id"])
                   for record in page["ResourceRecordSets"] if record["Type"] not in KEEP_RECORDS]
        if records:
            route53.change_resource_record_sets(HostedZoneId=state["Id"], ChangeBatch={
                "Changes": [{"Action": "DELETE", "ResourceRecordSet": record} for record in records]})
        route53.delete_hosted_zone(Id=state["Id"])


class RecordSet(Kind):
    """Found by zone, name, type and set identifier: a record has no id of its own."""

    type = "AWS::Route53::RecordSet"

    def find(self, aws, r):
        pages = absent_if_missing(lambda: [record for page in aws("route53").get_paginator("list_resource_record_sets")
                                           .paginate(HostedZoneId=r["HostedZoneId"]) for record in page["ResourceRecordSets"]])
        return next((record for record in pages or []
                     if _domain(record["Name"]) == _domain(r["Name"]) and record["Type"] == r["Type"]
                     and record.get("SetIdentifier") == r.get("SetIdentifier")), None)

    def check(self, state, r):
        alias = r.get("AliasTarget")
        return differences(("AliasTarget", _domain(state.get("AliasTarget", {}).get("DNSName", "")),
                            _domain(alias["DNSName"]) if alias else None))


class OriginAccessControl(Kind):
    type = "AWS::CloudFront::OriginAccessControl"
    service_api = "cloudfront.create_origin_access_control"
    emulates = frozenset({"OriginAccessControlConfig"})

    def find(self, aws, r):
        found = absent_if_missing(aws("cloudfront").get_origin_access_control, Id=r.physical_id)
        return found and {**found["OriginAccessControl"], "ETag": found["ETag"]}

    def check(self, state, r):
        config = r["OriginAccessControlConfig"]
        return differences(("OriginAccessControlConfig", state["OriginAccessControlConfig"]["Name"], config["Name"]))

    def attribute(self, state, r, name):
        if name == "Id":
            return state["Id"]
        return super().attribute(state, r, name)

    def create(self, aws, r):
        created = aws("cloudfront").create_origin_access_control(OriginAccessControlConfig=r["OriginAccessControlConfig"])
        return created["OriginAccessControl"]["Id"]

    def delete(self, aws, r, state):
        aws("cloudfront").delete_origin_access_control(Id=state["Id"], IfMatch=state["ETag"])


def _items(values: list) -> dict:
    return {"Quantity": len(values), "Items": values} if values else {"Quantity": 0}


def _behavior(behavior: dict) -> dict:
    methods = behavior.get("AllowedMethods", ["GET", "HEAD"])
    converted = {"TargetOriginId": behavior["TargetOriginId"], "ViewerProtocolPolicy": behavior["ViewerProtocolPolicy"],
                 "Compress": behavior.get("Compress", False),
                 "AllowedMethods": {**_items(methods), "CachedMethods": _items(["GET", "HEAD"])}}
    return converted | {key: behavior[key] for key in ("PathPattern", "CachePolicyId", "OriginRequestPolicyId",
                                                       "ResponseHeadersPolicyId") if key in behavior}


def _origin(origin: dict) -> dict:
    converted = {"Id": origin["Id"], "DomainName": origin["DomainName"], "OriginPath": origin.get("OriginPath", ""),
                 "CustomHeaders": {"Quantity": 0}}
    if "S3OriginConfig" in origin:
        converted["S3OriginConfig"] = {"OriginAccessIdentity": origin["S3OriginConfig"].get("OriginAccessIdentity", "")}
    if "CustomOriginConfig" in origin:
        custom = origin["CustomOriginConfig"]
        converted["CustomOriginConfig"] = {
            "HTTPPort": custom.get("HTTPPort", 80), "HTTPSPort": custom.get("HTTPSPort", 443),
            "OriginProtocolPolicy": custom["OriginProtocolPolicy"],
            "OriginSslProtocols": _items(custom.get("OriginSSLProtocols", ["TLSv1.2"]))}
    if "OriginAccessControlId" in origin:
        converted["OriginAccessControlId"] = origin["OriginAccessControlId"]
    return converted


def distribution_config(config: dict, caller_reference: str) -> dict:
    """CloudFormation's DistributionConfig in the shape of CloudFront's API."""
    converted = {"CallerReference": caller_reference, "Comment": config.get("Comment", ""), "Enabled": config["Enabled"],
                 "Origins": _items([_origin(o) for o in config["Origins"]]),
                 "DefaultCacheBehavior": _behavior(config["DefaultCacheBehavior"])}
    if "Aliases" in config:
        converted["Aliases"] = _items(config["Aliases"])
    if "CacheBehaviors" in config:
        converted["CacheBehaviors"] = _items([_behavior(b) for b in config["CacheBehaviors"]])
    if "IPV6Enabled" in config:
        converted["IsIPV6Enabled"] = config["IPV6Enabled"]
    converted |= {key: config[key] for key in ("DefaultRootObject", "HttpVersion", "PriceClass", "WebACLId") if key in config}
    if "ViewerCertificate" in config:
        names = {"AcmCertificateArn": "ACMCertificateArn", "SslSupportMethod": "SSLSupportMethod"}
        converted["ViewerCertificate"] = {names.get(k, k): v for k, v in config["ViewerCertificate"].items()}
    return converted


class Distribution(Kind):
    type = "AWS::CloudFront::Distribution"
    service_api = "cloudfront.create_distribution"
    emulates = frozenset({"DistributionConfig"})

    def find(self, aws, r):
        found = absent_if_missing(aws("cloudfront").get_distribution, Id=r.physical_id)
        return found and {**found["Distribution"], "ETag": found["ETag"]}

    def check(self, state, r):
        config, actual = r["DistributionConfig"], state["DistributionConfig"]
        return differences(("Enabled", actual["Enabled"], config.get("Enabled")),
                           ("Aliases", actual.get("Aliases", {}).get("Items", []), config.get("Aliases")),
                           ("Origins", [o["Id"] for o in actual["Origins"].get("Items", [])],
                            [o["Id"] for o in config["Origins"]]),
                           ("PriceClass", actual.get("PriceClass"), config.get("PriceClass")),
                           ("WebACLId", actual.get("WebACLId"), config.get("WebACLId")))

    def attribute(self, state, r, name):
        values = {"DomainName": state["DomainName"], "Id": state["Id"]}
        return values[name] if name in values else super().attribute(state, r, name)

    def create(self, aws, r):
        created = aws("cloudfront").create_distribution(
            DistributionConfig=distribution_config(r["DistributionConfig"], r.name))
        return created["Distribution"]["Id"]

    def delete(self, aws, r, state):
        cloudfront = aws("cloudfront")
        etag = state["ETag"]
        if state["DistributionConfig"]["Enabled"]:  # CloudFront deletes disabled distributions only
            etag = cloudfront.update_distribution(Id=state["Id"], IfMatch=etag, DistributionConfig={
                **state["DistributionConfig"], "Enabled": False})["ETag"]
        cloudfront.delete_distribution(Id=state["Id"], IfMatch=etag)


def _waf(aws, scope: str):
    return aws("wafv2", GLOBAL_REGION if scope == "CLOUDFRONT" else None)


class WebAcl(Kind):
    type = "AWS::WAFv2::WebACL"
    service_api = "wafv2.create_web_acl"
    emulates = frozenset({"Name", "Scope", "DefaultAction", "Rules", "VisibilityConfig", "Description", "Tags"})

    def find(self, aws, r):
        name, acl_id, scope = r.physical_id.split("|")
        found = absent_if_missing(_waf(aws, scope).get_web_acl, Name=name, Scope=scope, Id=acl_id)
        return found and {**found["WebACL"], "Scope": scope, "LockToken": found["LockToken"]}

    def check(self, state, r):
        return differences(("Rules", [rule["Name"] for rule in state.get("Rules", [])],
                            [rule["Name"] for rule in r.get("Rules", [])]),
                           ("DefaultAction", sorted(state["DefaultAction"]), sorted(r["DefaultAction"])))

    def attribute(self, state, r, name):
        values = {"Arn": state["ARN"], "Id": state["Id"]}
        return values[name] if name in values else super().attribute(state, r, name)

    def create(self, aws, r):
        scope = r["Scope"]
        optional = {key: r.get(key) for key in ("Rules", "Description") if r.get(key) is not None}
        summary = _waf(aws, scope).create_web_acl(Name=r.get("Name", r.name), Scope=scope,
                                                  DefaultAction=r["DefaultAction"], VisibilityConfig=r["VisibilityConfig"],
                                                  Tags=tag_list(r.tags), **optional)["Summary"]
        return f"{summary['Name']}|{summary['Id']}|{scope}"

    def delete(self, aws, r, state):
        _waf(aws, state["Scope"]).delete_web_acl(Name=state["Name"], Scope=state["Scope"], Id=state["Id"],
                                                 LockToken=state["LockToken"])


class WebAclAssociation(Kind):
    type = "AWS::WAFv2::WebACLAssociation"
    service_api = "wafv2.associate_web_acl"
    emulates = frozenset({"ResourceArn", "WebACLArn"})

    def find(self, aws, r):
        found = absent_if_missing(aws("wafv2").get_web_acl_for_resource, ResourceArn=r["ResourceArn"])
        acl = (found or {}).get("WebACL")
        return acl if acl and acl["ARN"] == r["WebACLArn"] else None

    def create(self, aws, r):
        aws("wafv2").associate_web_acl(WebACLArn=r["WebACLArn"], ResourceArn=r["ResourceArn"])
        return r["ResourceArn"]

    def delete(self, aws, r, state):
        aws("wafv2").disassociate_web_acl(ResourceArn=r["ResourceArn"])
