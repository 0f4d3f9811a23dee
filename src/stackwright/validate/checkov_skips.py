"""The checkov checks a generated stack may fail, and why: one table both renderers consult.

The generated Terraform and CloudFormation pass every checkov check except where the spec, or the plan
built from it, chose what the check warns about. Each such choice is a `SkipRule`: the check id, the
resource types it runs on (Terraform and CloudFormation names), when it applies (a predicate on the
plan and the plan element the resource stands for) and the reason, written next to the resource. A
renderer calls `skips(plan, resource_type, element)` for each resource it writes and puts the result
in Terraform as comments inside the block (`terraform_comments`) or in CloudFormation as the
resource's Metadata (`cloudformation_metadata`).

Reasons name the spec field that made the choice. Where the spec has no field for it yet (customer
managed KMS keys, access-log buckets, flow logs, database monitoring), the reason says what the plan
chose instead and that the alternative is not in the bill.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from stackwright.plan.model import (
    Cache, Database, Distribution, InstanceGroup, LoadBalancer, LogGroup, NatInstance, Plan, Rule, Secret,
    SecurityGroup, Service, TargetGroup, WebAcl,
)

WORLD = "0.0.0.0/0"
HTTP = 80
LONG_RETENTION_DAYS = 365  # what checkov asks of log groups
# The managed rule groups checkov's Log4j checks look for in a web ACL.
LOG4J_RULE_GROUPS = ("AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAnonymousIpList")
MYSQL_WITHOUT_PERFORMANCE_INSIGHTS = frozenset({"db.t2.micro", "db.t2.small", "db.t3.micro", "db.t3.small",
                                                "db.t4g.micro", "db.t4g.small"})
# Families without EBS optimization included in the price (none, or at an hourly charge).
EBS_OPTIMIZED_NOT_INCLUDED = frozenset({"t1", "t2", "m1", "m2", "m3", "c1", "c3", "r3", "i2", "g2", "cc2", "cr1",
                                        "hs1"})


@dataclass(frozen=True)
class Skip:
    check: str
    reason: str


@dataclass(frozen=True)
class ReadReplica:
    """What a renderer passes as the element of a database's read replica."""

    database: Database
    number: int


@dataclass(frozen=True)
class SkipRule:
    check: str
    resource_types: frozenset[str]
    applies: Callable[[Plan, Any], bool]
    reason: Callable[[Plan, Any], str]


def _always(plan: Plan, element: Any) -> bool:
    return True


def _because(text: str) -> Callable[[Plan, Any], str]:
    return lambda plan, element: text


def _kind(plan: Plan, component: str | None) -> str | None:
    return dict(plan.components).get(component)


def _has_kind(plan: Plan, kind: str) -> bool:
    return any(k == kind for _, k in plan.components)


# ---------------------------------------------------------------------------------------------- conditions


def _single_az_rds(plan: Plan, db: Any) -> bool:
    return isinstance(db, Database) and db.spec.kind == "rds" and not db.spec.multi_az


def _single_az_reason(plan: Plan, db: Any) -> str:
    if isinstance(db, ReadReplica):
        return (f"read replica {db.number} of {db.database.component} is Single-AZ, as the spec's read_replicas "
                "are billed")
    return f"Single-AZ chosen in the spec ({db.component}.multi_az: false) for cost"


def _no_replica(plan: Plan, cache: Any) -> bool:
    return isinstance(cache, Cache) and cache.spec.replicas_per_shard == 0


def _public_instance(plan: Plan, element: Any) -> bool:
    return isinstance(element, NatInstance) or (isinstance(element, InstanceGroup) and element.public_ip)


def _public_instance_reason(plan: Plan, element: Any) -> str:
    if isinstance(element, NatInstance):
        return (f"NAT instance chosen in the spec ({element.component}.mode: instance): it forwards traffic from "
                "its own public address")
    return f"public address chosen in the spec ({element.component}.public_ip: true)"


def _public_task(plan: Plan, service: Any) -> bool:
    return isinstance(service, Service) and service.public_ip


def _unprotected_load_balancer(plan: Plan, lb: Any) -> bool:
    return isinstance(lb, LoadBalancer) and not any(acl.protects == lb.id for acl in plan.web_acls)


def _no_waf_reason(plan: Plan, element: Any) -> str:
    if not plan.web_acls:
        return "the spec has no waf component" if not _has_kind(plan, "waf") else \
            "the spec's waf has nothing in this stack it can attach to"
    protected = ", ".join(a.protects for a in plan.web_acls)
    if isinstance(element, Distribution):
        return f"the spec's waf is regional (CloudFront web ACLs exist only in us-east-1) and protects {protected}"
    return f"the spec's waf protects {protected} only"


def _requested_certificate(plan: Plan, distribution: Any) -> bool:
    """A distribution whose certificate the stack requests when its parameter is left empty."""
    return isinstance(distribution, Distribution) and bool(plan.dns_zones) and any(
        p.id == distribution.certificate and p.default == "" for p in plan.parameters)


def _distribution_without_waf(plan: Plan, distribution: Any) -> bool:
    return isinstance(distribution, Distribution) and distribution.web_acl is None


def _protecting_acl(plan: Plan, element: Any) -> WebAcl | None:
    return next((a for a in plan.web_acls if a.protects == getattr(element, "id", None)), None)


def _without_log4j_rules(plan: Plan, element: Any) -> bool:
    """A distribution without a web ACL having both groups; a load balancer whose web ACL lacks one
    (checkov passes load balancers with no web ACL here: CKV2_AWS_28 covers those)."""
    acl = _protecting_acl(plan, element)
    if isinstance(element, LoadBalancer) and acl is None:
        return False
    return isinstance(element, (Distribution, LoadBalancer)) and (
        acl is None or not all(g in acl.managed_rule_groups for g in LOG4J_RULE_GROUPS))


def _log4j_reason(plan: Plan, element: Any) -> str:
    acl = _protecting_acl(plan, element)
    if acl is None:
        return _no_waf_reason(plan, element)
    missing = ", ".join(g for g in LOG4J_RULE_GROUPS if g not in acl.managed_rule_groups)
    return f"the spec's waf ({acl.component}.rules: {len(acl.managed_rule_groups)}) stops before {missing}"


def _short_retention(plan: Plan, group: Any) -> bool:
    return isinstance(group, LogGroup) and group.retention_days < LONG_RETENTION_DAYS


def _retention_reason(plan: Plan, group: LogGroup) -> str:
    return f"logs kept {group.retention_days} days as the spec says (cloudwatch.log_retention_days, default 30)"


def _not_production(plan: Plan, element: Any) -> bool:
    return plan.environment != "production"


def _not_production_reason(plan: Plan, element: Any) -> str:
    return f"environment {plan.environment} in the spec: the stack is meant to be torn down freely"


def _postgres(plan: Plan, db: Any) -> bool:
    return isinstance(db, Database) and db.engine in ("postgres", "aurora-postgresql")


def _performance_insights_offered(plan: Plan, db: Any) -> bool:
    """RDS offers no Performance Insights for MySQL on the smallest classes (checkov knows)."""
    database = db.database if isinstance(db, ReadReplica) else db
    return not (isinstance(database, Database) and database.engine == "mysql"
                and database.spec.instance_class in MYSQL_WITHOUT_PERFORMANCE_INSIGHTS)


def _behind_path_rule(plan: Plan, target_group: Any) -> bool:
    """Forwarded to by a listener rule; checkov follows only a listener's own default action."""
    return isinstance(target_group, TargetGroup) and bool(target_group.path_patterns)


def _aurora_mysql(plan: Plan, db: Any) -> bool:
    return isinstance(db, Database) and db.engine == "aurora-mysql"


def _placeholder_secret(plan: Plan, secret: Any) -> bool:
    return isinstance(secret, Secret) and _kind(plan, secret.component) == "secrets_manager"


def _generated_secret(plan: Plan, secret: Any) -> bool:
    return isinstance(secret, Secret) and not _placeholder_secret(plan, secret)


def _opens_http_to_world(rule: Rule) -> bool:
    return rule.cidr == WORLD and rule.from_port <= HTTP <= rule.to_port


def _http_from_world(plan: Plan, element: Any) -> bool:
    if isinstance(element, Rule):
        return _opens_http_to_world(element)
    return isinstance(element, SecurityGroup) and any(_opens_http_to_world(r) for r in element.ingress)


def _alb_default_origin(plan: Plan, distribution: Any) -> bool:
    return isinstance(distribution, Distribution) and distribution.default().kind == "alb"


def _old_family(plan: Plan, element: Any) -> bool:
    return _instance_type(element).split(".")[0] in EBS_OPTIMIZED_NOT_INCLUDED


def _instance_type(element: Any) -> str:
    if isinstance(element, NatInstance):
        return element.instance_type
    if isinstance(element, InstanceGroup):
        return element.spec.instance_type
    return ""


def _backups_reason(plan: Plan, db: Database) -> str:
    return (f"RDS automated backups kept {db.backup_retention_days} days are the backup plan; AWS Backup is not "
            "in the spec")


# ---------------------------------------------------------------------------------------------- the table

CUSTOMER_KEY = ("encrypted with an AWS managed key: the spec has no customer managed KMS key "
                "(billed per key and month, not in the bill)")
ACCESS_LOGS = "no access-log bucket in the spec (small team); add one to keep request logs"
NOT_MONITORED = "not in the spec; the plan alarms on the standard CloudWatch metrics, which cost nothing extra"


def _types(*names: str) -> frozenset[str]:
    return frozenset(names)


MESSAGING_RULES = (
    SkipRule("CKV_AWS_27", _types("AWS::SQS::Queue"), _always, _because(
        "encrypted at rest with SQS-managed keys (SqsManagedSseEnabled), which cost no KMS requests; checkov's "
        "CloudFormation check accepts only a KMS key")),
    SkipRule("CKV_AWS_26", _types("aws_sns_topic", "AWS::SNS::Topic"), _always, _because(
        "CloudWatch alarms cannot publish to a topic encrypted with the AWS managed key aws/sns; a customer "
        "managed key with a policy for CloudWatch is not in the spec (nor in the bill)")),
)

RULES: tuple[SkipRule, ...] = (
    # Chosen in the spec.
    SkipRule("CKV_AWS_157", _types("aws_db_instance", "AWS::RDS::DBInstance"),
             lambda plan, db: _single_az_rds(plan, db) or isinstance(db, ReadReplica), _single_az_reason),
    SkipRule("CKV2_AWS_50", _types("aws_elasticache_replication_group"), _no_replica,
             lambda plan, cache: f"no replica in the spec ({cache.component}.replicas_per_shard: 0): automatic "
                                 "failover needs one"),
    SkipRule("CKV_AWS_88", _types("aws_instance", "AWS::EC2::Instance"), _public_instance, _public_instance_reason),
    SkipRule("CKV_AWS_333", _types("aws_ecs_service"), _public_task,
             lambda plan, service: f"public address chosen in the spec ({service.component}.public_ip: true)"),
    SkipRule("CKV2_AWS_28", _types("aws_lb"), _unprotected_load_balancer, _no_waf_reason),
    SkipRule("CKV_AWS_68", _types("aws_cloudfront_distribution", "AWS::CloudFront::Distribution"),
             _distribution_without_waf, _no_waf_reason),
    SkipRule("CKV2_AWS_47", _types("aws_cloudfront_distribution"), _without_log4j_rules, _log4j_reason),
    SkipRule("CKV2_AWS_76", _types("aws_lb"), _without_log4j_rules, _log4j_reason),
    SkipRule("CKV_AWS_338", _types("aws_cloudwatch_log_group"), _short_retention, _retention_reason),
    SkipRule("CKV_AWS_150", _types("aws_lb"), _not_production, _not_production_reason),
    SkipRule("CKV_AWS_16", _types("AWS::RDS::DBInstance"), lambda plan, db: isinstance(db, ReadReplica),
             _because("a read replica inherits its source's encryption; CloudFormation takes no StorageEncrypted "
                      "with a source")),
    SkipRule("CKV_AWS_293", _types("aws_db_instance"), _not_production, _not_production_reason),
    SkipRule("CKV_AWS_293", _types("aws_db_instance"),
             lambda plan, db: isinstance(db, ReadReplica) and plan.environment == "production",
             _because("a read replica holds no data of its own; the source instance is deletion-protected")),
    SkipRule("CKV_AWS_139", _types("aws_rds_cluster"), _not_production, _not_production_reason),
    SkipRule("CKV2_AWS_42", _types("aws_cloudfront_distribution"), _requested_certificate,
             _because("the distribution takes cloudfront_certificate_arn, or when it is left empty the certificate "
                      "the configuration requests and validates: a conditional checkov does not evaluate")),
    SkipRule("CKV_AWS_305", _types("aws_cloudfront_distribution"), _alb_default_origin,
             _because("the spec puts the API load balancer behind / (no s3 site), and it answers / itself")),
    # Chosen by the plan where the spec has no field yet: the reason says what instead.
    SkipRule("CKV_AWS_136", _types("aws_ecr_repository", "AWS::ECR::Repository"), _always, _because(CUSTOMER_KEY)),
    SkipRule("CKV_AWS_149", _types("aws_secretsmanager_secret", "AWS::SecretsManager::Secret"), _always,
             _because(CUSTOMER_KEY)),
    SkipRule("CKV_AWS_158", _types("aws_cloudwatch_log_group", "AWS::Logs::LogGroup"), _always, _because(CUSTOMER_KEY)),
    SkipRule("CKV_AWS_191", _types("aws_elasticache_replication_group"), _always, _because(CUSTOMER_KEY)),
    SkipRule("CKV_AWS_327", _types("aws_rds_cluster"), _always, _because(CUSTOMER_KEY)),
    SkipRule("CKV_AWS_145", _types("aws_s3_bucket"), _always, _because(CUSTOMER_KEY)),
    SkipRule("CKV_AWS_18", _types("aws_s3_bucket", "AWS::S3::Bucket"), _always, _because(ACCESS_LOGS)),
    SkipRule("CKV_AWS_86", _types("aws_cloudfront_distribution", "AWS::CloudFront::Distribution"), _always,
             _because(ACCESS_LOGS)),
    SkipRule("CKV_AWS_91", _types("aws_lb", "AWS::ElasticLoadBalancingV2::LoadBalancer"), _always,
             _because(ACCESS_LOGS)),
    SkipRule("CKV2_AWS_11", _types("aws_vpc"), lambda plan, vpc: not _has_kind(plan, "vpc_flow_logs"),
             _because("VPC Flow Logs are not in the spec: their log ingestion is not in the bill")),
    SkipRule("CKV_AWS_118", _types("aws_db_instance", "aws_rds_cluster_instance", "AWS::RDS::DBInstance"), _always,
             _because(f"Enhanced Monitoring (billed CloudWatch Logs) is {NOT_MONITORED}")),
    SkipRule("CKV_AWS_353", _types("aws_db_instance", "aws_rds_cluster_instance"), _performance_insights_offered,
             _because(f"Performance Insights is {NOT_MONITORED}")),
    SkipRule("CKV_AWS_65", _types("aws_ecs_cluster", "AWS::ECS::Cluster"), _always,
             _because(f"Container Insights (billed per metric) is {NOT_MONITORED}")),
    SkipRule("CKV_AWS_126", _types("aws_instance"), _always,
             _because("basic 5-minute monitoring matches the plan's 5-minute alarms; detailed monitoring is billed "
                      "per instance and not in the spec")),
    SkipRule("CKV_AWS_129", _types("aws_db_instance"), _always,
             _because("database logs are not exported: the spec's CloudWatch log volume covers the workloads' logs")),
    SkipRule("CKV_AWS_324", _types("aws_rds_cluster"), _always,
             _because("database logs are not exported: the spec's CloudWatch log volume covers the workloads' logs")),
    SkipRule("CKV2_AWS_30", _types("aws_db_instance"), _postgres,
             _because("statement logging is not in the spec: its log volume is not in the bill")),
    SkipRule("CKV2_AWS_27", _types("aws_rds_cluster"), _postgres,
             _because("statement logging is not in the spec: its log volume is not in the bill")),
    SkipRule("CKV_AWS_325", _types("aws_rds_cluster"), _aurora_mysql,
             _because("audit logging is not in the spec: its log volume is not in the bill")),
    SkipRule("CKV_AWS_326", _types("aws_rds_cluster"), _aurora_mysql,
             _because("backtracking (billed per change record) is not in the spec; restores use the automated "
                      "backups")),
    SkipRule("CKV2_AWS_8", _types("aws_rds_cluster"), _always, _backups_reason),
    SkipRule("CKV2_AWS_57", _types("aws_secretsmanager_secret"), _generated_secret,
             _because("generated for the stack; no rotation Lambda in the spec: rotate by regenerating the value")),
    SkipRule("CKV2_AWS_57", _types("aws_secretsmanager_secret"), _placeholder_secret,
             _because("a placeholder the team replaces after deploy; its rotation belongs to whoever issues it")),
    SkipRule("CKV2_AWS_31", _types("aws_wafv2_web_acl"), _always,
             _because("WAF request logs are not in the spec (billed log ingestion); sampled requests and metrics "
                      "are on")),
    SkipRule("CKV2_AWS_62", _types("aws_s3_bucket"), _always, _because("nothing in the spec consumes bucket events")),
    SkipRule("CKV_AWS_144", _types("aws_s3_bucket"), _always,
             lambda plan, bucket: f"the spec runs in one region ({plan.region}); replication would double storage"),
    SkipRule("CKV2_AWS_38", _types("aws_route53_zone"), _always,
             _because("DNSSEC signing needs a KMS key in us-east-1 and a DS record at the registrar, outside the "
                      "spec")),
    SkipRule("CKV2_AWS_39", _types("aws_route53_zone"), _always,
             _because("query logging writes to CloudWatch Logs in us-east-1, not in the spec or the bill")),
    SkipRule("CKV_AWS_260", _types("aws_vpc_security_group_ingress_rule", "AWS::EC2::SecurityGroup"),
             _http_from_world, _because("port 80 is open to the internet only to redirect HTTP to HTTPS")),
    SkipRule("CKV_AWS_378", _types("aws_lb_target_group"), _behind_path_rule,
             _because("TLS ends at the HTTPS listener, whose path rule forwards here; targets take HTTP inside the "
                      "VPC from the load balancer's security group only")),
    SkipRule("CKV_AWS_310", _types("aws_cloudfront_distribution"), _always,
             _because("the spec has one origin per path; failover needs a second copy of it")),
    SkipRule("CKV_AWS_374", _types("aws_cloudfront_distribution"), _always,
             _because("the spec serves viewers in every country")),
    SkipRule("CKV_AWS_336", _types("aws_ecs_task_definition"), _always,
             _because("the spec does not say the image runs on a read-only root filesystem (many runtimes write "
                      "to /tmp)")),
    SkipRule("CKV_AWS_341", _types("aws_launch_template"), _always,
             _because("hop limit 2 lets the app's containers (Docker's bridge network) reach IMDSv2 for the "
                      "instance role")),
    SkipRule("CKV_AWS_135", _types("aws_instance"), _old_family,
             lambda plan, element: f"{_instance_type(element)} from the spec has no EBS optimization included"),
    *MESSAGING_RULES,
)


def skips(plan: Plan, resource_type: str, element: Any = None) -> tuple[Skip, ...]:
    """The checks a resource of `resource_type` standing for plan `element` may fail, with reasons."""
    return tuple(Skip(rule.check, rule.reason(plan, element)) for rule in _rules_of(resource_type)
                 if rule.applies(plan, element))


_indexed: tuple[tuple[SkipRule, ...], dict[str, list[SkipRule]]] = ((), {})  # RULES, and its rules by resource type


def _rules_of(resource_type: str) -> list[SkipRule]:
    """The rules for `resource_type`, in RULES order: indexed once, as a plan asks per resource (thousands for a
    large spec) and RULES holds about eighty."""
    global _indexed
    rules, by_type = _indexed
    if rules is not RULES:  # RULES grows as modules add theirs
        by_type = {}
        for rule in RULES:
            for type_ in rule.resource_types:
                by_type.setdefault(type_, []).append(rule)
        _indexed = RULES, by_type
    return by_type.get(resource_type, [])


def terraform_comments(found: tuple[Skip, ...]) -> tuple[str, ...]:
    """Comment lines (without `#`) checkov reads inside a Terraform resource block."""
    return tuple(f"checkov:skip={skip.check}:{skip.reason}" for skip in found)


def cloudformation_metadata(found: tuple[Skip, ...]) -> dict | None:
    """A CloudFormation resource's `Metadata` carrying the skips, or None when there are none."""
    if not found:
        return None
    return {"checkov": {"skip": [{"id": skip.check, "comment": skip.reason} for skip in found]}}


def _add_serverless_rules() -> None:
    """The serverless kinds keep their skips in their own module, which builds on this one."""
    global RULES
    from stackwright.validate.serverless_skips import RULES as serverless

    RULES += serverless


_add_serverless_rules()
def _with_operations() -> tuple[SkipRule, ...]:
    from stackwright.validate.operations_skips import RULES as OPERATIONS

    return RULES + OPERATIONS


RULES = _with_operations()
