"""Storage: S3 buckets (their configuration resources cost nothing, their objects count in the bucket's
storage) and ECR repositories (one `ecr` component for the registry)."""

from __future__ import annotations

from stackwright.importer.mapping.registry import PART_OF, Contribution, Priced, aggregate, free, maps
from stackwright.importer.resources import ASSUMED, IacResource, NotPriceable

free(
    "aws_s3_bucket_policy", "aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration",
    "aws_s3_bucket_public_access_block", "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_acl",
    "aws_s3_bucket_ownership_controls", "aws_s3_bucket_cors_configuration", "aws_s3_bucket_website_configuration",
    "aws_s3_bucket_logging", "aws_s3_bucket_notification", "aws_s3_account_public_access_block",
    "aws_ecr_lifecycle_policy", "aws_ecr_repository_policy",
    "AWS::S3::BucketPolicy",
)

S3_USAGE = ("storage_gb", "put_requests_per_month", "get_requests_per_month")


def bucket(r: IacResource, ctx, objects: list[IacResource]) -> Priced:
    fields = {"kind": "s3"}
    storage = ctx.usage(r, "storage_gb", otherwise="not in the usage file: the s3 kind's default 10 GB")
    if storage is not None:
        fields["storage_gb"] = storage
    for key in ("put_requests_per_month", "get_requests_per_month"):
        value = ctx.usage(r, key)
        if value is not None:
            fields[key] = value
    return Priced(fields, covers=tuple(o.address for o in objects))


@maps("aws_s3_bucket", usage=S3_USAGE)
def tf_bucket(r: IacResource, ctx):
    return bucket(r, ctx, ctx.referrers(r, "aws_s3_object", "aws_s3_bucket_object", prop="bucket"))


@maps("AWS::S3::Bucket", usage=S3_USAGE)
def cfn_bucket(r: IacResource, ctx):
    return bucket(r, ctx, [])


@maps("aws_s3_object", "aws_s3_bucket_object")
def tf_object(r: IacResource, ctx):
    """An object's bytes are part of its bucket's storage_gb."""
    if not ctx.referenced(r.props.get("bucket"), "aws_s3_bucket"):
        raise NotPriceable("its bucket is not in this code; its storage bills there")
    return PART_OF


@maps("aws_ecr_repository", "AWS::ECR::Repository", usage=("storage_gb",))
def repository(r: IacResource, ctx) -> Contribution:
    return Contribution("ecr", {"storage": ctx.usage(r, "storage_gb", otherwise="not in the usage file")})


@aggregate("ecr")
def registry(contributed: list, ctx) -> dict:
    """One `ecr` component for the account's registry, as specs model it: its storage is the repositories'."""
    storage = [values["storage"] for _, values in contributed]
    if all(gb is None for gb in storage):
        ctx.note("ecr", ASSUMED, "no repository has storage_gb in the usage file: the ecr kind's default "
                                 "5 GB for the whole registry")
        return {"kind": "ecr"}
    if None in storage:
        ctx.note("ecr", ASSUMED, f"{storage.count(None)} repositories without storage_gb in the usage file: "
                                 "0 GB assumed for them")
    return {"kind": "ecr", "storage_gb": sum(gb or 0 for gb in storage)}
