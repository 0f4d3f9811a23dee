"""AWS Private Certificate Authority: per CA-month (general-purpose mode)."""

from stackwright.cost.component import CostComponent
from stackwright.resources.helpers import monthly, text
from stackwright.resources.registry import register


def components(resource, usage):
    if resource.attrs["mode"] != "GENERAL_PURPOSE":
        yield CostComponent("acm_pca", "Private CA (short-lived certificates)", "acmpca/authority-short-lived", 1,
                            unknown_reason="short-lived certificate CAs have no price in the catalogue")
        return
    yield monthly("acm_pca", "Private certificate authority", "acmpca/authority", 1)


register("aws_acmpca_certificate_authority", cloudformation_types="AWS::ACMPCA::CertificateAuthority",
         components=components,
         terraform=lambda r, ctx: {"mode": text(r, "usage_mode", default="GENERAL_PURPOSE").upper()},
         cloudformation=lambda r, ctx: {"mode": text(r, "UsageMode", default="GENERAL_PURPOSE").upper()})
