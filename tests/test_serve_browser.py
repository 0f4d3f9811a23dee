"""The planner page in a real browser: Playwright driving Debian's Chromium (never a downloaded one)
against `stackwright serve` on 127.0.0.1 and a free port. Screenshots go to tests/artifacts/."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from stackwright.optimize.search import optimize
from stackwright.spec.loader import load
from stackwright.spec_bill import price

from conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
GLIMPSE = ROOT / "blueprints" / "glimpse.yaml"
START_TIMEOUT_S = 60
WAIT_MS = 20_000


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "stackwright", "serve", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=os.environ.copy())
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            urllib.request.urlopen(url + "/api/blueprints", timeout=2).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"stackwright serve did not start: {process.stdout.read()}")
            time.sleep(0.2)
    yield url
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    banner = process.stdout.read()
    assert "loopback only" in banner, banner


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium package (make system-deps)")
    playwright = pytest.importorskip("playwright.sync_api", reason="the test extra installs playwright")
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: None if request.url.startswith(("http://127.0.0.1", "blob:", "data:"))
            else problems.append(f"off-box request {request.url}"))
    yield page
    context.close()
    assert problems == []


def usd(value: float) -> str:
    return f"${Decimal(f'{value:.2f}'):,}"


def shown_total(page) -> str:
    return page.text_content("#total")


def wait_total(page, text: str) -> None:
    page.wait_for_function("t => document.getElementById('total').textContent === t", arg=text)


def open_blueprint(page, url: str, name: str = "glimpse") -> None:
    page.goto(f"{url}/?blueprint={name}")
    page.wait_for_function("document.getElementById('total').textContent.startsWith('$')")
    page.wait_for_selector("#steps button.apply")  # the optimiser's panel has drawn
    page.wait_for_selector("#diagram img")  # and the diagram, which may come after it on a busy machine


def line_of(text: str, pattern: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if re.search(pattern, line))


def test_open_a_blueprint_and_read_its_total(server, page):
    open_blueprint(page, server)
    assert shown_total(page) == usd(price(load(GLIMPSE).spec).total)
    assert page.input_value("#spec") == GLIMPSE.read_text(encoding="utf-8")
    assert page.locator("#by-service tr[data-service]").count() > 3
    assert page.locator("#diagram img").count() == 1
    page.wait_for_function("document.querySelector('#diagram img').naturalWidth > 0")
    assert page.locator("#roadmap tr").count() == 6  # header and five phases
    ARTIFACTS.mkdir(exist_ok=True)
    name_line = line_of(GLIMPSE.read_text(encoding="utf-8"), r"^name:")
    page.evaluate("""top => { const spec = document.getElementById('spec');
        spec.scrollTop = top; spec.dispatchEvent(new Event('scroll')); }""", (name_line - 1) * 20)
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "serve.png"))


def test_change_a_count_in_the_form_and_the_total_follows(server, page):
    open_blueprint(page, server)
    before = shown_total(page)
    page.click("#tab-form")
    desired = page.locator('#form-pane [data-path=\'["components","api","tasks","desired"]\']')
    assert desired.input_value() == "3"
    maximum = page.locator('#form-pane [data-path=\'["components","api","tasks","max"]\']')
    desired.fill("8")
    desired.dispatch_event("change")
    page.wait_for_function("t => document.getElementById('total').textContent !== t", arg=before)
    text = page.input_value("#spec")
    assert re.search(r"^      desired: 8 +# desired_count = 3$", text, re.M)  # value changed, comment kept
    assert maximum.input_value() == "20"
    spec = GLIMPSE.read_text(encoding="utf-8").replace("desired: 3 ", "desired: 8 ")
    assert text == spec
    wait_total(page, usd(price(load_text(spec)).total))


def load_text(text: str):
    from stackwright.serve.jobs import load as load_spec

    return load_spec(text).spec


def test_type_an_error_and_see_it_at_its_line(server, page):
    open_blueprint(page, server)
    text = GLIMPSE.read_text(encoding="utf-8")
    line = line_of(text, r"^    kind: elasticache$")
    end = sum(len(l) + 1 for l in text.splitlines()[:line]) - 1
    page.focus("#spec")
    page.evaluate("end => document.getElementById('spec').setSelectionRange(end, end)", end)
    page.keyboard.type("z")
    error = page.locator("#errors li").first
    error.wait_for()
    assert error.get_attribute("data-line") == str(line)
    assert error.get_attribute("data-column") == "11"
    assert "elasticachez" in error.text_content()
    assert page.locator("#gutter .error").get_attribute("data-line") == str(line)
    assert page.locator(f'#highlight [data-line="{line}"] .mark-error').text_content() == "elasticachez"
    assert page.locator("#bill-panel.stale").count() == 1
    page.screenshot(path=str(ARTIFACTS / "serve-error.png"))
    page.keyboard.press("Backspace")
    page.wait_for_selector("#errors li", state="detached")
    assert page.locator("#bill-panel.stale").count() == 0


def test_completion_from_the_schema(server, page):
    open_blueprint(page, server)
    text = GLIMPSE.read_text(encoding="utf-8")
    line = line_of(text, r"^    kind: fargate_service$")
    end = sum(len(l) + 1 for l in text.splitlines()[:line]) - 1
    page.focus("#spec")
    page.evaluate("end => document.getElementById('spec').setSelectionRange(end, end)", end)
    page.keyboard.press("Enter")
    page.keyboard.type("    rps")
    page.wait_for_selector("#completion:not([hidden])")
    assert page.locator("#completion li").first.text_content().startswith("rps_per_vcpu")
    page.keyboard.press("Enter")
    page.keyboard.type("200")
    assert "\n    rps_per_vcpu: 200\n" in page.input_value("#spec")
    page.keyboard.press("Enter")
    page.keyboard.type("    runtime: ")
    page.keyboard.press("Control+Space")
    options = page.locator("#completion li").all_text_contents()
    assert {"go", "fastapi", "nestjs"} <= set(options)


def test_switch_to_korean_keeps_the_spec_and_bill(server, page):
    open_blueprint(page, server)
    total = shown_total(page)
    page.click("#lang-ko")
    page.wait_for_url(re.compile(r"lang=ko&blueprint=glimpse$"))  # an unedited blueprint keeps its name
    page.wait_for_selector("text=월간 비용")
    wait_total(page, "US" + total)  # Korean writes dollars as US$, as the Korean documents do
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.input_value("#spec") == GLIMPSE.read_text(encoding="utf-8")
    page.wait_for_selector("#steps button.apply")
    assert "예약 인스턴스" in page.text_content("#steps") or "Reserved" not in page.text_content("#steps")
    assert page.text_content("#steps button.apply") == "적용"
    page.screenshot(path=str(ARTIFACTS / "serve-ko.png"))
    assert page.input_value("#blueprint") == "glimpse"
    page.click("#tab-form")  # an edited spec travels in the fragment
    dau = page.locator('#form-pane [data-path=\'["traffic","dau"]\']')
    dau.fill("700")
    dau.dispatch_event("change")
    page.wait_for_function("() => document.getElementById('spec').value.includes('dau: 700')")
    edited = page.input_value("#spec")
    page.click("#lang-en")
    page.wait_for_url(re.compile(r"lang=en#spec="))
    page.wait_for_selector("text=Monthly bill")
    page.wait_for_function("t => document.getElementById('spec').value === t", arg=edited)


def test_download_the_plan_zip_and_the_spec(server, page, tmp_path):
    open_blueprint(page, server)
    with page.expect_download(timeout=120_000) as download:
        page.click("#download-plan")
    assert download.value.suggested_filename == "glimpse-plan.zip"
    saved = tmp_path / "plan.zip"
    download.value.save_as(saved)
    names = set(zipfile.ZipFile(saved).namelist())
    for expected in ("cloudformation/template.yaml", "terraform/main.tf", "terraform/variables.tf", "design.md",
                     "report.html", "diagram.svg", "diagram.png", "spec.yaml"):
        assert f"glimpse/{expected}" in names
    assert zipfile.ZipFile(saved).read("glimpse/spec.yaml").decode() == GLIMPSE.read_text(encoding="utf-8")
    with page.expect_download() as download:
        page.click("#download-spec")
    assert download.value.suggested_filename == "glimpse.yaml"
    assert Path(download.value.path()).read_text(encoding="utf-8") == GLIMPSE.read_text(encoding="utf-8")


def test_share_link_opens_the_same_bill_in_a_new_page(server, page, browser):
    open_blueprint(page, server)
    page.click("#tab-form")
    dau = page.locator('#form-pane [data-path=\'["traffic","dau"]\']')
    before = shown_total(page)
    dau.fill("20000")
    dau.dispatch_event("change")
    page.wait_for_function("t => document.getElementById('total').textContent !== t", arg=before)
    total, text = shown_total(page), page.input_value("#spec")
    page.click("#share")
    page.wait_for_function("document.getElementById('share-link').value !== ''")  # compressed asynchronously
    link = page.input_value("#share-link")
    assert link.startswith(server) and "#spec=" in link and "blueprint" not in link
    other = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()  # nothing shared but the link
    try:
        other.goto(link)
        wait_total(other, total)
        assert other.input_value("#spec") == text
    finally:
        other.context.close()


def test_apply_an_optimiser_step(server, page):
    open_blueprint(page, server)
    first = optimize(load(GLIMPSE).spec).steps[0]
    page.click("#steps button.apply >> nth=0")
    wait_total(page, usd(first.running_total_usd))
    assert "# Seed document" in page.input_value("#spec")



def test_the_optimiser_shows_its_pareto_front(server, page):
    open_blueprint(page, server)
    page.wait_for_selector("#optimise-status", state="hidden")
    front = optimize(load(GLIMPSE).spec).front
    assert len(front) > 1
    rows = page.locator("#pareto tr")
    assert rows.count() == len(front) + 1  # the header and one row per point of `pareto_front`
    assert [rows.nth(i + 1).locator("td").first.text_content() for i in range(len(front))] == \
        [usd(p.monthly_usd) for p in front]
    chosen = [p for p in front if p.chosen]
    assert len(chosen) == 1 and page.locator("#pareto tr.chosen").count() == 1
    assert page.locator("#pareto tr.chosen td").first.text_content() == usd(chosen[0].monthly_usd)
    assert chosen[0].changes[0] in page.locator("#pareto tr.chosen").text_content()


def test_the_quick_panels_do_not_wait_for_the_optimiser(server, page):
    """While the search runs (held here until the other panels have drawn), the bill is current and the
    optimiser's panel says it is still computing; its answer then replaces the note."""
    open_blueprint(page, server)
    page.wait_for_selector("#optimise-status", state="hidden")
    held = []
    page.route("**/api/optimize", lambda route: held.append(route))
    before = shown_total(page)
    page.click("#tab-form")
    dau = page.locator('#form-pane [data-path=\'["traffic","dau"]\']')
    dau.fill("20000")
    dau.dispatch_event("change")
    page.wait_for_function("t => document.getElementById('total').textContent !== t", arg=before)
    assert page.is_visible("#optimise-status")
    assert page.locator("#optimise-panel.computing").count() == 1
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    assert len(held) == 1  # asked once the quick panels answered
    held[0].continue_()
    page.unroute("**/api/optimize")
    # the note's hidden attribute, not only its box: a re-rendering panel can have no box for a moment; both
    # read in one go, as a later evaluation (the edit's debounced input, late on a loaded machine) sets both again
    page.wait_for_function("() => document.getElementById('optimise-status').hidden"
                           " && !document.getElementById('optimise-panel').classList.contains('computing')")
    spec = load_text(page.input_value("#spec"))
    page.wait_for_function("t => document.getElementById('optimised-total').textContent === t",
                           arg=usd(optimize(spec).optimized_monthly_usd))
