"""AWS KMS customer managed key: the key per month and its API requests (asymmetric RSA cost more)."""

from stackwright.resources.helpers import monthly, text, used
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_


def components(resource, usage):
    spec = resource.attrs["spec"]
    yield monthly("kms", N_("Customer managed key (%(spec)s)") % {"spec": spec}, "kms/key", 1)
    key = "kms/requests-asymmetric" if spec.startswith("RSA") else "kms/requests"
    yield used("kms", N_("Requests"), key, usage, "monthly_requests", per=1e4)


register("aws_kms_key", cloudformation_types="AWS::KMS::Key", components=components,
         terraform=lambda r, ctx: {"spec": text(r, "customer_master_key_spec", default="SYMMETRIC_DEFAULT")},
         cloudformation=lambda r, ctx: {"spec": text(r, "KeySpec", default="SYMMETRIC_DEFAULT")},
         usage={"monthly_requests": UsageKey(0, "requests/month")})
