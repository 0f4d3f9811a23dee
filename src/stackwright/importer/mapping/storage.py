"""Storage: S3 buckets (their configuration resources cost nothing, their objects count in the bucket's
storage) and ECR repositories (one `ecr` component for the registry)."""

from __future__ import annotations

from stackwright.importer.mapping.registry import PART_OF, Contribution, Priced, aggregate, free, maps
from stackwright.importer.resources import ASSUMED, IacResource, NotPriceable, dig, items, to_int
from stackwright.resources.types.aws_s3_bucket import STORAGE_CLASSES

free(
    "aws_s3_bucket_policy", "aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration",
    "aws_s3_bucket_public_access_block", "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_acl",
    "aws_s3_bucket_ownership_controls", "aws_s3_bucket_cors_configuration", "aws_s3_bucket_website_configuration",
    "aws_s3_bucket_logging", "aws_s3_bucket_notification", "aws_s3_account_public_access_block",
    "aws_ecr_lifecycle_policy", "aws_ecr_repository_policy",
    "AWS::S3::BucketPolicy",
)

S3_USAGE = ("storage_gb", "put_requests_per_month", "get_requests_per_month", "infrequent_access_share")


def bucket(r: IacResource, ctx, objects: list[IacResource], transitions: list[tuple[str, int]]) -> Priced:
    fields = {"kind": "s3", **storage_class(r, ctx, transitions)}
    storage = ctx.usage(r, "storage_gb", otherwise="not in the usage file: 0 GB (the bucket's cost module's default)")
    fields["storage_gb"] = storage or 0
    for key in ("put_requests_per_month", "get_requests_per_month"):
        fields[key] = ctx.usage(r, key, otherwise="not in the usage file: 0 (the bucket's cost module's default)") or 0
    return Priced(fields, covers=tuple(o.address for o in objects))


def storage_class(r: IacResource, ctx, transitions: list[tuple[str, int]]) -> dict:
    """Where the lifecycle rules keep the objects: the class of the last transition. A move to Standard-IA
    after some days leaves newer objects in Standard; the usage file's infrequent_access_share says how
    much has moved (without it, all of it)."""
    share = ctx.given(r, "infrequent_access_share")
    if not transitions:
        return {} if share is None else {"infrequent_access_share": share}
    target, days = max(transitions, key=lambda t: t[1])
    if target not in STORAGE_CLASSES:
        raise NotPriceable(f"lifecycle transition to {target} is not modelled "
                           f"(use one of {', '.join(STORAGE_CLASSES)})")
    if len(transitions) > 1:
        ctx.assume(r, f"lifecycle moves objects through {len(transitions)} classes: priced as {target}, the last")
    if target == "STANDARD_IA" and share is not None:
        return {"storage_class": "standard", "infrequent_access_share": share}
    if days:
        ctx.assume(r, f"objects move to {target} after {days} days: all of the storage priced there "
                      "(infrequent_access_share in the usage file prices a part in Standard)")
    return {"storage_class": STORAGE_CLASSES[target]}


def tf_transitions(r: IacResource, ctx) -> list[tuple[str, int]]:
    """Transitions of enabled rules, in aws_s3_bucket_lifecycle_configuration or inline lifecycle_rule."""
    found = []
    for config in ctx.referrers(r, "aws_s3_bucket_lifecycle_configuration", prop="bucket"):
        for rule in items(config.props.get("rule"), "rule"):
            if dig(rule, ("status",)) == "Enabled":
                found += [(dig(t, ("storage_class",)), to_int(dig(t, ("days",), 0), "transition days"))
                          for t in items(dig(rule, ("transition",)), "transition")]
    for rule in items(r.props.get("lifecycle_rule"), "lifecycle_rule"):
        if dig(rule, ("enabled",)) in (True, "true"):
            found += [(dig(t, ("storage_class",)), to_int(dig(t, ("days",), 0), "transition days"))
                      for t in items(dig(rule, ("transition",)), "transition")]
    return found


def cfn_transitions(r: IacResource) -> list[tuple[str, int]]:
    found = []
    for rule in items(r.get("LifecycleConfiguration", "Rules"), "LifecycleConfiguration.Rules"):
        if dig(rule, ("Status",)) == "Enabled":
            moves = items(dig(rule, ("Transitions",)), "Transitions") + items(dig(rule, ("Transition",)), "Transition")
            found += [(dig(t, ("StorageClass",)), to_int(dig(t, ("TransitionInDays",), 0), "TransitionInDays"))
                      for t in moves]
    return found


def readable(r: IacResource, ctx, read) -> list[tuple[str, int]]:
    """The bucket's transitions; lifecycle rules the read cannot know leave the objects in Standard."""
    try:
        return [(target, days) for target, days in read() if target is not None]
    except NotPriceable as exc:
        ctx.assume(r, f"lifecycle rules not readable ({exc.reason}): objects priced in Standard")
        return []


@maps("aws_s3_bucket", usage=S3_USAGE)
def tf_bucket(r: IacResource, ctx):
    return bucket(r, ctx, ctx.referrers(r, "aws_s3_object", "aws_s3_bucket_object", prop="bucket"),
                  readable(r, ctx, lambda: tf_transitions(r, ctx)))


@maps("AWS::S3::Bucket", usage=S3_USAGE)
def cfn_bucket(r: IacResource, ctx):
    return bucket(r, ctx, [], readable(r, ctx, lambda: cfn_transitions(r)))


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
    numbers = [gb for gb in storage if isinstance(gb, (int, float)) and not isinstance(gb, bool)]
    if len(numbers) < len(storage):
        ctx.note("ecr", ASSUMED, f"{len(storage) - len(numbers)} repositories without a storage_gb number in the "
                                 "usage file: 0 GB assumed for them")
    return {"kind": "ecr", "storage_gb": sum(numbers)}
