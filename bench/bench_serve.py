"""What the planner page waits for after an edit: `stackwright serve` on loopback, the page's requests for one
spec sent as the page sends them (bill, findings, form values, roadmap, diagram and the optimiser together; the
optimiser runs in a worker of its own), per blueprint. Each edit renames the spec, so no panel's answer comes from a cache;
the optimiser's bills do (they are summed by content, the name aside). A second edit each run also changes the
hours a week the spec runs, which every running line sees, so the optimiser prices all its variants afresh.
Prints the median of RUNS edits: time to the bill, to the last quick panel, and to the optimiser's answer
after each kind of edit."""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 15
PANELS = ("cost?allow_missing=1", "check", "values", "roadmap", "diagram")  # the page's quick panels, in order
SEARCH = "optimize"  # asked with the quick panels, answered by its own worker


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _post(url: str, body: bytes) -> float:
    request = urllib.request.Request(url, body, {"content-type": "application/yaml"})
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
    return time.perf_counter()


def _hours_edit(text: str, run: int) -> str:
    """`text` running a quarter of an hour a week less for each run: a new amount on every running line."""
    return text.replace("\ncomponents:", f"\nrunning_hours_per_week: {168 - (run + 1) / 4:g}\ncomponents:", 1)


def _edit(pool, base: str, body: bytes) -> tuple[float, float, float]:
    """Seconds to the bill, to the last quick panel and to the optimiser's answer."""
    began = time.perf_counter()
    done = list(pool.map(lambda panel: _post(base + panel, body), PANELS + (SEARCH,)))
    searched = done.pop()
    return done[0] - began, max(done) - began, searched - began


def main() -> None:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "stackwright", "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/api/"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "blueprints", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        print("| blueprint | bill (ms) | every quick panel (ms) | optimiser (ms) | optimiser, hours edited (ms) |\n"
              "|---|---:|---:|---:|---:|")
        with ThreadPoolExecutor(len(PANELS) + 1) as pool:
            for blueprint in sorted((ROOT / "blueprints").glob("*.yaml")):
                text = blueprint.read_text(encoding="utf-8")
                bill, quick, search, afresh = [], [], [], []
                for run in range(RUNS + 1):
                    renamed = text.replace("\nname: ", f"\nname: edit{run}-", 1)  # a new spec each time
                    times = _edit(pool, base, renamed.encode())
                    hours = _edit(pool, base, _hours_edit(renamed.replace("\nname: ", "\nname: hours-", 1),
                                                          run).encode())
                    if run:  # the first run fills the workers' caches for the region
                        bill.append(times[0])
                        quick.append(times[1])
                        search.append(times[2])
                        afresh.append(hours[2])
                print(f"| {blueprint.stem} | {1000 * statistics.median(bill):.0f} | "
                      f"{1000 * statistics.median(quick):.0f} | {1000 * statistics.median(search):.0f} | "
                      f"{1000 * statistics.median(afresh):.0f} |", flush=True)
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
