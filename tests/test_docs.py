"""docs/: the generated pages are what the code generates today, and every place the code
cites a document or one of its sections exists."""

from __future__ import annotations

import re

import pytest

from disclosure_cli.docgen import keys_markdown

from .conftest import ROOT

DOCS = ROOT / "docs"


def test_rules_page_is_generated_from_the_rule_docstrings(cli):
    r = cli("rules", "--format", "markdown")
    assert r.returncode == 0
    assert r.stdout.decode() == (DOCS / "rules.md").read_text(encoding="utf-8"), \
        "docs/rules.md is out of date: python -m disclosure_cli.docgen docs"


def test_keys_page_is_generated_from_the_templates():
    assert keys_markdown() == (DOCS / "keys.md").read_text(encoding="utf-8"), \
        "docs/keys.md is out of date: python -m disclosure_cli.docgen docs"


def test_one_rule_in_markdown(cli):
    out = cli("rules", "t3-bal", "--format", "markdown").stdout.decode()
    assert out.startswith("## T3-BAL\n") and "### 检查 / What it checks" in out and "\n    " not in out


def _citations() -> list[tuple[str, str, str]]:
    """(source file, cited document, section or "") for every citation in the package."""
    out = []
    for path in sorted((ROOT / "disclosure_cli").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"docs/([\w-]+\.md)((?:\s*§[\d.]+(?:–§[\d.]+)?(?:\s*(?:,|and)\s*§[\d.]+)*)?)", text):
            for section in re.findall(r"§([\d.]+)", m.group(2)) or [""]:
                out.append((path.name, m.group(1), section))
    return out


CITATIONS = _citations()


def test_the_code_cites_the_documents_in_docs():
    cited = {doc for _, doc, _ in CITATIONS}
    assert cited <= {p.name for p in DOCS.glob("*.md")}
    stale = [str(p.relative_to(ROOT)) for p in (ROOT / "disclosure_cli").rglob("*.py") if p.name != "docgen.py"
             and re.search(r"(?<!docs/)\b(data-dictionary|report-format|rules)\.md", p.read_text(encoding="utf-8"))]
    assert stale == [], "cite docs/report-format.md, docs/keys.md or docs/rules.md"


@pytest.mark.parametrize("source,doc,section", [c for c in CITATIONS if c[2]])
def test_cited_sections_exist(source, doc, section):
    headings = re.findall(r"^#+ (\d+(?:\.\d+)?)\.? ", (DOCS / doc).read_text(encoding="utf-8"), re.M)
    assert section.rstrip(".") in headings, (source, doc, section)
