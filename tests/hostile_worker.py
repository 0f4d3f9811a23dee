"""Run hostile-input cases in this process, under limits, and print one JSON result per case.

Started by tests/test_hostile_corpus.py as `python tests/hostile_worker.py` with a JSON list of cases
on stdin (each {"id", "args"}). The address-space limit stops a runaway case with a MemoryError
instead of taking the machine down; each case gets SIGALRM after the time limit. Results carry the
exit code, output, whether a traceback escaped, the seconds taken and the worker's peak RSS so far.
"""

from __future__ import annotations

import json
import resource
import signal
import sys
import time
import traceback

SECONDS = 10
ADDRESS_SPACE = 2 * 1024**3  # a guard against runaways; the test asserts peak RSS under 500 MB


class CaseTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise CaseTimeout


def _peak_rss_mb() -> float:
    """This process's peak resident memory since it started (VmHWM). Not getrusage's ru_maxrss: Linux keeps
    that across exec, so a worker forked from a large pytest would report pytest's size."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    from typer.testing import CliRunner

    from stackwright.cli import app

    cases = json.load(sys.stdin)
    signal.signal(signal.SIGALRM, _alarm)
    runner = CliRunner()
    for case in cases:
        start = time.perf_counter()
        signal.alarm(SECONDS)
        crashed = None
        try:
            result = runner.invoke(app, case["args"], catch_exceptions=True)
            code, out, err = result.exit_code, result.stdout, result.stderr
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                crashed = "".join(traceback.format_exception(result.exception))
        except CaseTimeout:
            code, out, err, crashed = None, "", "", f"still running after {SECONDS} s"
        except BaseException as exc:  # noqa: BLE001 - anything escaping the CLI is the finding
            code, out, err, crashed = None, "", "", "".join(traceback.format_exception(exc))
        finally:
            signal.alarm(0)
        seconds = time.perf_counter() - start
        peak_mb = _peak_rss_mb()
        print(json.dumps({"id": case["id"], "code": code, "stdout": out[:200_000], "stderr": err[:20_000],
                          "crashed": crashed, "seconds": seconds, "peak_mb": peak_mb}), flush=True)


if __name__ == "__main__":
    main()
