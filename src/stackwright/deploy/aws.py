"""boto3 clients for a target, and the embedded moto server the local target starts by default."""

from __future__ import annotations

import logging
import os
import urllib.request
import warnings
from contextlib import contextmanager
from typing import Iterator

# The local target never looks for real credentials: moto accepts any.
LOCAL_CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
GLOBAL_REGION = "us-east-1"  # CloudFront, its certificates and CLOUDFRONT-scoped web ACLs live here


class Clients:
    """One boto3 client per service and region, made on first use; `account_id` and `partition` as
    the credentials see them."""

    def __init__(self, session, region: str, endpoint_url: str | None, config=None):
        self.session = session
        self.config = config
        self.region = region
        self.endpoint_url = endpoint_url
        self._clients: dict[tuple[str, str], object] = {}
        self._account_id: str | None = None

    def __call__(self, service: str, region: str | None = None):
        key = (service, region or self.region)
        if key not in self._clients:
            self._clients[key] = self.session.client(service, region_name=key[1], endpoint_url=self.endpoint_url,
                                                     config=self.config)
        return self._clients[key]

    @property
    def account_id(self) -> str:
        if self._account_id is None:
            self._account_id = self("sts").get_caller_identity()["Account"]
        return self._account_id

    @property
    def partition(self) -> str:
        return "aws-cn" if self.region.startswith("cn-") else "aws-us-gov" if self.region.startswith("us-gov-") \
            else "aws"


def local_clients(region: str, endpoint_url: str) -> Clients:
    """Clients for moto with fake credentials; no AWS config or credentials file is read."""
    import boto3
    import botocore.session

    from botocore.config import Config

    core = botocore.session.Session()
    core.set_config_variable("config_file", os.devnull)
    core.set_config_variable("credentials_file", os.devnull)
    # No retries: moto acts inside the call, so a retried ExecuteChangeSet would apply twice.
    return Clients(boto3.Session(botocore_session=core, region_name=region, **LOCAL_CREDENTIALS), region,
                   endpoint_url, Config(retries={"max_attempts": 1, "mode": "standard"}))


def aws_clients(region: str, endpoint_url: str | None) -> Clients:
    """Clients with the standard credential chain (environment, profile, SSO, instance role)."""
    import boto3

    return Clients(boto3.Session(region_name=region), region, endpoint_url)


MANAGED_POLICIES = "MOTO_IAM_LOAD_MANAGED_POLICIES"  # moto knows AWS managed IAM policies only with this


@contextmanager
def embedded_moto() -> Iterator[str]:
    """A moto server on a free port of 127.0.0.1, empty, stopped on exit; yields its URL. moto keeps its
    state per process, so the server is reset first."""
    from moto.server import ThreadedMotoServer

    previous = os.environ.get(MANAGED_POLICIES)
    os.environ[MANAGED_POLICIES] = "true"
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module=r"moto\.")  # moto warns about its own gaps on every call
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        try:
            host, port = server.get_host_and_port()
            url = f"http://{host}:{port}"
            reset_moto(url)
            yield url
        finally:
            server.stop()
            if previous is None:
                os.environ.pop(MANAGED_POLICIES)
            else:
                os.environ[MANAGED_POLICIES] = previous


def reset_moto(url: str) -> None:
    """Forget every resource a moto server holds."""
    urllib.request.urlopen(urllib.request.Request(f"{url}/moto-api/reset", method="POST"), timeout=30).close()
