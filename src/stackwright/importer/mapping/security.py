"""Security: Secrets Manager secrets (one `secrets_manager` component for the account), and IAM,
certificates and key aliases, which cost nothing."""

from __future__ import annotations

from stackwright.cost.usage import SECRET_READS_PER_SECRET
from stackwright.importer.mapping.registry import FREE, Contribution, aggregate, free, maps
from stackwright.importer.resources import ASSUMED, IacResource, NotPriceable

free(
    "aws_iam_role", "aws_iam_policy", "aws_iam_role_policy", "aws_iam_role_policy_attachment",
    "aws_iam_instance_profile", "aws_iam_user", "aws_iam_group", "aws_iam_user_policy",
    "aws_iam_user_policy_attachment", "aws_iam_group_policy", "aws_iam_group_policy_attachment",
    "aws_iam_group_membership", "aws_iam_user_group_membership", "aws_iam_policy_attachment",
    "aws_iam_service_linked_role", "aws_iam_openid_connect_provider", "aws_acm_certificate",
    "aws_acm_certificate_validation", "aws_kms_alias", "aws_secretsmanager_secret_version",
    "aws_secretsmanager_secret_policy", "aws_secretsmanager_secret_rotation",
    "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::InstanceProfile", "AWS::IAM::User",
    "AWS::IAM::Group", "AWS::IAM::UserToGroupAddition", "AWS::IAM::ServiceLinkedRole", "AWS::IAM::OIDCProvider",
    "AWS::CertificateManager::Certificate", "AWS::KMS::Alias", "AWS::SecretsManager::SecretTargetAttachment",
    "AWS::SecretsManager::RotationSchedule", "AWS::SecretsManager::ResourcePolicy",
)


@maps("aws_secretsmanager_secret", "AWS::SecretsManager::Secret", usage=("api_calls_per_month",))
def secret(r: IacResource, ctx) -> Contribution:
    return Contribution("secrets_manager", {"api_calls": ctx.usage(r, "api_calls_per_month")})


@aggregate("secrets_manager")
def secrets_manager(contributed: list, ctx) -> dict:
    fields = {"kind": "secrets_manager", "secrets": len(contributed)}
    # a value of the wrong shape counts as missing here; the secret's own cost module says why it is not priced
    calls = [c if isinstance(c, (int, float)) and not isinstance(c, bool) else None
             for c in (values["api_calls"] for _, values in contributed)]
    if any(c is not None for c in calls):
        missing = calls.count(None)
        if missing:
            ctx.note("secrets_manager", ASSUMED, f"{missing} secret(s) without api_calls_per_month in the usage "
                                                 f"file: {SECRET_READS_PER_SECRET:,} calls each, the kind's default")
        fields["api_calls_per_month"] = sum(SECRET_READS_PER_SECRET if c is None else c for c in calls)
    return fields


@maps("aws_ssm_parameter", "AWS::SSM::Parameter")
def parameter(r: IacResource, ctx):
    """Standard parameters are free; the aws_ssm_parameter cost module prices the others."""
    tier = r.get("tier", default=r.get("Tier", default="Standard"))
    if tier != "Standard":
        raise NotPriceable(f"{tier} tier parameters bill monthly")
    return FREE
