"""What faces the internet besides load balancers: buckets, CloudFront, Route 53 records, WAF."""

from __future__ import annotations

from stackwright.resources.geo import viewer_geo
from stackwright.plan.model import (
    Bucket, Distribution, DnsRecord, DnsZone, Join, LoadBalancer, Origin, Parameter, Plan, Ref, WebAcl,
)
from stackwright.plan.kinds import components_of
from stackwright.plan.naming import slug
from stackwright.spec.model import S3, CloudFront, Route53, Spec, Waf

DOMAIN_PARAMETER = "domain-name"
HOSTED_ZONE_PARAMETER = "hosted-zone-id"  # an existing zone of the domain: never a second zone for it
CLOUDFRONT_CERTIFICATE_PARAMETER = "cloudfront-certificate-arn"
API_SUBDOMAIN = "api"
API_PATH_PATTERNS = ("/api/*",)  # under a static site, the load balancer answers these paths

# Lifecycle transitions that keep objects in the spec's storage class; infrequent-access classes
# take objects only after 30 days (the same move infrequent_access_share prices for a standard bucket).
INFREQUENT_ACCESS = ("STANDARD_IA", 30)
STORAGE_CLASS_TRANSITION = {
    "standard-ia": ("STANDARD_IA", 30),
    "one-zone-ia": ("ONEZONE_IA", 30),
    "intelligent-tiering": ("INTELLIGENT_TIERING", 0),
    "glacier-instant": ("GLACIER_IR", 0),
    "glacier-flexible": ("GLACIER", 0),
    "glacier-deep-archive": ("DEEP_ARCHIVE", 0),
}

# Viewer geographies (as the cost model names them) and the cheapest price class that serves them.
PRICE_CLASS = {"united-states": "PriceClass_100", "europe": "PriceClass_100", "japan": "PriceClass_200",
               "asia-pacific": "PriceClass_200", "india": "PriceClass_200", "south-africa": "PriceClass_200",
               "middle-east": "PriceClass_200"}

# AWS managed rule groups, most broadly useful first; together they stay under a web ACL's 1,500 WCUs.
MANAGED_RULE_GROUPS = (
    "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList",
    "AWSManagedRulesSQLiRuleSet", "AWSManagedRulesLinuxRuleSet", "AWSManagedRulesAnonymousIpList",
    "AWSManagedRulesUnixRuleSet",
)

# Route 53 continent codes for a region's viewers (Middle East countries are in Asia for Route 53).
OCEANIA_REGIONS = ("ap-southeast-2", "ap-southeast-4", "ap-southeast-6")
CONTINENT_BY_PREFIX = {"us": "NA", "ca": "NA", "mx": "NA", "sa": "SA", "eu": "EU", "il": "EU", "af": "AF",
                       "me": "AS", "ap": "AS"}


def continent(region: str) -> str:
    return "OC" if region in OCEANIA_REGIONS else CONTINENT_BY_PREFIX.get(region.split("-")[0], "NA")


def _of(spec: Spec, kind: type) -> list[tuple[str, object]]:
    return components_of(spec, kind)


def web_acl_scope(spec: Spec, has_distribution: bool) -> str:
    """CloudFront-scoped web ACLs exist only in us-east-1; elsewhere a WAF can protect only the ALB."""
    return "CLOUDFRONT" if has_distribution and spec.region == "us-east-1" else "REGIONAL"


def web_acls(spec: Spec, load_balancers: tuple[LoadBalancer, ...], distribution_ids: list[str]) -> tuple[WebAcl, ...]:
    acls = []
    for name, waf in _of(spec, Waf):
        scope = web_acl_scope(spec, bool(distribution_ids))
        if scope == "CLOUDFRONT":
            protects = distribution_ids[0]
        elif load_balancers:
            protects = load_balancers[0].id
        else:
            continue  # nothing this stack can attach it to (check EDGE001 reports it)
        acls.append(WebAcl(slug(name), name, waf, scope, protects, MANAGED_RULE_GROUPS[:waf.rules]))
    return tuple(acls)


def has_origin(spec: Spec) -> bool:
    return bool(_of(spec, S3)) or any(c.kind == "alb" for c in spec.components.values())


def buckets_and_distributions(spec: Spec, load_balancers: tuple[LoadBalancer, ...], has_dns: bool,
                              web_acls_by_target: dict[str, str]) -> tuple[tuple[Bucket, ...], tuple[Distribution, ...]]:
    """CloudFront serves the first bucket as a static site (the ALB under /api/*), or the first ALB."""
    bucket_specs = _of(spec, S3)
    distributions = []
    for name, cdn in _of(spec, CloudFront):
        if not has_origin(spec):
            continue  # check EDGE002 reports it
        dist_id = slug(name)
        origins, default = [], None
        if cdn.behaviors:
            origins, default = _routed(spec, dist_id, cdn, load_balancers)
            if not origins:
                continue  # no behaviour names an origin the spec has (check EDGE003 reports it)
        else:
            if bucket_specs:
                origins.append(Origin(f"{dist_id}-{slug(bucket_specs[0][0])}-origin", "s3", slug(bucket_specs[0][0]), ()))
            if load_balancers:
                lb = load_balancers[0]
                origins.append(Origin(f"{dist_id}-{lb.id}-origin", "alb", lb.id, API_PATH_PATTERNS if origins else ()))
        geo = cdn.geo or viewer_geo(spec.region)
        distributions.append(Distribution(
            dist_id, name, cdn, tuple(origins), PRICE_CLASS.get(geo, "PriceClass_All"),
            domain=DOMAIN_PARAMETER if has_dns else None,
            certificate=CLOUDFRONT_CERTIFICATE_PARAMETER if has_dns else None,
            # The ALB's certificate names api.<domain>; CloudFront must connect by that name to verify it.
            origin_domain=Join((f"{API_SUBDOMAIN}.", Ref(DOMAIN_PARAMETER)))
            if any(o.kind == "alb" for o in origins) else None,
            web_acl=web_acls_by_target.get(dist_id), default_origin=default,
        ))
    first_bucket = slug(bucket_specs[0][0]) if bucket_specs else None
    buckets = tuple(
        Bucket(slug(name), name, bucket, _transitions(bucket),
               tuple(d.id for d in distributions
                     if (slug(name) == first_bucket and not d.spec.behaviors)
                     or any(o.kind == "s3" and o.target == slug(name) for o in d.origins)))
        for name, bucket in bucket_specs
    )
    return buckets, tuple(distributions)


def _routed(spec: Spec, dist_id: str, cdn: CloudFront, load_balancers) -> tuple[list[Origin], str | None]:
    """The spec's behaviours as origins (one per origin component and cache setting, with its path patterns)
    and the id of the default behaviour's origin. A behaviour naming no s3 or alb component is left out."""
    kinds = {name: c.kind for name, c in spec.components.items()}
    albs = {lb.component: lb.id for lb in load_balancers}
    grouped: dict[tuple[str, str | None], list[str]] = {}
    default = None
    for behavior in cdn.behaviors:
        kind = kinds.get(behavior.origin)
        if kind not in ("s3", "alb") or (kind == "alb" and behavior.origin not in albs):
            continue
        cache = "static" if kind == "s3" else behavior.cache
        key = (behavior.origin, cache)
        grouped.setdefault(key, [])
        if behavior.path == "*":
            default = key
        else:
            grouped[key].append(behavior.path)
    origins = []
    for (component, cache), paths in grouped.items():
        kind = kinds[component]
        target = slug(component) if kind == "s3" else albs[component]
        suffix = f"-{cache}" if kind == "alb" and cache else ""
        origins.append(Origin(f"{dist_id}-{target}{suffix}-origin", kind, target, tuple(paths), cache))
    if default is None:
        return [], None
    default_id = next(o.id for o, key in zip(origins, grouped) if key == default)
    return origins, default_id


def _transitions(bucket: S3) -> tuple[tuple[str, int], ...]:
    if bucket.storage_class in STORAGE_CLASS_TRANSITION:
        return (STORAGE_CLASS_TRANSITION[bucket.storage_class],)
    if bucket.storage_class == "standard" and bucket.infrequent_access_share:
        return (INFREQUENT_ACCESS,)
    return ()


def dns_zones(spec: Spec, load_balancers: tuple[LoadBalancer, ...],
              distributions: tuple[Distribution, ...]) -> tuple[DnsZone, ...]:
    """api.<domain> aliases the first ALB; the apex aliases the first distribution."""
    targets = []
    if load_balancers:
        targets.append((API_SUBDOMAIN, load_balancers[0].id))
    if distributions:
        targets.append(("", distributions[0].id))
    zones = []
    for name, zone in _of(spec, Route53):
        if not zone.hosted_zones:
            continue
        zone_id = slug(name)
        records = []
        for subdomain, target in targets:
            record_id = f"{zone_id}-{subdomain or 'apex'}"
            if zone.routing == "latency":
                records.append(DnsRecord(record_id, subdomain, target, set_identifier=spec.region, region=spec.region))
            elif zone.routing == "geo":
                code = continent(spec.region)
                records.append(DnsRecord(f"{record_id}-{code.lower()}", subdomain, target, set_identifier=code,
                                         continent=code))
                records.append(DnsRecord(f"{record_id}-default", subdomain, target, set_identifier="default",
                                         continent="*"))
            else:
                records.append(DnsRecord(record_id, subdomain, target))
        zones.append(DnsZone(zone_id, name, zone, DOMAIN_PARAMETER, tuple(records)))
    return tuple(zones)


def requested_certificates(plan: Plan) -> list[Parameter]:
    """The certificate parameters the generated code fills itself, with a certificate it requests, when they
    are left empty (CloudFormation and Terraform alike)."""
    return [p for p in plan.parameters if p.kind == "certificate_arn" and p.default == ""]
