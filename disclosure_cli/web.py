"""Reports from the web: addresses in a batch are fetched (fetch.py), read like files, and a
page without the statutory tables is followed to the attachment that holds the report.

The work is split so that each resource is used where it is cheap: threads in the main
process wait on the network (one Fetcher, so the per-host limit holds for the whole batch),
worker processes parse, and results come back in input order. A worker never touches the
network: a page that needs its attachment comes back with the links, and the thread that
fetched the page fetches the attachment and hands it to a worker in turn.
"""

from __future__ import annotations

import codecs
import re
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from . import batch
from .api import parse_all
from .batch import Outcome, is_address
from .fetch import Fetched, Fetcher, check_scheme
from .model import FileResult, InputError, NotAReport, Report
from .prose import published
from .readers import read, sniff
from .readers.decode import bom_encoding

# A link "looks like the annual report" by its text, title or file name, and is a document.
_REPORT_WORDS = re.compile(r"年度报告|年报")
_PREFERENCE = {"pdf": 0, "docx": 1}  # then .doc/.wps, which cannot be read
_DOCUMENT = re.compile(r"\.(pdf|docx|doc|wps)(?![a-z0-9])", re.I)
_ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.I | re.S)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_TITLE = re.compile(r"""\btitle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_TAG = re.compile(r"<[^>]*>")
# Second-level domains under which a site is three labels deep (www.huaian.gov.cn → huaian.gov.cn).
_SECOND_LEVEL = frozenset({"gov", "com", "org", "net", "edu", "ac"})
# Charsets that decode any bytes, so a wrong header cannot be caught: the page decides instead.
_UNCHECKABLE = frozenset({"iso8859-1", "latin-1", "ascii", "cp1252"})


@dataclass
class Page:
    """A page whose report is in an attachment: its address, its own date (text or meta), its
    Last-Modified, the candidate links."""

    url: str
    date: tuple[str | None, str | None] | None
    last_modified: tuple[str, str] | None
    links: list[str]
    insecure: bool


def site(host: str) -> str:
    """The part of a host name that one site's hosts share (an IP address is its own site)."""
    host = host.lower().rstrip(".")
    labels = host.split(".")
    if host.replace(".", "").isdigit() or ":" in host or len(labels) < 2:
        return host
    depth = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-depth:])


def same_site(a: str, b: str) -> bool:
    return site(urlsplit(a).hostname or "") == site(urlsplit(b).hostname or "")


def attachment_links(text: str, base: str) -> list[str]:
    """Same-site links to documents (.pdf .docx .doc .wps) whose text, title or file name
    names the annual report; those that also say 政府信息公开 first, then PDF, .docx, .doc/.wps."""
    found: list[tuple[int, int, str]] = []
    for n, anchor in enumerate(_ANCHOR.finditer(text)):
        attrs, inner = anchor.groups()
        href = _HREF.search(attrs)
        if not href:
            continue
        raw = next(g for g in href.groups() if g is not None).strip()
        url = urljoin(base, _unescape(raw))
        if not url.lower().startswith(("http://", "https://")) or not same_site(url, base):
            continue
        title = _TITLE.search(attrs)
        name = unquote(urlsplit(url).path.rsplit("/", 1)[-1] + "?" + urlsplit(url).query)
        words = " ".join((_unescape(_TAG.sub("", inner)), _unescape(next((g for g in title.groups() if g), "")) if title
                          else "", name))
        kind = _DOCUMENT.search(name) or _DOCUMENT.search(words)
        if not kind or not _REPORT_WORDS.search(words):
            continue
        rank = (0 if "政府信息公开" in words else 3) + _PREFERENCE.get(kind.group(1).lower(), 2)
        if url not in (u for _, _, u in found):
            found.append((rank, n, url))
    return [url for _, _, url in sorted(found)]


def _unescape(text: str) -> str:
    import html

    return html.unescape(text)


def _codec(charset: str | None) -> str | None:
    """A header's charset as a Python codec we trust it with, or None to let the page decide."""
    if not charset:
        return None
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return None
    if name in ("gb2312", "gbk", "cp936", "hz"):
        return "gb18030"  # what browsers do with these labels; a superset
    return None if name in _UNCHECKABLE else name


def _prepared(f: Fetched, input_type: str | None) -> tuple[bytes, str]:
    """The body and its form: the form sniffed from the bytes, then the Content-Type; text
    decoded by the header's charset when it has one (the page's own declaration otherwise)."""
    data = f.data
    form = input_type or sniff(data)
    if input_type is None and form == "text" and "html" in f.content_type:
        form = "html"
    codec = _codec(f.charset)
    if form in ("html", "text") and codec and not bom_encoding(data):
        try:
            data = data.decode(codec).encode("utf-8")
        except UnicodeDecodeError:
            pass  # the header lies: the readers' own detection takes over
    return data, form


def _page_text(data: bytes) -> str:
    from .readers.html import _text

    return _text(data, "")


def read_fetched(f: Fetched, input_type: str | None, insecure: bool, page: Page | None = None,
                 ocr: str = "auto") -> list[Report] | Page:
    """A fetched body → its reports (`url`, `url#2` … when it holds several); or, for a page
    without the tables that links the report, the Page to follow. Raises InputError naming the address (and the page, for an attachment).

    The date is the page's own (prose.published: <meta>, 发布日期 line, signature), else the
    HTTP Last-Modified: a static attachment's before its page's, which a CMS stamps when it
    serves the page."""
    data, form = _prepared(f, input_type)
    try:
        reports = parse_all(data, name=f.url, input_type=form, ocr=ocr)
    except NotAReport:
        if page is not None or form != "html":
            raise
        links = attachment_links(_page_text(data), f.final)
        if not links:
            raise NotAReport(f"{f.url}: no statutory tables found, and no attachment link looks like the report "
                             "/ 未找到法定统计表，也没有像年度报告的附件链接") from None
        doc = read(data, f.url, "html")
        date = published(doc.meta, doc.rows, doc.prose, None)
        return Page(f.url, date if date[0] else None, _last_modified(f), links, insecure)
    for report in reports:
        own = (report.published, report.published_source) if report.published else None
        if page is not None:
            report.path, report.source = page.url + report.path[len(f.url):], f.url
            date = page.date or own or _last_modified(f) or page.last_modified
        else:
            date = own or _last_modified(f)
        report.published, report.published_source = date or (None, None)
        report.insecure = insecure
    return reports


def _last_modified(f: Fetched) -> tuple[str, str] | None:
    return (f.last_modified, "http-last-modified") if f.last_modified else None


def parse_fetched(f: Fetched, job: batch.Job, page: Page | None = None) -> list[Outcome] | Page:
    """In a worker: a fetched body → an outcome per report it holds, or the Page when its
    attachment must be fetched. Never raises."""
    shown = page.url if page else f.url
    insecure = bool(job.fetch and job.fetch.insecure)
    try:  # --input-type names the form of what was asked for, not of its attachment
        read = read_fetched(f, None if page else job.input_type, insecure, page, job.ocr)
    except InputError as e:
        return [(FileResult(shown, error=f"{page.url}: attachment {e}" if page else str(e)), None)]
    except Exception as e:  # a bug must not stop a batch of thousands
        return [(FileResult(shown, error=f"{f.url}: internal error: {type(e).__name__}: {e}"), None)]
    if isinstance(read, Page):
        return read
    return batch.finish_all(read, job)


def resolve(source: batch.Source, job: batch.Job, fetcher: Fetcher, call: Callable) -> list[Outcome]:
    """One input, address or path, to its outcomes (one per report it holds); `call(fn,
    *args)` runs parsing (in a worker)."""
    item = source.path
    if not is_address(item):
        return call(batch.process_file, item, job, source.explicit)
    try:
        check_scheme(item)
        fetched = fetcher.get(item)
    except InputError as e:
        return [(FileResult(item, error=str(e)), None)]
    outcome = call(parse_fetched, fetched, job)
    if not isinstance(outcome, Page):
        return outcome
    try:
        attachment = fetcher.get(outcome.links[0])
    except InputError as e:
        return [(FileResult(item, error=f"{item}: attachment {e}"), None)]
    return call(parse_fetched, attachment, job, outcome)


def results(paths: list[batch.Source], job: batch.Job, jobs: int = 1) -> Iterator[Outcome]:
    """Outcomes in input order: up to `jobs` fetches at a time (2 per host) in threads,
    parsing in `jobs` processes."""
    fetcher = Fetcher(job.fetch, jobs)
    if jobs <= 1 or len(paths) < 2:
        for item in paths:
            yield from resolve(item, job, fetcher, lambda fn, *args: fn(*args))
        return
    import multiprocessing
    import queue
    import threading
    from concurrent.futures import Future

    pool = batch.worker_pool(jobs)  # forked before any thread starts

    def call(fn, *args):
        pending = pool.apply_async(fn, args)
        while True:
            try:
                return pending.get(0.2)
            except multiprocessing.TimeoutError:
                if fetcher.stop.is_set():
                    raise InputError("interrupted") from None

    # Daemon threads, not a ThreadPoolExecutor: on Ctrl-C a thread blocked in a socket read
    # must not hold the exit for up to the read timeout.
    tasks: queue.Queue = queue.Queue()

    def worker() -> None:
        while (task := tasks.get()) is not None:
            future, item = task
            try:
                future.set_result(resolve(item, job, fetcher, call))
            except BaseException as e:  # handed to the main thread, which raises it
                future.set_exception(e)

    def submit(item: batch.Source) -> Future:
        future: Future = Future()
        tasks.put((future, item))
        return future

    threads = [threading.Thread(target=worker, name="fetch", daemon=True) for _ in range(2 * jobs)]
    for t in threads:
        t.start()
    try:
        todo = iter(paths)
        window: deque = deque()
        for item in todo:
            window.append(submit(item))
            if len(window) >= 4 * jobs:
                break
        while window:
            outcomes = window.popleft().result()
            item = next(todo, None)
            if item is not None:
                window.append(submit(item))
            yield from outcomes
    finally:
        fetcher.stop.set()
        for _ in threads:
            tasks.put(None)
        pool.terminate()


def process_one(item: str, job: batch.Job) -> Outcome:
    """One address (or path) outside a batch, its first report: `--previous URL`."""
    return resolve(batch.Source(item), job, Fetcher(job.fetch), lambda fn, *args: fn(*args))[0]
