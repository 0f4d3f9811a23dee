"""ACM certificates the stack requests (AWS::CertificateManager::Certificate)."""

from __future__ import annotations

from stackwright.deploy.kinds.base import Kind, absent_if_missing, differences, tag_list


class Certificate(Kind):
    type = "AWS::CertificateManager::Certificate"
    service_api = "acm.request_certificate"
    # DomainValidationOptions: CloudFormation writes the validation record into the hosted zone; a request
    # through the API does not (moto issues the certificate without it).
    emulates = frozenset({"DomainName", "SubjectAlternativeNames", "ValidationMethod", "Tags"})

    def find(self, aws, r):
        found = absent_if_missing(aws("acm").describe_certificate, CertificateArn=r.physical_id,
                                  missing=("ValidationException",))
        return found["Certificate"] if found else None

    def check(self, state, r):
        names = [r["DomainName"], *r.get("SubjectAlternativeNames", [])]
        return differences(("DomainName", state["DomainName"], r.get("DomainName")),
                           ("SubjectAlternativeNames", state.get("SubjectAlternativeNames", []), names),
                           ("ValidationMethod", state.get("DomainValidationOptions", [{}])[0].get("ValidationMethod"),
                            r.get("ValidationMethod")))

    def create(self, aws, r):
        tags = {t["Key"]: t["Value"] for t in r.get("Tags", [])} | r.tags
        return aws("acm").request_certificate(
            DomainName=r["DomainName"], SubjectAlternativeNames=r.get("SubjectAlternativeNames") or [r["DomainName"]],
            ValidationMethod=r.get("ValidationMethod", "DNS"), Tags=tag_list(tags))["CertificateArn"]

    def delete(self, aws, r, state):
        aws("acm").delete_certificate(CertificateArn=state["CertificateArn"])
