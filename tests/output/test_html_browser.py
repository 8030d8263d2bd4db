"""The review page in a real browser (headless Chromium; CI installs it in .ci/run): the DOM
after the script ran, the index filters and sorting, nothing fetched from the network, A4 print
with a page per report, and a screenshot of the sample reports kept in tests/artifacts/
(git-ignored) for people to look at. One Chromium serves the module (a tab per page)."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from disclosure_cli.cli import main

from ..conftest import ROOT, SAMPLES

ARTIFACTS = ROOT / "tests" / "artifacts"
BROWSER = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
if BROWSER is None and os.environ.get("DISCLOSURE_BROWSER_TESTS") == "required":  # set by .ci/run
    raise RuntimeError("the browser tests are required here but chromium is not installed")
pytestmark = [
    pytest.mark.skipif(BROWSER is None, reason="chromium not installed (apt-get install chromium; .ci/run installs it)"),
    pytest.mark.xdist_group("browser"),  # one xdist worker, so one browser and one page for the module
]

# Chromium's own update, sign-in and optimization-hint services, which it calls even with
# background networking disabled (now and then, not on every start). Any other request came
# from the page.
BROWSER_SERVICES = ("update.googleapis.com", "accounts.google.com", "clients2.google.com",
                    "optimizationguide-pa.googleapis.com")


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


class Chromium:
    """One headless Chromium for the whole module, driven over the DevTools protocol on a
    pipe (`--remote-debugging-pipe`: JSON messages ending in NUL on fds 3 and 4): each page is
    a new tab, read once its load event fired (the page's script is inline, at the end of the
    body, so it has run by then). One browser start instead of one per page: starting
    Chromium is most of what a page costs."""

    def __init__(self, profile: Path, proxy: Proxy, timeout: float = 60) -> None:
        self.proxy = proxy
        self.timeout = timeout
        to_browser, self._out = os.pipe()
        self._in, from_browser = os.pipe()

        def child() -> None:  # the protocol's fds are 3 (commands) and 4 (answers)
            os.dup2(to_browser, 3)
            os.dup2(from_browser, 4)

        command = [
            BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync", "--hide-scrollbars",
            f"--user-data-dir={profile}", f"--proxy-server=http://127.0.0.1:{proxy.port}",
            "--proxy-bypass-list=<-loopback>", "--remote-debugging-pipe", "about:blank",
        ]
        self.process = subprocess.Popen(command, pass_fds=(3, 4), preexec_fn=child, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._events: list[dict] = []
        self._id = 0

    def _message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            assert left > 0, "Chromium did not answer in time"
            if select.select([self._in], [], [], left)[0]:
                chunk = os.read(self._in, 1 << 20)
                assert chunk, f"Chromium ended ({self.process.poll()}): {self.process.stderr.read().decode()[-2000:]}"
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, session: str | None = None, **params) -> dict:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params, **({"sessionId": session} if session else {})}
        os.write(self._out, json.dumps(message).encode("utf-8") + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            answer = self._message(deadline)
            if answer.get("id") == self._id:
                assert "error" not in answer, (method, answer["error"])
                return answer["result"]
            self._events.append(answer)

    def _wait(self, event: str, session: str) -> None:
        deadline = time.monotonic() + self.timeout
        while True:
            for m in self._events:
                if m.get("method") == event and m.get("sessionId") == session:
                    self._events.remove(m)
                    return
            self._events.append(self._message(deadline))

    def load(self, *urls: str, width: int = 1200, height: int = 900) -> list[str]:
        """Open each URL in a tab of its own (all at once) and wait until each has loaded."""
        sessions = []
        for url in urls:
            target = self.call("Target.createTarget", url="about:blank")["targetId"]
            session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            self.call("Page.enable", session)
            self.call("Emulation.setDeviceMetricsOverride", session, width=width, height=height,
                      deviceScaleFactor=1, mobile=False)
            self.call("Page.navigate", session, url=url)
            sessions.append(session)
        for session in sessions:
            self._wait("Page.loadEventFired", session)
        return sessions

    def dom(self, *urls: str) -> list[str]:
        """Each page's DOM after it loaded, as `--dump-dom` prints it."""
        return [self.call("Runtime.evaluate", s, expression="document.documentElement.outerHTML",
                          returnByValue=True)["result"]["value"] for s in self.load(*urls)]

    def close(self) -> None:
        with contextlib.suppress(AssertionError, OSError):
            self.call("Browser.close")
        os.close(self._out)
        os.close(self._in)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stderr.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """Headless Chromium, its requests going through the recording proxy."""
    proxy = Proxy()
    chromium = Chromium(tmp_path_factory.mktemp("chromium-profile"), proxy)
    yield chromium
    chromium.close()
    proxy.server.close()


@pytest.fixture(scope="module")
def samples_page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "samples.html"
    result = CliRunner().invoke(main, ["check", str(SAMPLES), "--format", "html", "-o", str(out), "-j", "1"])
    assert result.exit_code == 1, result.output
    return out


def dom(browser, page: Path, *queries: str):
    """The DOM of the page after load, one per query string (each in its own tab)."""
    return [lxml.html.fromstring(d) for d in browser.dom(*(page.as_uri() + q for q in queries or ("",)))]


def visible_rows(doc) -> list[str]:
    return [r.get("data-report") for r in doc.xpath('//table[@id="index-table"]/tbody/tr') if r.get("hidden") is None]


def test_the_browser_tests_share_one_worker(request):
    """--dist loadgroup sends the whole group to one xdist worker, so Chromium starts once;
    pytest-xdist 3.8 with pytest 9.2 ignores the group (pytest-dev/pytest-xdist#1386)."""
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("not run by xdist with --dist loadgroup")
    assert request.node.nodeid.endswith("@browser"), "xdist_group ignored: see the pytest pin in pyproject.toml"


def test_dom_after_load_and_nothing_fetched(browser, samples_page, tmp_path):
    browser.proxy.requests.clear()
    [doc] = dom(browser, samples_page)
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
    clean, rule, errors = dom(browser, samples_page, "?status=clean", "?rule=S-CELL", "?severity=error&sort=errors&dir=desc")
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
    # the index and the first report (a taller page costs seconds of PNG encoding)
    [page] = browser.load(samples_page.as_uri(), width=1200, height=2400)
    shot.write_bytes(base64.b64decode(browser.call("Page.captureScreenshot", page, format="png",
                                                   optimizeForSpeed=True)["data"]))
    # as a browser prints it: the page's own @page size, no header or footer; the outline
    # (from the headings) says on which page each heading landed
    printed = browser.call("Page.printToPDF", page, preferCSSPageSize=True, displayHeaderFooter=False,
                           generateDocumentOutline=True)
    pdf.write_bytes(base64.b64decode(printed["data"]))
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 50_000
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    assert {(round(p.mediabox.width / 72 * 25.4), round(p.mediabox.height / 72 * 25.4)) for p in reader.pages} == {(210, 297)}

    def headings(outline):
        for entry in outline:
            yield from headings(entry) if isinstance(entry, list) else [(entry.title, reader.get_destination_page_number(entry))]

    printed_headings = list(headings(reader.outline))
    reports = [(i, title, page) for i, (title, page) in enumerate(printed_headings) if title.endswith("年度")]
    assert [title for _, title, _ in reports] == ["区计生站(疾控中心) · 2020年度", "示例县市场监督管理局 · 2023年度",
                                                 "示例县市场监督管理局 · 2023年度"]
    # each report begins a page: whatever was printed before its heading is on an earlier page,
    # and its heading is the first line of its page
    assert all(printed_headings[i - 1][1] < page for i, _, page in reports)
    assert [reader.pages[page].extract_text().split("\n", 1)[0] for _, _, page in reports] == [
        title for _, title, _ in reports]
