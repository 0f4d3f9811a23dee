"""report.html: self-contained, figures equal to `stackwright cost`, and loaded in a real headless
Chromium (driven over the DevTools protocol) with no console error, no network request and charts
that render. Screenshots go to tests/artifacts/."""

import base64
import json
import re
import shutil
import subprocess
import time
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from stackwright.document.i18n import LOCALES, ValueTranslator
from stackwright.report import write_report
from stackwright.spec.loader import load

from conftest import BLUEPRINTS
from test_document import cost_json, money

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
LANGS = tuple(LOCALES)
PAGE_TIMEOUT_S = 30
# Anything that makes a browser fetch: src/href attributes and CSS url()/@import pointing off the page.
FETCHES = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import)""", re.I)


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    written = {}
    for blueprint in BLUEPRINTS:
        for lang in LANGS:
            out = tmp_path_factory.mktemp(f"{blueprint.stem}-{lang}")
            written[blueprint.stem, lang] = write_report(load(blueprint).spec, out, lang)
    return written


class BillRows(HTMLParser):
    """(resource, item, monthly text) of each row of table#bill, and the total row's monthly text."""

    def __init__(self):
        super().__init__()
        self.rows, self.total, self._in_bill, self._row, self._cell, self._depth = [], None, False, None, None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == "bill":
            self._in_bill = True
        elif self._in_bill and tag == "tr" and attrs.get("class") in ("item", "total"):
            self._row = (attrs["class"], [])
        elif self._row and tag == "td":
            self._cell, self._depth = [], 0
        elif self._cell is not None and tag == "div":
            self._depth += 1  # the assumption under an item's name

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_bill = False
        elif tag == "div" and self._cell is not None:
            self._depth -= 1
        elif tag == "td" and self._row and self._cell is not None:
            self._row[1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row:
            kind, cells = self._row
            if kind == "item":
                self.rows.append((cells[0], cells[2], cells[6]))
            else:
                self.total = cells[1]
            self._row = None

    def handle_data(self, data):
        if self._cell is not None and self._depth == 0:
            self._cell.append(data)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_report_bill_equals_cost_json_and_fetches_nothing(reports, blueprint, lang):
    html = reports[blueprint.stem, lang].read_text(encoding="utf-8")
    parser = BillRows()
    parser.feed(html)
    bill = cost_json(blueprint)
    translate = ValueTranslator(lang)  # the item names are the bill's, in the report's language
    assert [(r, item, money(m, lang)) for r, item, m in parser.rows] == [
        (i["resource"], translate(i["component"]), Decimal(f"{i['monthly_usd']:.2f}")) for i in bill["items"]]
    assert money(parser.total, lang) == Decimal(f"{bill['total_monthly_usd']:.2f}")
    assert not FETCHES.findall(html), "the report must not load anything from the network"
    assert "<script" not in html
    assert len(re.findall(r'<svg class="chart ', html)) == 4  # cost by service, roadmap, waterfall, Pareto front
    assert f'<html lang="{lang}">' in html


def test_without_graphviz_the_report_shows_the_ascii_drawing(monkeypatch):
    from stackwright import diagram
    from stackwright.report import report_html

    monkeypatch.setattr(diagram.shutil, "which", lambda name: None)
    html = report_html(load(BLUEPRINTS[0]).spec, "en")
    assert "Graphviz is not installed" in html and "<pre>" in html and 'class="diagram"' not in html
    assert len(re.findall(r'<svg class="chart ', html)) == 4


# ---------------------------------------------------------------------------------------------- Chromium


class DevTools:
    """A headless Chromium and one page, driven over the Chrome DevTools Protocol."""

    def __init__(self, profile: Path):
        import websocket

        self.process = subprocess.Popen(
            [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
             f"--user-data-dir={profile}", "--remote-debugging-port=0", "--window-size=1280,1800", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + PAGE_TIMEOUT_S
        while not (port_file.exists() and len(port_file.read_text().splitlines()) == 2):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("Chromium did not open its DevTools port")
            time.sleep(0.05)
        port, path = port_file.read_text().splitlines()
        self.socket = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=PAGE_TIMEOUT_S,
                                                  suppress_origin=True)
        self.next_id, self.events = 0, []
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=True)

    def send(self, method: str, session: bool = False, **params) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self.socket.send(json.dumps(message))
        while True:
            reply = json.loads(self.socket.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method: str) -> None:
        deadline = time.monotonic() + PAGE_TIMEOUT_S
        while not any(e.get("method") == method for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(method)
            self.events.append(json.loads(self.socket.recv()))

    def load(self, url: str) -> list[dict]:
        """Navigate and wait for the load event; the events seen on the way."""
        self.events = []
        self.send("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired")
        return self.events

    def evaluate(self, expression: str):
        return self.send("Runtime.evaluate", session=True, expression=expression, returnByValue=True)["result"]["value"]

    def close(self) -> None:
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=PAGE_TIMEOUT_S)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package to test the report in a browser")
    pytest.importorskip("websocket", reason="websocket-client is needed to drive Chromium over DevTools")
    devtools = DevTools(tmp_path_factory.mktemp("chromium-profile"))
    yield devtools
    devtools.close()


MEASURE = """JSON.stringify({
  charts: [...document.querySelectorAll('svg.chart')].map(svg => {
    const box = svg.getBoundingClientRect();
    const bars = [...svg.querySelectorAll('rect.bar')].map(r => r.getBoundingClientRect().width);
    const points = [...svg.querySelectorAll('circle.point')].map(c => c.getBoundingClientRect().width);
    return {kind: svg.getAttribute('class'), width: box.width, height: box.height, bars, points};
  }),
  diagram: (svg => svg && {width: svg.getBoundingClientRect().width, height: svg.getBoundingClientRect().height,
                           icons: svg.querySelectorAll('image').length})(document.querySelector('svg.diagram')),
  total: document.getElementById('total').textContent,
})"""


def _problems(events: list[dict]) -> list[str]:
    """Console errors, uncaught exceptions, and requests for anything but the file itself."""
    problems = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert", "warning"):
            problems.append(f"console {params['type']}: {params['args']}")
        elif method == "Runtime.exceptionThrown":
            problems.append(f"exception: {params['exceptionDetails']}")
        elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
            problems.append(f"log: {params['entry']['text']}")
        elif method == "Network.requestWillBeSent" and not params["request"]["url"].startswith(("file:", "data:")):
            problems.append(f"network request: {params['request']['url']}")
    return problems


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("blueprint", BLUEPRINTS, ids=lambda p: p.stem)
def test_report_in_headless_chromium(browser, reports, blueprint, lang):
    path = reports[blueprint.stem, lang]
    events = browser.load(path.resolve().as_uri())
    assert _problems(events) == []
    measured = json.loads(browser.evaluate(MEASURE))
    assert [c["kind"] for c in measured["charts"]] == ["chart chart-bars", "chart chart-phases", "chart chart-waterfall",
                                                       "chart chart-pareto"]
    for chart in measured["charts"]:
        assert chart["width"] > 100 and chart["height"] > 20
        drawn = chart["points"] if chart["kind"].endswith("pareto") else chart["bars"]
        assert drawn and all(width > 0 for width in drawn)
    if shutil.which("dot"):
        assert measured["diagram"]["width"] > 100 and measured["diagram"]["height"] > 100
        assert measured["diagram"]["icons"] > 0
    assert money(measured["total"], lang) == Decimal(f"{cost_json(blueprint)['total_monthly_usd']:.2f}")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = browser.send("Page.captureScreenshot", session=True, format="png", captureBeyondViewport=True)
    (ARTIFACTS / f"report-{blueprint.stem}-{lang}.png").write_bytes(base64.b64decode(shot["data"]))


def test_the_browser_check_notices_requests_and_console_errors(browser, tmp_path):
    """The same check on a page that breaks both rules (a loopback address that refuses at once)."""
    page = tmp_path / "bad.html"
    page.write_text('<img src="http://127.0.0.1:9/x.png"><script>console.error("boom")</script>', encoding="utf-8")
    problems = _problems(browser.load(page.as_uri()))
    assert any(p.startswith("network request: http://127.0.0.1:9/") for p in problems)
    assert any(p.startswith("console error") for p in problems)


@pytest.mark.parametrize("lang", LANGS)
def test_korean_table_cells_break_between_words_only(browser, reports, lang):
    """`word-break: keep-all` in Korean: table cells wrap at spaces, never inside a word."""
    path = reports[BLUEPRINTS[0].stem, lang]
    browser.load(path.resolve().as_uri())
    styles = json.loads(browser.evaluate(
        "JSON.stringify([...document.querySelectorAll('table td')].map(td => getComputedStyle(td).wordBreak))"))
    assert styles and set(styles) == ({"keep-all"} if lang == "ko" else {"normal"})
