"""W-TLS — 网页证书已验证 (the page was fetched with its certificate verified).

检查 / What it checks
    A report fetched with `--insecure`: the server's certificate was not verified, so the
    bytes may not be what the government site published.

为什么 / Why
    Many government sites serve incomplete certificate chains, so `--insecure` is needed to
    read them at all; the finding keeps that choice visible in every output.

失败示例 / Failing example
    `disclosure check --insecure https://www.example.gov.cn/nianbao.html`.

来源 / Source
    Issue 13 (reports from the web).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Report
from ._common import finding

ID = "W-TLS"
SEVERITY = "warning"
SUMMARY = "网页证书已验证 / page fetched with its certificate verified"


def check(report: Report) -> Iterator[Finding]:
    if report.insecure:
        yield finding("未验证网站证书（--insecure）：无法确认内容来自该网站 / certificate not verified (--insecure)")
