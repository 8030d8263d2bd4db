"""The review page in a real browser (headless Chromium; CI installs it in .ci/run): the DOM
after the script ran, the index filters and sorting, nothing fetched from the network, A4 print
with a page per report, and a screenshot of the sample reports kept in tests/artifacts/
(git-ignored) for people to look at."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from disclosure_cli.cli import main

from ..conftest import ROOT, SAMPLES

ARTIFACTS = ROOT / "tests" / "artifacts"
BROWSER = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
if BROWSER is None and os.environ.get("DISCLOSURE_BROWSER_TESTS") == "required":  # set by .ci/run
    raise RuntimeError("the browser tests are required here but chromium is not installed")
pytestmark = [
    pytest.mark.skipif(BROWSER is None, reason="chromium not installed (apt-get install chromium; .ci/run installs it)"),
    pytest.mark.xdist_group("browser"),  # one xdist worker: the page is made once, browsers run one test at a time
]

# Chromium's own update and sign-in services, which it calls even with background networking
# disabled. Any other request came from the page.
BROWSER_SERVICES = ("update.googleapis.com", "accounts.google.com", "clients2.google.com")


class Proxy:
    """A proxy on 127.0.0.1 that records what each connection asks for and answers nothing."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.requests: list[str] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                try:
                    self.requests.append(conn.recv(2048).split(b"\r\n", 1)[0].decode("latin-1"))
                except OSError:
                    pass

    def from_page(self) -> list[str]:
        """Request lines that are not the browser's own service calls."""
        return [r for r in self.requests if not any(f" {h}" in r or f"//{h}" in r for h in BROWSER_SERVICES)]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Run Chromium headless on a URL through the recording proxy: returns the stdout. Each
    run has its own profile, so runs may go in parallel."""
    proxy = Proxy()

    def run(url: str, *args: str) -> str:
        profile = tmp_path_factory.mktemp("chromium-profile")
        command = [
            BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync", "--hide-scrollbars",
            f"--user-data-dir={profile}", f"--proxy-server=http://127.0.0.1:{proxy.port}",
            "--proxy-bypass-list=<-loopback>", *args, url,
        ]
        done = subprocess.run(command, capture_output=True, timeout=120, check=True)
        return done.stdout.decode("utf-8")

    run.proxy = proxy
    yield run
    proxy.server.close()


@pytest.fixture(scope="module")
def samples_page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "samples.html"
    result = CliRunner().invoke(main, ["check", str(SAMPLES), "--format", "html", "-o", str(out), "-j", "1"])
    assert result.exit_code == 1, result.output
    return out


def dom(browser, page: Path, query: str = ""):
    return lxml.html.fromstring(browser(page.as_uri() + query, "--dump-dom"))


def visible_rows(doc) -> list[str]:
    return [r.get("data-report") for r in doc.xpath('//table[@id="index-table"]/tbody/tr') if r.get("hidden") is None]


def test_dom_after_load_and_nothing_fetched(browser, samples_page, tmp_path):
    browser.proxy.requests.clear()
    doc = dom(browser, samples_page)
    assert browser.proxy.from_page() == []
    assert "js" in doc.xpath("/html/@class")[0].split()  # the script ran
    assert doc.get_element_by_id("filters").get("hidden") is None
    assert doc.get_element_by_id("f-count").text == "3 / 3"
    reference, clean, one_error = "r1", "r2", "r3"
    assert len(doc.xpath("//td[@data-key]")) == 198 + 200 + 200
    t4 = doc.xpath(f'//section[@id="{reference}"]//table[contains(@class, "t4")]//td')
    assert len(t4) == 15 and all("unreadable" in td.get("class").split() for td in t4)
    wrong = doc.get_element_by_id(f"{one_error}-t3.granted.natural_person")
    assert wrong.get("data-rules") == "T3-ROW T3-OUT" and "sev-error" in wrong.get("class").split()
    assert doc.xpath(f'//section[@id="{clean}"]//td[@data-rules]') == []
    assert doc.xpath(f'//section[@id="{one_error}"]//li[@class="finding sev-error"]/@data-rule') == ["T3-ROW", "T3-OUT"]
    # The network check itself works: a page that loads an image over the network is caught
    # (the proxy records the request before closing the connection, which lets the page finish).
    leaky = tmp_path / "leaky.html"
    leaky.write_text('<img src="http://example.invalid/x.png">', encoding="utf-8")
    dom(browser, leaky)
    assert any("example.invalid" in r for r in browser.proxy.from_page())


def test_filters_hide_and_show_rows_and_reports(browser, samples_page):
    queries = ("?status=clean", "?rule=S-CELL", "?severity=error&sort=errors&dir=desc")
    with ThreadPoolExecutor(len(queries)) as pool:
        clean, rule, errors = pool.map(lambda q: dom(browser, samples_page, q), queries)
    assert visible_rows(clean) == ["r2"] and clean.get_element_by_id("f-count").text == "1 / 3"
    shown = [s.get("id") for s in clean.xpath('//section[contains(@class, "report")]') if s.get("hidden") is None]
    assert shown == ["r2"]
    assert visible_rows(rule) == ["r1"]
    # filter and sort together: reports with errors, most errors first
    assert visible_rows(errors) == ["r3", "r1"]
    assert errors.xpath('//th[@data-col="errors"]/@aria-sort') == ["descending"]


def test_screenshot_and_print(browser, samples_page):
    """A screenshot to look at; printed, the page is A4 with each report on a new page."""
    ARTIFACTS.mkdir(exist_ok=True)
    shot, pdf = ARTIFACTS / "html-samples.png", ARTIFACTS / "html-samples.pdf"
    for f in (shot, pdf):
        f.unlink(missing_ok=True)
    runs = ((f"--screenshot={shot}", "--window-size=1200,7000"), (f"--print-to-pdf={pdf}", "--no-pdf-header-footer"))
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda args: browser(samples_page.as_uri(), *args), runs))
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 50_000
    pages = PdfReader(pdf).pages
    assert {(round(p.mediabox.width / 72 * 25.4), round(p.mediabox.height / 72 * 25.4)) for p in pages} == {(210, 297)}
    tops = [p.extract_text().split("\n", 1)[0] for p in pages]
    heads = [t for t in tops if t.endswith("年度")]
    assert heads == ["区计生站(疾控中心) · 2020年度", "示例县市场监督管理局 · 2023年度", "示例县市场监督管理局 · 2023年度"]
