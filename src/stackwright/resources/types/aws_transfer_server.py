"""AWS Transfer Family server: each enabled protocol by the hour, and the data uploaded and downloaded."""

from stackwright.resources.helpers import hourly, used
from stackwright.resources.registry import UsageKey, register


def components(resource, usage):
    protocols = resource.attrs["protocols"]
    yield hourly("transfer", f"Protocols ({', '.join(protocols)})", "transfer/protocol-hour", len(protocols),
                 f"{len(protocols)} protocol(s) × 730 h")
    yield used("transfer", "Data uploaded and downloaded", "transfer/data", usage, "monthly_data_transferred_gb")


register("aws_transfer_server", cloudformation_types="AWS::Transfer::Server", components=components,
         terraform=lambda r, ctx: {"protocols": [str(p) for p in r.get("protocols", default=["SFTP"])]},
         cloudformation=lambda r, ctx: {"protocols": [str(p) for p in r.get("Protocols", default=["SFTP"])]},
         usage={"monthly_data_transferred_gb": UsageKey(0, "GB")})
