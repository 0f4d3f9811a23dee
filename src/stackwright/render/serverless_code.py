"""The placeholder handler a generated Lambda function starts with, per runtime family: it answers every
request with 200 until the team deploys its own code (`aws lambda update-function-code`)."""

from __future__ import annotations

HANDLER = "index.handler"

PYTHON = '''import json


def handler(event, context):
    return {"statusCode": 200, "body": json.dumps({"status": "ok"})}
'''

NODE = '''exports.handler = async () => ({ statusCode: 200, body: JSON.stringify({ status: "ok" }) });
'''


def placeholder(runtime: str) -> str:
    return PYTHON if runtime.startswith("python") else NODE


def file_name(runtime: str) -> str:
    return "index.py" if runtime.startswith("python") else "index.js"


def zipped(runtime: str) -> bytes:
    """The placeholder as a deployment package, byte-identical on every run (fixed timestamps)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(file_name(runtime), date_time=(2020, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        archive.writestr(info, placeholder(runtime))
    return buffer.getvalue()


def packages(plan) -> dict[str, bytes]:
    """Each function's placeholder package, by path under the Terraform root (the serverless module reads
    `code/<function>.zip` beside it)."""
    from stackwright.render.terraform.stack import local_name

    return {f"modules/serverless/code/{local_name(fn.id)}.zip": zipped(fn.spec.runtime) for fn in plan.functions}
