"""Fetching reports from the web: one GET per address, with the limits a batch of thousands of
government pages needs (timeouts, redirects, size cap, retries, per-host politeness), and an
optional on-disk cache so a batch can be rerun without fetching again.

urllib3 does the HTTP (see the README for why): one dependency-free package whose connection
pools are thread-safe and whose streaming and timeouts are explicit. It is imported only when
an address is fetched. Redirects and retries are handled here, not by urllib3, so that every
hop counts against the per-host limit and every failure becomes one line naming the address.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from . import __version__
from .model import InputError
from .readers import MAX_BYTES

# ASCII only: header values travel as Latin-1.
USER_AGENT = f"disclosure/{__version__} (checker of government information disclosure annual reports; urllib3)"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
MAX_REDIRECTS = 5
TRIES = 3
BACKOFF = 0.5  # seconds before the 2nd try; doubled before the 3rd
MAX_RETRY_AFTER = 60.0  # a longer Retry-After is not waited for: the address fails
PER_HOST = 2
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_REDIRECT = frozenset({301, 302, 303, 307, 308})


def check_scheme(url: str) -> None:
    if not url.lower().startswith(("http://", "https://")):
        raise InputError(f"{url}: only http:// and https:// addresses are fetched")


class FetchError(InputError):
    """An address that could not be fetched: a one-line message naming it."""


@dataclass(frozen=True)
class Options:
    """The fetch settings of one run (picklable: they travel with batch.Job)."""

    connect_timeout: float = CONNECT_TIMEOUT
    read_timeout: float = READ_TIMEOUT
    insecure: bool = False
    cache: str | None = None


def parse_timeout(text: str) -> tuple[float, float]:
    """`--timeout 60` (read; connect stays at most 10 s) or `--timeout 5,60` (connect,read)."""
    try:
        parts = [float(p) for p in text.split(",")]
    except ValueError:
        parts = []
    if len(parts) not in (1, 2) or any(not (0 < p <= 3600) for p in parts):
        raise InputError(f"--timeout {text}: give seconds (READ, or CONNECT,READ), each above 0 and at most 3600")
    if len(parts) == 1:
        return min(CONNECT_TIMEOUT, parts[0]), parts[0]
    return parts[0], parts[1]


@dataclass
class Fetched:
    """One fetched body with what the headers said about it. `url` is the address asked for;
    `final` where the redirects ended."""

    url: str
    data: bytes
    final: str
    content_type: str = ""
    charset: str | None = None
    last_modified: str | None = None  # ISO date from the Last-Modified header
    date: str | None = None  # the response's Date header (as sent), kept in the cache
    headers: dict[str, str] = field(default_factory=dict, repr=False)


def http_date(value: str | None) -> str | None:
    """An HTTP date header → YYYY-MM-DD, or None when it is absent or malformed."""
    if not value:
        return None
    import email.utils

    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date().isoformat() if parsed else None


def _content_type(value: str) -> tuple[str, str | None]:
    mime, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, v = param.partition("=")
        if name.strip().lower() == "charset":
            charset = v.strip().strip("\"'") or None
    return mime.strip().lower(), charset


class Fetcher:
    """Fetches addresses from any number of threads: at most `jobs` requests at a time in all
    and at most PER_HOST to one host. `stop` ends downloads in flight (Ctrl-C)."""

    def __init__(self, options: Options | None = None, jobs: int = 1) -> None:
        import urllib3

        self.options = options or Options()
        self.stop = threading.Event()
        self._all = threading.BoundedSemaphore(max(1, jobs))
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()
        kwargs: dict = {"maxsize": PER_HOST, "block": False, "headers": {
            "User-Agent": USER_AGENT, "Accept": "text/html,application/pdf,*/*;q=0.8",
            "Accept-Encoding": "gzip, deflate", "Accept-Language": "zh-CN,zh;q=0.9"}}
        if self.options.insecure:
            urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
            kwargs["cert_reqs"] = "CERT_NONE"
        self.pool = urllib3.PoolManager(num_pools=64, **kwargs)
        self.timeout = urllib3.Timeout(connect=self.options.connect_timeout, read=self.options.read_timeout)

    def _host(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            if host not in self._hosts:
                self._hosts[host] = threading.BoundedSemaphore(PER_HOST)
            return self._hosts[host]

    def get(self, url: str) -> Fetched:
        """The body at `url` (from the cache when it holds it). Raises FetchError."""
        check_scheme(url)
        cached = _cache_get(self.options.cache, url)
        if cached is not None:
            return cached
        fetched = self._follow(url)
        _cache_put(self.options.cache, fetched)
        return fetched

    def _follow(self, url: str) -> Fetched:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            status, headers, data = self._try(url, current)
            if status in _REDIRECT and headers.get("location"):
                target = urljoin(current, headers["location"].strip())
                if not target.lower().startswith(("http://", "https://")):
                    raise FetchError(f"{url}: redirected to {target}, which is not an http(s) address")
                current = target
                continue
            if status >= 400:
                reason = {404: "not found", 410: "gone", 403: "forbidden", 401: "needs a login"}.get(status, "")
                raise FetchError(f"{url}: HTTP {status}" + (f" {reason}" if reason else "") + _via(url, current))
            mime, charset = _content_type(headers.get("content-type", ""))
            return Fetched(url, data, current, mime, charset, http_date(headers.get("last-modified")),
                           headers.get("date"), headers)
        raise FetchError(f"{url}: too many redirects (more than {MAX_REDIRECTS})")

    def _try(self, url: str, current: str) -> tuple[int, dict[str, str], bytes]:
        """One hop, tried up to TRIES times on 429/5xx and dropped connections."""
        for attempt in range(1, TRIES + 1):
            try:
                status, headers, data = self._once(url, current)
            except _Retryable as e:
                if attempt == TRIES:
                    raise FetchError(f"{url}: {e}" + _via(url, current)) from None
                self._sleep(url, BACKOFF * 2 ** (attempt - 1))
                continue
            if status in RETRY_STATUS and attempt < TRIES:
                wait = _retry_after(headers.get("retry-after"))
                if wait is None:
                    wait = BACKOFF * 2 ** (attempt - 1)
                elif wait > MAX_RETRY_AFTER:
                    raise FetchError(f"{url}: HTTP {status}, asked to retry after {wait:.0f} s (more than "
                                     f"{MAX_RETRY_AFTER:.0f} s: not waiting)")
                self._sleep(url, wait)
                continue
            return status, headers, data
        raise AssertionError("unreachable")

    def _sleep(self, url: str, seconds: float) -> None:
        if self.stop.wait(seconds):
            raise FetchError(f"{url}: interrupted")

    def _once(self, url: str, current: str) -> tuple[int, dict[str, str], bytes]:
        import urllib3.exceptions as x

        if self.stop.is_set():
            raise FetchError(f"{url}: interrupted")
        host = urlsplit(current).hostname or ""
        with self._host(host), self._all:  # the host's turn first: a waiting host holds no global slot
            try:
                resp = self.pool.request("GET", current, redirect=False, retries=False, preload_content=False,
                                         timeout=self.timeout)
            except x.NameResolutionError:
                raise FetchError(f"{url}: cannot resolve host {host} (DNS)" + _via(url, current)) from None
            except x.NewConnectionError as e:
                what = "connection refused" if isinstance(e.__cause__ or e.__context__, ConnectionRefusedError) \
                    else f"cannot connect ({_short(e)})"
                raise FetchError(f"{url}: {what}" + _via(url, current)) from None
            except x.ConnectTimeoutError:
                raise FetchError(f"{url}: connection timed out ({self.options.connect_timeout:g} s)"
                                 + _via(url, current)) from None
            except x.ReadTimeoutError:
                raise FetchError(f"{url}: timed out waiting for the server ({self.options.read_timeout:g} s)"
                                 + _via(url, current)) from None
            except x.SSLError as e:
                raise FetchError(f"{url}: TLS error ({_short(e)}); --insecure skips certificate checks"
                                 + _via(url, current)) from None
            except x.ProtocolError as e:
                raise _Retryable(f"connection dropped ({_short(e)})") from None
            except x.HTTPError as e:  # a malformed address, a bad header: still one line
                raise FetchError(f"{url}: cannot fetch ({_short(e)})" + _via(url, current)) from None
            try:
                headers = {k.lower(): v for k, v in resp.headers.items()}
                if resp.status in _REDIRECT or resp.status >= 400:
                    resp.drain_conn()
                    return resp.status, headers, b""
                return resp.status, headers, self._body(url, resp, headers)
            finally:
                resp.release_conn()

    def _body(self, url: str, resp, headers: dict[str, str]) -> bytes:
        """The body, streamed and stopped at the size cap."""
        import urllib3.exceptions as x

        limit = MAX_BYTES // 1048576
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > MAX_BYTES:
            resp.close()
            raise FetchError(f"{url}: too large ({int(length) // 1048576} MB; the limit is {limit} MB)")
        chunks: list[bytes] = []
        size = 0
        deadline = time.monotonic() + max(120.0, 10 * self.options.read_timeout)
        try:
            for chunk in resp.stream(65536):
                size += len(chunk)
                if size > MAX_BYTES:
                    resp.close()
                    raise FetchError(f"{url}: too large (more than {limit} MB; stopped reading at the limit)")
                if self.stop.is_set() or time.monotonic() > deadline:
                    resp.close()
                    raise FetchError(f"{url}: " + ("interrupted" if self.stop.is_set() else "download too slow"))
                chunks.append(chunk)
        except x.ReadTimeoutError:
            raise FetchError(f"{url}: timed out reading the body ({self.options.read_timeout:g} s)") from None
        except (x.ProtocolError, x.DecodeError) as e:
            if isinstance(e, x.DecodeError):
                raise FetchError(f"{url}: cannot decompress the body ({_short(e)})") from None
            raise _Retryable(f"connection dropped while reading ({_short(e)})") from None
        return b"".join(chunks)


class _Retryable(Exception):
    """A dropped connection: worth another try."""


def _via(url: str, current: str) -> str:
    return "" if current == url else f" (redirected to {current})"


def _short(e: BaseException) -> str:
    """An exception's message without urllib3's repetition of the connection object."""
    text = str(e.args[-1] if e.args else e)
    text = re.sub(r"^.*?Connection(?:Pool)?\(host=[^)]*\):\s*", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:160] or type(e).__name__


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds (a number, or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    import email.utils

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, when.timestamp() - time.time()) if when else None


# The cache: DIR/<sha256 of the address>.body and .json (final address, headers, response date).


def _cache_key(cache: str, url: str) -> Path:
    import hashlib

    return Path(cache) / hashlib.sha256(url.encode("utf-8")).hexdigest()


def _cache_get(cache: str | None, url: str) -> Fetched | None:
    if not cache:
        return None
    import json

    base = _cache_key(cache, url)
    try:
        meta = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
        data = base.with_suffix(".body").read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("url") != url or meta.get("size") != len(data):
        return None
    headers = meta.get("headers") or {}
    mime, charset = _content_type(headers.get("content-type", ""))
    return Fetched(url, data, meta.get("final") or url, mime, charset, http_date(headers.get("last-modified")),
                   meta.get("date"), headers)


def _cache_put(cache: str | None, f: Fetched) -> None:
    """Body first, then the record that vouches for it, each renamed into place."""
    if not cache:
        return
    import json

    base = _cache_key(cache, f.url)
    keep = {k: v for k, v in f.headers.items() if k in ("content-type", "last-modified", "date", "etag")}
    meta = {"url": f.url, "final": f.final, "date": f.date, "size": len(f.data), "headers": keep}
    try:
        base.parent.mkdir(parents=True, exist_ok=True)
        for suffix, payload in ((".body", f.data), (".json", json.dumps(meta, ensure_ascii=False, indent=1).encode())):
            _write_atomically(base.with_suffix(suffix), payload)
    except OSError as e:
        raise InputError(f"--cache {cache}: cannot write ({e.strerror or e})") from None


def _write_atomically(target: Path, payload: bytes) -> None:
    import contextlib
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
