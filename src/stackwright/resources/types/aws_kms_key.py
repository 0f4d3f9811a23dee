"""AWS KMS customer managed key: the key per month, its API requests (asymmetric RSA cost more), and with
automatic rotation $1 a month more for each of the first two rotations of its material (AWS prices the
newly generated key material like a key; the increase stops after the second rotation)."""

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import flag, monthly, text, used
from stackwright.resources.registry import UsageKey, register
from stackwright.translatable import N_

BILLED_ROTATIONS = 2  # AWS caps the rotation surcharge at the second rotation


def components(resource, usage):
    spec = resource.attrs["spec"]
    yield monthly("kms", N_("Customer managed key (%(spec)s)") % {"spec": spec}, "kms/key", 1)
    if resource.attrs.get("rotation"):
        rotations = usage["rotations_completed"]
        yield CostComponent("kms", N_("Rotated key material (first two yearly rotations)"), "kms/key",
                            min(float(rotations.value), BILLED_ROTATIONS), usage_based=True,
                            assumption=rotations.assumption)
    key = "kms/requests-asymmetric" if spec.startswith("RSA") else "kms/requests"
    yield used("kms", N_("Requests"), key, usage, "monthly_requests", per=1e4)


register("aws_kms_key", cloudformation_types="AWS::KMS::Key", components=components,
         terraform=lambda r, ctx: {"spec": text(r, "customer_master_key_spec", default="SYMMETRIC_DEFAULT"),
                                   "rotation": flag(r, "enable_key_rotation")},
         cloudformation=lambda r, ctx: {"spec": text(r, "KeySpec", default="SYMMETRIC_DEFAULT"),
                                        "rotation": flag(r, "EnableKeyRotation")},
         usage={"monthly_requests": UsageKey(0, "requests/month"),
                "rotations_completed": UsageKey(0, "rotations so far (0 in the key's first year)")})
