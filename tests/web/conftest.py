"""A local web server for the fetching tests: 127.0.0.1 on a free port, never the internet.

Each test registers what a path answers (`server.route(path, handler)`); a handler gets the
request handler and writes the response. `server.hits` counts requests per path and
`server.agents` keeps the User-Agent headers seen.
"""

from __future__ import annotations

import http.server
import ipaddress
import socket
import ssl
import struct
import threading
import time
from collections import Counter
from collections.abc import Callable
from urllib.parse import unquote, urlsplit

import pytest

Handler = Callable[[http.server.BaseHTTPRequestHandler], None]


def send(req, body: bytes, status: int = 200, content_type: str = "text/html; charset=utf-8", **headers) -> None:
    req.send_response(status)
    if content_type:
        req.send_header("Content-Type", content_type)
    req.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        req.send_header(name.replace("_", "-"), value)
    req.end_headers()
    req.wfile.write(body)


def static(body: bytes, status: int = 200, content_type: str = "text/html; charset=utf-8", **headers) -> Handler:
    return lambda req: send(req, body, status, content_type, **headers)


def redirect(target: str) -> Handler:
    def handler(req):
        req.send_response(302)
        req.send_header("Location", target)
        req.send_header("Content-Length", "0")
        req.end_headers()
    return handler


def slow(seconds: float, then: Handler) -> Handler:
    def handler(req):
        time.sleep(seconds)
        then(req)
    return handler


def endless(req) -> None:
    """A body without end (no Content-Length): the size cap must stop it."""
    req.send_response(200)
    req.send_header("Content-Type", "text/plain")
    req.end_headers()
    chunk = b"x" * 1048576
    try:
        for _ in range(200):  # bounded all the same: 200 MB at most
            req.wfile.write(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass


def sequence(*handlers: Handler) -> Handler:
    """The first request gets the first handler, and so on; the last one repeats."""
    calls = iter(range(10**6))

    def handler(req):
        n = next(calls)
        handlers[min(n, len(handlers) - 1)](req)
    return handler


def reset(req) -> None:
    """Drop the connection without an answer (a TCP reset)."""
    req.close_connection = True
    req.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    req.connection.close()


class _Quiet(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # dropped connections are what some tests are about


class Server:
    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Handler] = {}
        self.hits: Counter = Counter()
        self.agents: list[str] = []
        self.active = 0
        self.peak = 0
        lock = threading.Lock()
        outer = self

        class Request(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                path = unquote(urlsplit(self.path).path)
                with lock:
                    outer.hits[path] += 1
                    outer.agents.append(self.headers.get("User-Agent", ""))
                    outer.active += 1
                    outer.peak = max(outer.peak, outer.active)
                try:
                    handler = outer.routes.get(path)
                    if handler is None:
                        send(self, b"<html><body>not found</body></html>", 404)
                    else:
                        handler(self)
                finally:
                    with lock:
                        outer.active -= 1

            def log_message(self, *args):
                pass

        self.httpd = _Quiet(("127.0.0.1", 0), Request)
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        scheme = "https" if tls else "http"
        self.base = f"{scheme}://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.01,), daemon=True)  # close() waits up to one poll
        self.thread.start()

    def route(self, path: str, handler: Handler) -> str:
        self.routes[path] = handler
        return self.base + path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


@pytest.fixture
def tls_server(tmp_path):
    """HTTPS with a self-signed certificate made for the test."""
    cert, key = self_signed(tmp_path)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    s = Server(ctx)
    yield s
    s.close()


def self_signed(folder):
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)
