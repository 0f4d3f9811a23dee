"""Amazon S3 bucket: storage in the class its lifecycle rules keep objects in (the last transition), the part
a move to Standard-IA has not reached yet in Standard, and PUT and GET requests."""

from stackwright.cost.component import CostComponent
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_


def components(resource, usage):
    storage_class = resource.attrs["storage_class"]
    gb = usage["storage_gb"]
    stored = float(gb.value)
    moved = float(usage["infrequent_access_share"].value)
    if moved and storage_class in ("standard", "standard-ia"):
        # a move to Standard-IA (after some days) leaves the newer objects in Standard
        values = {"gb": f"{stored:g}", "share": f"{1 - moved:.0%}", "moved": f"{moved:.0%}"}
        yield CostComponent("s3", N_("Storage (%(class)s)") % {"class": "standard"}, "s3/standard/storage",
                            stored * (1 - moved), usage_based=True,
                            assumption=N_("%(gb)s GB stored, %(share)s not yet moved by the lifecycle rule") % values)
        yield CostComponent("s3", N_("Storage (standard-ia, after lifecycle transition)"), "s3/standard-ia/storage",
                            stored * moved, usage_based=True,
                            assumption=N_("%(share)s of %(gb)s GB moved to Standard-IA") % {**values, "share": values["moved"]})
    else:
        yield CostComponent("s3", N_("Storage (%(class)s)") % {"class": storage_class}, f"s3/{storage_class}/storage",
                            stored, usage_based=True, assumption=gb.assumption)
    for verb in ("put", "get"):
        requests = usage[f"{verb}_requests_per_month"]
        yield CostComponent("s3", N_("%(verb)s requests") % {"verb": verb.upper()}, f"s3/standard/{verb}-requests",
                            float(requests.value) / 1000, usage_based=True, assumption=requests.assumption)


# Lifecycle transition targets by the names the bill gives storage classes.
STORAGE_CLASSES = {"STANDARD_IA": "standard-ia", "ONEZONE_IA": "one-zone-ia", "INTELLIGENT_TIERING": "intelligent-tiering",
                   "GLACIER_IR": "glacier-instant", "GLACIER": "glacier-flexible", "DEEP_ARCHIVE": "glacier-deep-archive"}


def storage_class(transitions) -> dict:
    """The class the objects end in: the last lifecycle transition's, else Standard."""
    from stackwright.importer.resources import NotPriceable

    if not transitions:
        return {"storage_class": "standard"}
    target, _ = max(transitions, key=lambda t: t[1])
    if target not in STORAGE_CLASSES:
        raise NotPriceable(f"lifecycle transition to {target} is not modelled (use one of {', '.join(STORAGE_CLASSES)})")
    return {"storage_class": STORAGE_CLASSES[target]}


def terraform(r, ctx):
    from stackwright.importer.mapping.storage import readable, tf_transitions

    return storage_class(readable(r, ctx, lambda: tf_transitions(r, ctx)))


def cloudformation(r, ctx):
    from stackwright.importer.mapping.storage import cfn_transitions, readable

    return storage_class(readable(r, ctx, lambda: cfn_transitions(r)))


register("aws_s3_bucket", cloudformation_types="AWS::S3::Bucket", components=components,
         terraform=terraform, cloudformation=cloudformation,
         usage={"storage_gb": UsageKey(0, "GB", "data stored"),
                "infrequent_access_share": UsageKey(0, "share", "part a lifecycle move to Standard-IA has reached"),
                "put_requests_per_month": UsageKey(0, "requests", "PUT, COPY, POST and LIST requests"),
                "get_requests_per_month": UsageKey(0, "requests", "GET and other requests")},
         service="s3")
