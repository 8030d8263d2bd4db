"""Publication dates from page text and metadata; which links are the report's attachment."""

from __future__ import annotations

from disclosure_cli.published import from_html
from disclosure_cli.web import attachment_links, same_site, site


def test_visible_date_lines():
    assert from_html("<p>发布日期：2020-01-31</p>") == ("2020-01-31", "page-text")
    assert from_html("<div><span>发文日期：</span><b>2025年1月9日</b> 来源：市政府</div>") == ("2025-01-09", "page-text")
    assert from_html("<p>来源：市政府 | 发布时间：2025/02/03 10:20 | 浏览次数：</p>") == ("2025-02-03", "page-text")
    # An explicit 发布日期 wins over an earlier bare 时间 line; an impossible date is skipped.
    assert from_html("<p>时间：2025-01-02</p><p>发布日期：2025-02-30</p><p>公开日期：2025.01.05</p>") == (
        "2025-01-05", "page-text")
    assert from_html("<p>时间：2025-01-02</p>") == ("2025-01-02", "page-text")


def test_prose_and_scripts_are_not_dates():
    prose = "<p>本年度报告中所列数据统计期限从2019年1月1日到12月31日止，发布时间：2020年1月31日前完成" + "。" * 80 + "</p>"
    assert from_html(prose) is None
    assert from_html("<script>var s='发布日期：2020-01-01';</script><!-- 日期：2020-01-02 -->") is None


def test_meta_dates():
    assert from_html('<meta name="PubDate" content="2020-02-03 10:00">') == ("2020-02-03", "page-meta")
    assert from_html("<meta content='2021-03-04T08:00:00+08:00' property='article:published_time'>") == (
        "2021-03-04", "page-meta")
    assert from_html('<meta name="firstpublishedtime" content="2022-01-28-09:30:00">') == ("2022-01-28", "page-meta")
    assert from_html('<meta name="keywords" content="2020-01-01">') is None
    # What the reader sees wins over metadata.
    assert from_html('<meta name="PubDate" content="2020-02-03"><p>发布日期：2020-01-31</p>') == ("2020-01-31", "page-text")


def test_sites():
    assert site("www.huaian.gov.cn") == site("file.huaian.gov.cn") == "huaian.gov.cn"
    assert site("www.example.com") == "example.com" and site("127.0.0.1") == "127.0.0.1"
    assert same_site("https://www.shanghai.gov.cn/a.html", "http://service.shanghai.gov.cn/b.pdf")
    assert not same_site("https://www.shanghai.gov.cn/", "https://www.huaian.gov.cn/")
    assert not same_site("http://127.0.0.1:8000/", "http://127.0.0.2:8000/")


def test_attachment_links_ranked():
    page = """
    <a href="/guide.pdf">政府信息公开指南.pdf</a>
    <a href="https://other.gov.cn/2024年报.pdf">2024年报</a>
    <a href="/files/统计年报.doc">统计年报</a>
    <a href='/module/download/downfile.jsp?filename=P02025.pdf&amp;classid=0'>2024年政府信息公开工作年度报告</a>
    <a href="/files/%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.docx">附件</a>
    <a href="mailto:x@huaian.gov.cn">年度报告.pdf</a>
    """
    assert attachment_links(page, "http://www.huaian.gov.cn/art/1.html") == [
        "http://www.huaian.gov.cn/module/download/downfile.jsp?filename=P02025.pdf&classid=0",
        "http://www.huaian.gov.cn/files/%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.docx",
        "http://www.huaian.gov.cn/files/统计年报.doc",
    ]
