"""Reports fetched from a local web server: same results as the files, attachments followed,
publication dates, encodings, and every failure as one line with exit code 2."""

from __future__ import annotations

import json
import socket

import pytest
from click.testing import CliRunner

from disclosure_cli import fetch
from disclosure_cli.cli import main

from ..conftest import CORPUS, expected
from .conftest import endless, redirect, reset, sequence, slow, static

SHANGHAI = CORPUS / "2019_shanghai_municipal_govt_general_office.html"
HUAIAN = CORPUS / "2024_huaian_city_govt.pdf"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def files(result) -> list[dict]:
    return json.loads(result.stdout)["files"]


def same(record: dict) -> dict:
    """A file's record without what names where it came from."""
    return {k: v for k, v in record.items() if k not in ("path", "source", "published", "published_source")}


def attachment_page(href: str, text: str = "2024年淮安市人民政府政府信息公开工作年度报告.pdf", extra: str = "") -> bytes:
    return f"""<!doctype html><html><head><title>淮安市人民政府2024年政府信息公开工作年度报告</title></head>
<body><div class="nav"><a href="/guide.pdf">政府信息公开指南.pdf</a> <a href="http://elsewhere.example/年报.pdf">年报</a></div>
<h1>淮安市人民政府2024年政府信息公开工作年度报告</h1>
<div class="info"><span>发布日期：</span><span>2025-01-21</span>  <span>来源：市政府办公室</span></div>
{extra}<p>附件：<a href="{href}" title="下载">{text}</a></p></body></html>""".encode()


@pytest.mark.parametrize("command", ["check", "extract"])
def test_served_page_gives_what_the_file_gives(server, command):
    url = server.route("/2020/0131/shanghai.html", static(SHANGHAI.read_bytes()))
    from_file, from_web = cli(command, "-f", "json", str(SHANGHAI)), cli(command, "-f", "json", url)
    assert from_web.exit_code == from_file.exit_code == (1 if command == "check" else 0)
    (web,), (local,) = files(from_web), files(from_file)
    assert web["path"] == url and "source" not in web
    assert same(web) == same(local)
    assert (web["published"], web["published_source"]) == ("2020-01-31", "page-text")
    assert server.agents[0].startswith("disclosure/")


def test_page_linking_the_report_pdf(server):
    pdf = server.route("/files/P020250121.pdf", static(HUAIAN.read_bytes(), content_type="application/pdf",
                                                        Last_Modified="Mon, 20 Jan 2025 08:00:00 GMT"))
    page = server.route("/art/2025/1/21/art_1.html", static(attachment_page("/files/P020250121.pdf")))
    (record,) = files(cli("check", "-f", "json", page))
    assert record["path"] == page and record["source"] == pdf
    want = expected("2024_huaian_city_govt.pdf")
    assert {k: record["values"][k] for k in want["values"]} == want["values"]
    assert record["cells"]["t2.penalty.decisions"]["location"]["page"] == 4  # the PDF's own provenance
    (local,) = files(cli("check", "-f", "json", str(HUAIAN)))
    assert same(record) == same(local)
    assert (record["published"], record["published_source"]) == ("2025-01-21", "page-text")
    assert server.hits["/guide.pdf"] == 0  # not the report: not fetched
    text = cli("check", "--show-source", page).stdout
    assert text.startswith(page) and f"attachment: {pdf}" in text and "发布 2025-01-21（page-text）" in text
    assert f"--> {pdf} 第1页" in text  # where a finding is: in the attachment


def test_dated_by_last_modified_as_a_last_resort(server):
    url = server.route("/report.pdf", static(HUAIAN.read_bytes(), content_type="application/pdf",
                                             Last_Modified="Mon, 20 Jan 2025 08:00:00 GMT"))
    undated = attachment_page("/report.pdf").replace("发布日期：".encode(), b"")
    page = server.route("/undated.html", static(undated, Last_Modified="Thu, 26 Nov 2026 08:00:00 GMT"))
    direct, linked = files(cli("extract", url, page))
    assert direct["form"] == linked["form"] == "pdf" and linked["source"] == url
    # The attachment's Last-Modified, not the page's (a CMS stamps pages when it serves them).
    for record in (direct, linked):
        assert (record["published"], record["published_source"]) == ("2025-01-20", "http-last-modified")


def test_date_from_meta_and_content_type_when_the_bytes_do_not_say(server):
    body = SHANGHAI.read_bytes().replace("发布日期：2020-01-31".encode(), b"")
    page = b'<meta name="PubDate" content="2020-02-03 10:00">\n' + body
    url = server.route("/meta.html", static(page))
    (record,) = files(cli("extract", url))
    assert (record["published"], record["published_source"]) == ("2020-02-03", "page-meta")
    assert record["values"]["t3.new_received.total"] is not None


def test_gbk_pages_with_and_without_charset_header(server):
    (local,) = files(cli("extract", str(SHANGHAI)))
    gbk = SHANGHAI.read_text(encoding="utf-8").encode("gbk")
    urls = [
        server.route("/gbk-header.html", static(gbk, content_type="text/html; charset=GBK")),
        server.route("/gbk-bare.html", static(gbk, content_type="text/html")),
        server.route("/gbk-meta.html", static(b'<meta charset="gb2312">' + gbk, content_type="text/html")),
        # The header wins over the page's own (wrong) declaration.
        server.route("/gbk-lying.html", static(b'<meta charset="big5">' + gbk, content_type="text/html;charset=gb2312")),
    ]
    result = cli("extract", *urls)
    assert result.exit_code == 0, result.stderr
    for record in files(result):
        assert same(record) == same(local), record["path"]
        assert record["published"] == "2020-01-31"


def test_attachment_in_old_word_format_is_one_line(server):
    doc = server.route("/files/nianbao.doc", static(OLE, content_type="application/msword"))
    page = server.route("/page.html", static(attachment_page("/files/nianbao.doc", "2024年年报.doc")))
    result = cli("check", page)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and page in lines[0] and doc in lines[0] and "Word 97–2003 (.doc) or WPS" in lines[0]


def test_page_without_tables_or_attachment(server):
    page = server.route("/news.html", static("<html><body><p>新闻</p><a href='/a.pdf'>附件.pdf</a></body></html>".encode()))
    result = cli("check", page)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "no attachment link looks like the report" in result.stderr


def test_retries_429_then_200_and_a_dropped_connection(server, monkeypatch):
    monkeypatch.setattr(fetch, "BACKOFF", 0.0)
    body = SHANGHAI.read_bytes()
    busy = server.route("/busy.html", sequence(static(b"busy", 429, Retry_After="0"), static(body)))
    flaky = server.route("/flaky.html", sequence(reset, static(b"down", 503), static(body)))
    result = cli("extract", busy, flaky)
    assert result.exit_code == 0, result.stderr
    assert server.hits["/busy.html"] == 2 and server.hits["/flaky.html"] == 3
    down = server.route("/down.html", static(b"down", 503))
    result = cli("extract", down)
    assert result.exit_code == 2 and server.hits["/down.html"] == 3
    assert result.stderr == f"disclosure: {down}: HTTP 503\n"


def test_retry_after_beyond_reason_is_not_waited_for(server):
    url = server.route("/later.html", static(b"later", 429, Retry_After="86400"))
    result = cli("extract", url)
    assert result.exit_code == 2 and "not waiting" in result.stderr and server.hits["/later.html"] == 1


def _closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_every_failure_is_one_line_and_the_batch_goes_on(server, monkeypatch, tmp_path):
    real = socket.getaddrinfo

    def no_dns(host, *args, **kwargs):
        if host == "no-such-host.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    good = server.route("/good.html", static(SHANGHAI.read_bytes()))

    def declared_big(req):
        req.send_response(200)
        req.send_header("Content-Length", str(60 * 1048576))
        req.end_headers()
        req.close_connection = True

    server.route("/big.pdf", declared_big)
    cases = {
        "http://no-such-host.invalid/report.html": "cannot resolve host no-such-host.invalid (DNS)",
        f"http://127.0.0.1:{_closed_port()}/report.html": "connection refused",
        server.route("/slow.html", slow(1.0, static(b"late"))): "timed out waiting for the server (0.2 s)",
        server.route("/missing.html", static(b"gone", 404)): "HTTP 404 not found",
        server.route("/gone.html", static(b"gone", 410)): "HTTP 410 gone",
        server.route("/endless.txt", endless): "too large (more than 50 MB; stopped reading at the limit)",
        server.base + "/big.pdf": "too large (60 MB; the limit is 50 MB)",
        server.route("/loop", redirect("/loop")): "too many redirects (more than 5)",
        "ftp://127.0.0.1/report.pdf": "only http:// and https:// addresses are fetched",
    }
    listing = tmp_path / "urls.txt"
    listing.write_text("# reports to check\n\n" + "\n".join([*cases, good, str(SHANGHAI)]) + "\n", encoding="utf-8")
    result = cli("check", "-f", "json", "--timeout", "0.2", "--from-file", str(listing))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == len(cases)
    for line, (url, problem) in zip(lines, cases.items(), strict=True):
        assert line == f"disclosure: {url}: {problem}"
    out = json.loads(result.stdout)
    assert out["summary"]["unreadable"] == len(cases) and out["summary"]["files"] == len(cases) + 2
    assert [f["path"] for f in out["files"]][-2:] == [good, str(SHANGHAI)]
    assert server.hits["/loop"] == 6


def test_tls_verification_and_insecure(tls_server):
    url = tls_server.route("/report.html", static(SHANGHAI.read_bytes()))
    result = cli("check", url)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"disclosure: {url}: TLS error (") and "certificate verify failed" in result.stderr
    assert result.stderr.rstrip().endswith("--insecure skips certificate checks") and result.stderr.count("\n") == 1
    (record,) = files(cli("check", "-f", "json", "--insecure", url))
    assert [f["message"] for f in record["findings"] if f["rule"] == "W-TLS"] == [
        "未验证网站证书（--insecure）：无法确认内容来自该网站 / certificate not verified (--insecure)"]


def test_cache_reruns_without_fetching(server, tmp_path):
    page = server.route("/2020/shanghai.html", static(SHANGHAI.read_bytes()))
    moved = server.route("/old.html", redirect("/2020/shanghai.html"))
    cache = tmp_path / "cache"
    first = cli("extract", "--cache", str(cache), page, moved)
    assert first.exit_code == 0, first.stderr
    server.close()
    second = cli("extract", "--cache", str(cache), page, moved)
    assert second.stdout == first.stdout
    meta = {m["url"]: m for m in (json.loads(p.read_text()) for p in cache.glob("*.json"))}
    assert set(meta) == {page, moved} and meta[moved]["final"] == page and all(m["date"] for m in meta.values())


def test_parallel_fetching_keeps_order_and_two_per_host(server):
    body = SHANGHAI.read_bytes()
    urls = [server.route(f"/r{n}.html", slow(0.2, static(body))) for n in range(4)]
    result = cli("extract", "-f", "jsonl", "--jobs", "4", *urls)
    assert result.exit_code == 0, result.stderr
    paths = [json.loads(line)["path"] for line in result.stdout.splitlines() if '"type":"file"' in line]
    assert paths == urls
    assert server.peak == 2


def test_timeout_option_is_checked():
    result = cli("check", "--timeout", "soon", "http://127.0.0.1:9/x")
    assert result.exit_code == 2 and "--timeout soon" in result.stderr


def test_previous_report_by_address(server):
    url = server.route("/2023/nianbao.pdf", static((CORPUS / "2023_huaian_hongze_district_govt.pdf").read_bytes(),
                                                   content_type="application/pdf"))
    current = str(CORPUS / "2024_huaian_hongze_district_govt.pdf")
    by_address = json.loads(cli("check", "-f", "json", "--previous", url, current).stdout)["pairs"]
    assert by_address and by_address[0]["previous"] == url
    assert by_address[0]["findings"] == json.loads(
        cli("check", "-f", "json", "--previous", str(CORPUS / "2023_huaian_hongze_district_govt.pdf"), current).stdout
    )["pairs"][0]["findings"]
