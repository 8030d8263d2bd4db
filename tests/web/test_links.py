"""Which links are the report's attachment, and which hosts are one site. (Dates are read by
prose.published, tested with the rules.)"""

from __future__ import annotations

from disclosure_cli.web import attachment_links, same_site, site


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
