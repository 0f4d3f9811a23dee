"""`stackwright serve`: a local web planner over the same functions as the CLI (see app.py)."""

from __future__ import annotations

LOOPBACK = ("127.0.0.1", "::1", "localhost")
LOOPBACK_HOST_NAMES = ["127.0.0.1", "localhost", "[::1]", "::1"]


def run(host: str = "127.0.0.1", port: int = 8000) -> None:
    import uvicorn

    from stackwright.serve.app import create_app

    where = "loopback only: other machines cannot reach it" if host in LOOPBACK else \
        "reachable from other machines: anyone who can reach this address can use it"
    print(f"stackwright planner on http://{'[' + host + ']' if ':' in host else host}:{port}/ ({where}); "
          "Ctrl+C stops it", flush=True)
    app = create_app(allowed_hosts=LOOPBACK_HOST_NAMES if host in LOOPBACK else None)
    uvicorn.run(app, host=host, port=port, log_level="warning")
