"""Local deploy, second deploy and destroy of every blueprint against one in-process moto server on
127.0.0.1, with fake credentials: wall times and how each planned resource was made."""

from __future__ import annotations

import logging
import os
import time
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAKE_AWS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull, "MOTO_IAM_LOAD_MANAGED_POLICIES": "true"}


def main() -> None:
    os.environ.update(FAKE_AWS)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module=r"moto\.")  # moto warns about its own gaps
    from moto.server import ThreadedMotoServer

    from stackwright.deploy import deploy, destroy
    from stackwright.deploy.aws import reset_moto
    from stackwright.spec.loader import load

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    print("| blueprint | resources | by CloudFormation | by service API | not emulated | verify failed | "
          "deploy s | again s | destroy s | left |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    try:
        for blueprint in sorted((ROOT / "blueprints").glob("*.yaml")):
            reset_moto(url)
            spec = load(blueprint).spec
            first = deploy(spec, "local", endpoint_url=url)
            again = deploy(spec, "local", endpoint_url=url)
            began = time.perf_counter()
            gone = destroy(spec, "local", endpoint_url=url)
            took = time.perf_counter() - began
            counts = Counter(r.status for r in first.resources)
            print(f"| {blueprint.stem} | {len(first.resources)} | {counts['created-by-cloudformation-and-verified']} | "
                  f"{counts['created-by-service-api-and-verified']} | {counts['not-emulated']} | "
                  f"{counts['verify-failed']} | {first.seconds:.1f} | {again.seconds:.1f} ({again.result}) | "
                  f"{took:.1f} | {len(gone.remaining)} |", flush=True)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
