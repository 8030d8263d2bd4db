"""A new national template is data alone: a toy third template, defined here as a copy of
2021 with one extra table-2 row, is read, checked and exported without any other change."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest
from click.testing import CliRunner

from disclosure_cli import check, parse, schema
from disclosure_cli.cli import main
from disclosure_cli.templates import TEMPLATES, RowSpec, Template, for_year

from .conftest import CLEAN

TOY_YEAR = 2030


def _toy() -> Template:
    """2021 with 行政检查 added to the 第二十条第（六）项 block."""
    base = TEMPLATES["2021"]
    blocks = tuple(
        dataclasses.replace(b, rows=(*b.rows, RowSpec("inspection", "行政检查", ("行政检查",))))
        if any(r.key == "penalty" for r in b.rows) else b
        for b in base.t2
    )
    return dataclasses.replace(
        base, id=str(TOY_YEAR), circular=f"国办公开办函〔{TOY_YEAR}〕1号", first_year=TOY_YEAR,
        fingerprints=(*base.fingerprints, "行政检查"), t2=blocks,
    )


@pytest.fixture
def toy(monkeypatch) -> Template:
    template = _toy()
    monkeypatch.setitem(TEMPLATES, template.id, template)
    return template


def _report_text(inspections: str = "12") -> str:
    """The clean 2023 sample rewritten as a report on TOY_YEAR in the toy template."""
    text = CLEAN.read_text(encoding="utf-8").replace("2023", str(TOY_YEAR))
    text = text.replace(TEMPLATES["2021"].circular, f"国办公开办函〔{TOY_YEAR}〕1号")  # it cites its own circular (S-CIRCULAR)
    row = "行政强制 | 4 | | |\n"
    assert row in text
    return text.replace(row, row + f"行政检查 | {inspections} | | |\n")


def test_the_toy_template_reads_its_extra_row(toy):
    report = parse(_report_text(), name="toy.txt")
    assert report.template == toy.id and report.hybrid is None
    v = report.values["t2.inspection.decisions"]
    assert (v.value, v.status, v.row_label, v.col_label) == (12, "ok", "行政检查", "本年处理决定数量")
    assert (v.loc.line, v.loc.column) == (22, 8)
    keys = list(report.values)  # in the template's table order
    assert keys.index("t2.inspection.decisions") == keys.index("t2.coercion.decisions") + 1
    assert for_year(TOY_YEAR) is toy


def test_the_toy_template_is_checked_like_any_other(toy):
    assert check(parse(_report_text(), name="toy.txt")) == []
    (f,) = check(parse(_report_text("-3"), name="toy.txt"))
    assert (f.rule, f.keys, f.actual, f.path) == ("T2-NONNEG", ("t2.inspection.decisions",), -3, "toy.txt")


def test_the_toy_template_is_exported(toy, tmp_path):
    import jsonschema
    import openpyxl

    source = tmp_path / "toy.txt"
    source.write_text(_report_text(), encoding="utf-8")
    runner = CliRunner()

    result = runner.invoke(main, ["extract", "--format", "json", str(source)])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, schema.build())  # the schema follows the templates too
    (record,) = document["files"]
    assert record["template"] == toy.id and record["values"]["t2.inspection.decisions"] == 12

    result = runner.invoke(main, ["check", "--format", "text", str(source)])
    assert result.exit_code == 0 and f"{toy.id}年格式（{toy.circular}）" in result.stdout

    result = runner.invoke(main, ["extract", "--format", "csv", str(source)])
    assert "t2.inspection.decisions" in result.stdout and "行政检查" in result.stdout

    out = tmp_path / "toy.xlsx"
    result = runner.invoke(main, ["extract", "--format", "xlsx", "-o", str(out), str(source)])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))["表二 主动公开"]
    rows = {r[0]: r[1] for r in sheet.iter_rows(values_only=True)}
    assert rows["行政检查"] == 12


def test_no_module_outside_templates_names_a_template():
    """Template-specific behaviour lives in the Template record: no other module compares
    against a template's id (a third template would otherwise be skipped there silently)."""
    import re
    from pathlib import Path

    import disclosure_cli

    package = Path(disclosure_cli.__file__).parent
    ids = "|".join(re.escape(t) for t in TEMPLATES)
    literal = re.compile(rf"""["']({ids})["']""")
    found = [
        f"{path.relative_to(package)}:{n}: {line.strip()}"
        for path in sorted(package.rglob("*.py"))
        if path.name != "templates.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert found == []


def test_no_import_circle():
    """Each top-level module and subpackage of the package imports cleanly when imported first,
    in one fresh interpreter with the package's modules dropped before each (an import circle
    fails when it is entered at the wrong module). A submodule is always entered through its
    package's __init__, so the subpackages stand for their modules."""
    import subprocess
    import sys
    from pathlib import Path

    import disclosure_cli

    package = Path(disclosure_cli.__file__).parent
    names = sorted(
        f"disclosure_cli.{p.stem if p.suffix else p.name}"
        for p in package.iterdir()
        if (p.suffix == ".py" and p.stem not in ("__init__", "__main__")) or (p / "__init__.py").is_file()
    )
    code = "import importlib, sys\nfor n in sys.argv[1:]:\n    for m in [k for k in sys.modules if k.startswith('disclosure_cli')]:\n        del sys.modules[m]\n    importlib.import_module(n)\n"
    r = subprocess.run([sys.executable, "-c", code, *names], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "disclosure_cli.rules" in names and "disclosure_cli.schema" in names
