"""`--format html`: one self-contained review page that a person reads, prints and forwards.

The page opens with a batch index: status, counts by severity and cross-year pairs, which
a small inline script can filter and sort (the page reads fully without it). Then, for each
report: a header, and tables 2, 3 and 4 in the template's layout. Every value cell carries
`data-key`, its status as a class, and `data-rules` naming the rules that involve it. The
findings follow, each linking to its cells and back. The page loads nothing from outside (a
Content-Security-Policy forbids it) and escapes all report text. It has no timestamps, so
the same input gives the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from .. import __version__
from ..model import SEVERITY_RANK, FileResult, Finding, Report
from ..narrative import Sentence, sentences
from ..rules._common import fmt as _num
from ..rules._common import short
from ..templates import (
    SECTIONS,
    T2_ITEM_HEADER,
    T3_APPLICANTS,
    T3_COLUMNS,
    T3_GROUP_LABELS,
    T3_NOTE,
    T3_ORGANISATIONS,
    T3_OUTCOMES,
    T4_COLUMNS,
    T4_GROUPS,
    T4_LITIGATION,
    TABLE_NAMES,
    TEMPLATES,
    all_labels,
    all_t3_rows,
    labels,
)
from .base import Formatter as Base

if TYPE_CHECKING:
    from ..batch import PairResult

_TOP_LEVEL = re.compile(r"^[一二三四五六七八九]、")  # table-3 rows outside 三、本年度办理结果

_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
_STATUS = {"clean": "无问题", "findings": "有问题", "unreadable": "无法读取", "ok": "已读取"}
_CELL_TEXT = {"blank": "空", "unreadable": "无法读取", "missing": "缺失", "absent": "不适用"}
_PUBLISHED_FROM = {"option": "命令行指定", "page-meta": "网页元数据", "page-text": "网页所载发布日期",
                   "signature": "落款日期", "http-last-modified": "服务器修改时间", None: "来源未知"}
_CELLS_SHOWN = 8  # cell links listed before the rest fold into <details>


def _e(text: object) -> str:
    return escape(str(text), quote=True)


# ---------------------------------------------------------------- table layouts


@dataclass(frozen=True, slots=True)
class _Head:
    """A header or label cell of the official layout."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    kind: str = ""  # "label" (a row label), "caption" (a table-2 block caption) or "" (column header)


@dataclass(frozen=True, slots=True)
class _Val:
    key: str
    colspan: int = 1


_Layout = tuple[list[int], list[list[_Head]], list[list[_Head | _Val]]]  # column widths (%), header rows, body rows


def _t2_layout(template: str) -> _Layout:
    """Blocks stacked as in the template: caption, 信息内容 + column labels, one row per item;
    a block with fewer columns stretches its last one across the table."""
    blocks = TEMPLATES[template].t2
    width = max(len(b.columns) for b in blocks)
    body: list[list[_Head | _Val]] = []
    for block in blocks:
        spans = [1] * (len(block.columns) - 1) + [width - len(block.columns) + 1]
        body.append([_Head(block.caption.replace("(", "（").replace(")", "）"), colspan=width + 1, kind="caption")])
        body.append([_Head(T2_ITEM_HEADER), *(_Head(c.label, colspan=s) for c, s in zip(block.columns, spans, strict=True))])
        for row in block.rows:
            cells = (_Val(f"t2.{row.key}.{c.key}", s) for c, s in zip(block.columns, spans, strict=True))
            body.append([_Head(row.label, kind="label"), *cells])
    return [28] + [72 // width] * width, [], body


def _t3_layout(report: Report) -> _Layout:
    """Three header rows (申请人情况 › 自然人 / 法人或其他组织 › … / 总计) and the rows this report
    has (a 2021 table may carry the single 2019 （六） row), with 三、 and its groups spanning
    their rows."""
    cols = T3_COLUMNS
    head = [
        [_Head(T3_NOTE, rowspan=3, colspan=3), _Head(T3_APPLICANTS, colspan=len(cols))],
        [_Head(cols[0].label, rowspan=2), _Head(T3_ORGANISATIONS, colspan=len(cols) - 2), _Head(cols[-1].label, rowspan=2)],
        [_Head(c.label) for c in cols[1:-1]],
    ]
    present = [
        r for r in all_t3_rows()
        if (v := report.values.get(f"t3.{r.key}.{cols[-1].key}")) is not None and v.status != "absent"
    ]
    results = [r for r in present if not _TOP_LEVEL.match(r.label)]
    group_size: dict[str, int] = {}
    for r in results:
        if "." in r.key:
            group = r.key.split(".", 1)[0]
            group_size[group] = group_size.get(group, 0) + 1
    body: list[list[_Head | _Val]] = []
    opened: set[str] = set()
    for r in present:
        row: list[_Head | _Val] = []
        if _TOP_LEVEL.match(r.label):
            row.append(_Head(r.label, colspan=3, kind="label"))
        else:
            if r is results[0]:
                row.append(_Head(T3_OUTCOMES, rowspan=len(results), kind="label"))
            group = r.key.split(".", 1)[0] if "." in r.key else None
            if group is None:
                row.append(_Head(r.label, colspan=2, kind="label"))
            else:
                if group not in opened:
                    opened.add(group)
                    row.append(_Head(T3_GROUP_LABELS[group], rowspan=group_size[group], kind="label"))
                row.append(_Head(r.label, kind="label"))
        row += [_Val(f"t3.{r.key}.{c.key}") for c in cols]
        body.append(row)
    return [6, 10, 28] + [8] * len(cols), head, body


def _t4_layout() -> _Layout:
    """行政复议 (five columns) beside 行政诉讼 (未经复议直接起诉, 复议后起诉; five each)."""
    review, *suits = T4_GROUPS
    n = len(T4_COLUMNS)
    head = [
        [_Head(review.label, colspan=n), _Head(T4_LITIGATION, colspan=n * len(suits))],
        [*(_Head(c.label, rowspan=2) for c in T4_COLUMNS), *(_Head(g.label, colspan=n) for g in suits)],
        [_Head(c.label) for _ in suits for c in T4_COLUMNS],
    ]
    body: list[list[_Head | _Val]] = [[_Val(f"t4.{g.key}.{c.key}") for g in T4_GROUPS for c in T4_COLUMNS]]
    return [], head, body


# ---------------------------------------------------------------- one report


@dataclass(slots=True)
class _Entry:
    """A file of the batch, with the cross-year results that compare it with last year."""

    number: int
    result: FileResult
    pairs: list[PairResult]

    @property
    def rid(self) -> str:
        return f"r{self.number}"

    def findings(self) -> list[Finding]:
        return self.result.findings + [f for p in self.pairs for f in p.findings]

    def status(self, mode: str) -> str:
        if self.result.report is None:
            return "unreadable"
        if mode != "check":
            return "ok"
        return "findings" if self.findings() else "clean"


def _quote_core(message: str) -> str | None:
    """The sentence excerpt a prose rule quotes in its message (正文「…」), without ellipses."""
    m = re.search(r"正文「(.+?)」", message)
    return m.group(1).strip("…") if m else None


def _sentence(f: Finding, pool: list[Sentence]) -> Sentence | None:
    core = _quote_core(f.message)
    if core is None or not f.locations:
        return None
    for s in pool:
        if s.loc == f.locations[0] and core in s.text:
            return s
    return None


def _marked(text: str, core: str | None, *numbers: int | float | None) -> str:
    """The sentence escaped, with the number it states marked: the finding's actual value (what
    the prose says), else its expected one, preferring an occurrence inside the quoted excerpt."""
    start = max(text.find(core), 0) if core else 0
    for number in numbers:
        if number is None:
            continue
        pattern = re.compile(rf"(?<![\d.]){re.escape(_num(number))}(?![\d.])")
        m = pattern.search(text, start) or pattern.search(text)
        if m is not None:
            return f"{_e(text[: m.start()])}<mark>{_e(m.group())}</mark>{_e(text[m.end():])}"
    return _e(text)


class _Page:
    """Renders one report's section; `numbered` lists the findings in display order."""

    def __init__(self, entry: _Entry, mode: str, entries: dict[str, _Entry]) -> None:
        self.entry = entry
        self.mode = mode
        self.entries = entries  # by path: last year's report, when it is in the batch
        self.report = entry.result.report
        self.rid = entry.rid
        self.cross = {id(f) for p in entry.pairs for f in p.findings}
        self.numbered = self._order() if mode == "check" else []
        self.rendered: set[str] = set()
        self.marks: dict[str, list[tuple[int, Finding]]] = {}
        for n, f in enumerate(self.numbered, 1):
            for key in self._cells(f):
                self.marks.setdefault(key, []).append((n, f))

    def _order(self) -> list[Finding]:
        """By table (2, 3, 4, then the whole report), cross-year findings last."""
        own = self.entry.result.findings
        order = list(TABLE_NAMES) + [None]
        grouped = sorted(own, key=lambda f: order.index(f.table) if f.table in order else len(order))
        return grouped + [f for p in self.entry.pairs for f in p.findings]

    def _cells(self, f: Finding) -> list[str]:
        """This report's cells a finding is about. A cross-year finding also names last year's
        cells; those are told apart by location (only this year's cells are located here)."""
        values = self.report.values
        keys = dict.fromkeys(k for k in f.keys if k in values)
        if id(f) not in self.cross:
            return list(keys)
        here = set(f.locations)
        return [k for k in keys if values[k].loc in here]

    def _label(self, key: str) -> str:
        v = self.report.values.get(key)
        official = (labels(self.report.template) if self.report.template else all_labels()).get(key, ("", ""))
        row = (v.row_label if v else None) or official[0]
        col = (v.col_label if v else None) or official[1]
        return f"「{short(row)}」「{short(col)}」"

    # ------------------------------------------------------------ tables

    def _value(self, cell: _Val) -> str:
        key = cell.key
        self.rendered.add(key)
        v = self.report.values.get(key)
        status = v.status if v is not None else "missing"
        classes = ["v", status]
        title = [key]
        if v is not None and v.raw is not None and v.raw != "":
            title.append(f"原文 {v.raw}")
        if v is not None and v.loc is not None:
            title.append(f"位置 {v.loc}")
            if v.loc.method == "ocr":  # read from a scan: dotted underline, box in the tooltip
                classes.append("ocr")
                title.append(f"OCR识别 置信度 {v.loc.confidence:.2f}，扫描件第{v.loc.page}页 像素框 {v.loc.box}")
        if v is not None and v.note:
            title.append(v.note)
        text = _e(_num(v.value)) if status == "ok" and v is not None else _CELL_TEXT[status]
        if v is not None and v.unit and status == "ok":
            text += f"<small>{_e(v.unit)}</small>"
        marks = self.marks.get(key, [])
        attrs = f' id="{self.rid}-{_e(key)}" data-key="{_e(key)}"'
        if marks:
            worst = max((f.severity for _, f in marks), key=lambda s: SEVERITY_RANK[s])
            classes.append(f"sev-{worst}")
            rules = list(dict.fromkeys(f.rule for _, f in marks))
            attrs += f' data-rules="{_e(" ".join(rules))}"'
            title += [f"{n}. {f.rule} {_SEVERITY[f.severity]}：{short(f.message, 60)}"
                      + "".join(f"（应为 {_num(c.expected)}）" for c in f.cells if c.key == key and c.expected is not None)
                      for n, f in marks]
            if sum(1 for _, f in marks if f.severity != "info") > 1:
                classes.append("cross")  # where the lines of several findings meet
            refs = " ".join(f'<a href="#{self.rid}-f{n}">{n}</a>' for n, _ in marks)
            text = f'<a href="#{self.rid}-f{marks[0][0]}">{text}</a><sup class="fn">{refs}</sup>'
        span = f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
        return f'<td class="{" ".join(classes)}"{attrs}{span} title="{_e(chr(10).join(title))}">{text}</td>'

    def _grid(self, table: str, layout: _Layout) -> str:
        widths, head, body = layout
        out = [f'<table class="grid {table}">']
        if widths:
            out.append("<colgroup>" + "".join(f'<col style="width:{w}%">' for w in widths) + "</colgroup>")
        if head:
            out.append("<thead>")
            out += ["<tr>" + "".join(self._head(c, "col") for c in row) + "</tr>" for row in head]
            out.append("</thead>")
        out.append("<tbody>")
        for row in body:
            out.append("<tr>" + "".join(self._value(c) if isinstance(c, _Val) else self._head(c, "row") for c in row) + "</tr>")
        out.append("</tbody></table>")
        return "\n".join(out)

    @staticmethod
    def _head(c: _Head, scope: str) -> str:
        attrs = ""
        if c.rowspan > 1:
            attrs += f' rowspan="{c.rowspan}"'
        if c.colspan > 1:
            attrs += f' colspan="{c.colspan}"'
        if c.kind:
            attrs += f' class="{c.kind}"'
        if not c.kind:
            attrs += f' scope="{"colgroup" if c.colspan > 1 else scope}"'
        return f"<th{attrs}>{_e(c.text)}</th>"

    def _tables(self) -> str:
        report = self.report
        layouts = {"t2": _t2_layout(report.template), "t3": _t3_layout(report), "t4": _t4_layout()}
        out = []
        for table, layout in layouts.items():
            info = report.tables.get(table)
            out.append(f'<section class="table" id="{self.rid}-{table}"><h3>{_e(SECTIONS[int(table[1])][0])}</h3>')
            if info is not None and not info.found:
                out.append(f'<p class="notice">{_e(TABLE_NAMES[table])}：未找到该表 / table not found</p>')
            elif info is not None and info.problem:
                out.append(f'<p class="notice">{_e(info.problem)}</p>')
            out.append(self._grid(table, layout))
            out.append("</section>")
        return "\n".join(out)

    # ------------------------------------------------------------ findings

    def _finding(self, n: int, f: Finding, pool: list[Sentence]) -> str:
        out = [
            f'<li class="finding sev-{f.severity}" id="{self.rid}-f{n}" data-rule="{_e(f.rule)}" data-severity="{f.severity}">',
            f'<div class="fhead"><span class="no">{n}</span> <span class="badge {f.severity}">{_SEVERITY[f.severity]} {f.severity}</span>'
            f" <code>{_e(f.rule)}</code></div>",
            f'<p class="msg">{_e(f.message)}</p>',
        ]
        if id(f) in self.cross:
            if f.keys:  # cells to compare (a finding on the whole report says it all in its message)
                out.append(self._side_by_side(f))
        elif f.expected is not None or f.actual is not None:
            out.append(f'<p class="ev">应为 <b>{_e(_num(f.expected))}</b> · 实为 <b>{_e(_num(f.actual))}</b></p>')
        sentence = _sentence(f, pool)
        if sentence is not None:
            out.append(f'<blockquote class="quote">{_marked(sentence.text, _quote_core(f.message), f.actual, f.expected)}'
                       f'<cite>{_e(sentence.loc)}</cite></blockquote>')
        cells = self._cells(f) if id(f) not in self.cross else []  # the side-by-side table links them
        if cells:
            links = []
            should = {c.key: c.expected for c in f.cells if c.expected is not None}  # one cause, several cells
            for key in cells:
                v = self.report.values[key]
                loc = f' <span class="loc">{_e(v.loc)}</span>' if v.loc is not None else ""
                if key in should:
                    loc += f' <span class="ev">应为 <b>{_e(_num(should[key]))}</b></span>'
                name = _e(self._label(key))
                links.append(f'<li><a href="#{self.rid}-{_e(key)}">{name}</a>{loc}</li>' if key in self.rendered
                             else f"<li>{name}{loc}</li>")
            shown, rest = links[:_CELLS_SHOWN], links[_CELLS_SHOWN:]
            out.append(f'<ul class="cells">{"".join(shown)}</ul>')
            if rest:
                out.append(f'<details><summary>另 {len(rest)} 个单元格</summary><ul class="cells">{"".join(rest)}</ul></details>')
        elif f.locations and sentence is None and id(f) not in self.cross:
            locs = [str(loc) for loc in f.locations]
            more = f" 等 {len(locs)} 处" if len(locs) > 20 else ""
            out.append(f'<p class="where">来源位置：{_e(", ".join(locs[:20]))}{more}</p>')
        out.append("</li>")
        return "\n".join(out)

    def _side_by_side(self, f: Finding) -> str:
        """Every cell the cross-year finding names, last year's value beside this year's, then
        the verdict (expected from last year's report vs actual). Last year's values are shown
        when its report is in the same batch."""
        pair = next(p for p in self.entry.pairs if any(x is f for x in p.findings))
        previous = self.entries.get(pair.previous)
        prev_report = previous.result.report if previous is not None else None
        here = set(self._cells(f))
        year = self.report.year
        prev_name = _e(pair.previous)
        if previous is not None:
            prev_name = f'<a href="#{previous.rid}">{prev_name}</a>'
        rows = []
        for key in dict.fromkeys(f.keys):
            before = self._cell_text(prev_report, key, previous.rid if previous else None)
            now = self._cell_text(self.report, key, self.rid)
            mark = ' class="hit"' if key in here else ""
            rows.append(f"<tr><th>{_e(self._label(key))}</th><td>{before}</td><td{mark}>{now}</td></tr>")
        return (
            '<table class="xyear"><thead><tr><th>单元格</th>'
            f"<th>上年（{_e(f'{year - 1}年度' if year else '上年')}）<br><small>{prev_name}</small></th>"
            f"<th>本年（{_e(f'{year}年度' if year else '本年')}）</th></tr></thead><tbody>"
            + "".join(rows)
            + f'<tr class="verdict"><th>比对</th><td>按上年报告应为 <b>{_e(_num(f.expected))}</b></td>'
            f"<td>实为 <b>{_e(_num(f.actual))}</b></td></tr></tbody></table>"
        )

    @staticmethod
    def _cell_text(report: Report | None, key: str, rid: str | None) -> str:
        """A cell's value as the tables show it, linked to the cell in that report's section."""
        v = report.values.get(key) if report is not None else None
        if v is None:
            return "—"
        text = _e(_num(v.value)) if v.status == "ok" else _CELL_TEXT[v.status]
        return f'<a href="#{rid}-{_e(key)}">{text}</a>' if rid else text

    def _findings(self) -> str:
        if not self.numbered:
            return '<section class="findings"><h3>发现的问题</h3><p class="ok">✓ 未发现问题 / no findings</p></section>'
        report = self.report
        pool = report.derived.get("sentences") or (sentences(report.prose, report.form) if report.prose else [])
        out = ['<section class="findings"><h3>发现的问题</h3>']
        group: object = object()
        for n, f in enumerate(self.numbered, 1):
            heading = "跨年度比对 / across years" if id(f) in self.cross else (TABLE_NAMES.get(f.table) or "全文 / whole report")
            if heading != group:
                if n > 1:
                    out.append("</ol>")
                group = heading
                out.append(f"<h4>{_e(heading)}</h4><ol class=\"flist\">")
            out.append(self._finding(n, f, pool))
        out.append("</ol></section>")
        return "\n".join(out)

    # ------------------------------------------------------------ the section

    def render(self) -> str:
        entry, result, report = self.entry, self.entry.result, self.report
        status = entry.status(self.mode)
        out = [f'<section class="report {status}" id="{self.rid}" data-status="{status}">',
               '<a class="back" href="#index">↑ 返回目录 / index</a>']
        if report is None:
            out.append(f"<h2>{_e(result.path)}</h2>")
            out.append(f'<p class="notice error">无法读取 / unreadable：{_e(result.error or "")}</p></section>')
            return "\n".join(out)
        out.append(f"<h2>{_e(report.agency or '（未识别机关）')} · {_e(f'{report.year}年度' if report.year else '（年度未识别）')}</h2>")
        out.append(self._meta())
        if report.template:
            out.append(self._tables())  # before the findings: they link only to cells drawn here
        else:
            out.append('<p class="notice">未识别报告格式，无法按格式重建表格 / template not recognised</p>')
        if self.mode == "check":
            out.append(self._findings())
        out.append("</section>")
        return "\n".join(out)

    def _meta(self) -> str:
        report = self.report
        read = sum(1 for v in report.values.values() if v.status == "ok")
        rows = [("文件", report.path), ("标题", report.title), ("机关", report.agency),
                ("年度", f"{report.year}" if report.year else None),
                ("格式", f"{report.template}年格式（{TEMPLATES[report.template].circular}）" if report.template else "未识别"),
                ("已读取数值", f"{read} / {len(report.values)}"),
                ("发布日期", f"{report.published}（{_PUBLISHED_FROM[report.published_source]}）"
                 if report.published else None),
                ("表格混用", report.hybrid)]
        items = "".join(f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in rows if v)
        return f'<dl class="meta">{items}</dl>'


# ---------------------------------------------------------------- the page


_CSS = """
:root{--err:#b3261e;--err-bg:#fde2e0;--warn:#8a5a00;--warn-bg:#fff1c2;--info:#1a5fb4;--info-bg:#e6effc;--rule:#6f6f6f}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:1200px;padding:16px 24px 48px;color:#1b1b1b;background:#fff;
font:14px/1.55 "Microsoft YaHei","微软雅黑","PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Noto Sans SC",
"Source Han Sans SC","WenQuanYi Micro Hei",SimSun,"宋体",sans-serif}
h1{font-size:22px;margin:0 0 4px}h2{font-size:19px;margin:4px 0 8px}h3{font-size:16px;margin:18px 0 6px}
h4{font-size:14px;margin:12px 0 4px}
a{color:#1a5fb4}
.summary{color:#444;margin:0 0 12px}
table{border-collapse:collapse}
.index table{width:100%;font-size:13px}
.index th,.index td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
.index th{background:#f2f2f2;white-space:nowrap}
.index td.num{text-align:right;font-variant-numeric:tabular-nums}
.js .index th[data-col]{cursor:pointer}
.index th[aria-sort=ascending]::after{content:" ▲"}.index th[aria-sort=descending]::after{content:" ▼"}
.st{padding:0 6px;border-radius:3px;white-space:nowrap}
.st.clean,.st.ok{background:#dff3e2;color:#1e6b2e}.st.findings{background:var(--err-bg);color:var(--err)}
.st.unreadable{background:#e6e6e6;color:#444}
.filters{display:flex;gap:14px;flex-wrap:wrap;align-items:center;margin:8px 0;font-size:13px}
.filters[hidden]{display:none}
.report{border-top:3px solid #333;margin-top:28px;padding-top:8px}
.report[hidden],.index tr[hidden]{display:none}
.back{float:right;font-size:12px}
dl.meta{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:2px 16px;margin:0 0 8px;font-size:13px}
dl.meta div{display:flex;gap:8px}dl.meta dt{color:#666;white-space:nowrap}dl.meta dd{margin:0;overflow-wrap:anywhere}
.notice{background:#f4f4f4;border-left:4px solid #999;padding:4px 8px;margin:6px 0}
.notice.error{border-color:var(--err);background:var(--err-bg)}
.grid{width:100%;table-layout:fixed;font-size:12.5px;margin:4px 0 8px}
.grid th,.grid td{border:1px solid var(--rule);padding:3px 4px}
.grid th{background:#f2f2f2;font-weight:600;text-align:center;vertical-align:middle}
.grid th.label{background:#fff;font-weight:400;text-align:left}
.grid th.caption{background:#e9e9e9;text-align:left}
.grid td.v{text-align:center;font-variant-numeric:tabular-nums}
sup.fn{white-space:nowrap}
.grid td.v a{color:inherit;text-decoration:none}
.grid td.v small{color:#666;margin-left:2px}
.v.sev-info{box-shadow:inset 0 0 0 2px #8fb6ea}
.v.sev-warning{background:var(--warn-bg)}
.v.sev-error{background:var(--err-bg);color:var(--err)}
.v.sev-warning.cross{box-shadow:inset 0 0 0 3px #d49b00;font-weight:700}
.v.sev-error.cross{box-shadow:inset 0 0 0 3px var(--err);background:#f9b8b2;font-weight:700}
.v.blank{color:#888;font-style:italic;font-weight:400}
.v.unreadable{color:#6b4a00;font-weight:700;background:repeating-linear-gradient(135deg,#fff0c7 0 5px,#ffe09a 5px 10px)}
.v.unreadable.sev-error,.v.missing.sev-error{box-shadow:inset 0 0 0 2px var(--err)}
.v.missing,.v.absent{color:#777;background:repeating-linear-gradient(135deg,#f3f3f3 0 5px,#e1e1e1 5px 10px)}
sup.fn{font-size:9px;margin-left:2px;font-weight:400}
sup.fn a{display:inline-block;min-width:13px;padding:0 2px;border-radius:7px;background:#333;color:#fff!important}
.legend{font-size:12px;color:#555;display:flex;gap:12px;flex-wrap:wrap;margin:4px 0}
.legend span{border:1px solid var(--rule);padding:0 6px}.legend .v{text-align:center}
.flist{padding:0;margin:0}
.finding{list-style:none;border-left:4px solid #999;background:#fafafa;padding:6px 10px;margin:6px 0;break-inside:avoid}
.finding.sev-error{border-color:var(--err)}.finding.sev-warning{border-color:#d49b00}.finding.sev-info{border-color:#8fb6ea}
.finding p{margin:3px 0}
.fhead .no{display:inline-block;min-width:20px;text-align:center;border-radius:10px;background:#333;color:#fff;font-size:12px}
.badge{display:inline-block;padding:0 6px;border-radius:3px;font-size:12px;color:#fff}
.badge.error{background:var(--err)}.badge.warning{background:#b07d00}.badge.info{background:var(--info)}
.ev b{font-size:15px}
ul.cells{display:flex;flex-wrap:wrap;gap:2px 14px;padding:0;margin:3px 0;list-style:none;font-size:12.5px}
.loc,.where,cite{color:#666;font-size:12px}
td.v.ocr{text-decoration:underline dotted #888}
blockquote.quote{margin:4px 0;padding:4px 10px;border-left:3px solid #bbb;background:#fff}
blockquote.quote cite{display:block;font-style:normal}
mark{background:#ffd54f;font-weight:700;padding:0 2px}
table.xyear{margin:4px 0;font-size:13px}
table.xyear th,table.xyear td{border:1px solid #bbb;padding:3px 8px;text-align:left}
table.xyear td{text-align:center}table.xyear td.hit{background:var(--warn-bg);font-weight:700}
table.xyear tr.verdict td{font-size:13px}
:target{outline:3px solid #1a5fb4;outline-offset:1px}
footer{margin-top:32px;color:#777;font-size:12px}
@page{size:A4;margin:12mm}
@media print{
body{max-width:none;padding:0;font-size:10pt}
.filters,.back{display:none}
.report{break-before:page;border-top:0;margin-top:0}
.grid{font-size:8pt;width:99.5%}.grid th,.grid td{padding:2px 3px}
section.table,.grid tr,.index tr{break-inside:avoid}
h2,h3,h4{break-after:avoid}
a{color:inherit;text-decoration:none}
details>ul{display:flex}
}
"""

# Filters and sorting of the index. The query string (or fragment) pre-sets them, so a link
# can carry a view: `review.html?status=findings&severity=error&rule=T3-ROW&sort=errors&dir=desc`.
_SCRIPT = """
(function(){
var d=document,t=d.getElementById('index-table');if(!t)return;
d.documentElement.className+=' js';
var body=t.tBodies[0],rows=[].slice.call(body.rows),form=d.getElementById('filters');form.hidden=false;
var sel={};['status','severity','rule'].forEach(function(k){var e=d.getElementById('f-'+k);if(e){sel[k]=e;e.onchange=apply;}});
function val(k){return sel[k]?sel[k].value:'';}
function has(list,x){return !x||(' '+(list||'')+' ').indexOf(' '+x+' ')>=0;}
function apply(){var n=0;rows.forEach(function(r){var s=r.dataset;
var show=(!val('status')||s.status===val('status'))&&has(s.severities,val('severity'))&&has(s.rules,val('rule'));
r.hidden=!show;var rep=d.getElementById(s.report);if(rep)rep.hidden=!show;if(show)n++;});
d.getElementById('f-count').textContent=n+' / '+rows.length;}
var heads=[].slice.call(t.tHead.rows[0].cells);
function sort(col,dir){var i=-1;heads.forEach(function(h,j){if(h.dataset.col===col){i=j;h.setAttribute('aria-sort',dir>0?'ascending':'descending');}else h.removeAttribute('aria-sort');});
if(i<0)return;var num=heads[i].dataset.type==='num';
rows.slice().sort(function(a,b){var x=a.cells[i].dataset.v,y=b.cells[i].dataset.v;
var c=num?(parseFloat(x)||0)-(parseFloat(y)||0):(x<y?-1:x>y?1:0);return dir*c||(+a.dataset.n-+b.dataset.n);})
.forEach(function(r){body.appendChild(r);});}
heads.forEach(function(h){if(h.dataset.col)h.onclick=function(){sort(h.dataset.col,h.getAttribute('aria-sort')==='ascending'?-1:1);};});
var q=new URLSearchParams(location.search.slice(1)||location.hash.slice(1));
Object.keys(sel).forEach(function(k){if(q.get(k))sel[k].value=q.get(k);});
if(q.get('sort'))sort(q.get('sort'),q.get('dir')==='desc'?-1:1);
apply();
})();
"""


class Formatter(Base):
    def begin(self) -> None:
        self.entries: list[_Entry] = []
        self.by_path: dict[str, _Entry] = {}

    def file(self, result: FileResult) -> None:
        entry = _Entry(len(self.entries) + 1, result, [])
        self.entries.append(entry)
        self.by_path.setdefault(result.path, entry)

    def pair(self, result: PairResult) -> None:
        entry = self.by_path.get(result.path)
        if entry is not None:
            entry.pairs.append(result)

    def end(self, summary) -> None:
        sections = [_Page(e, self.mode, self.by_path).render() for e in self.entries]
        title = "政府信息公开工作年度报告 审查 / review" if self.mode == "check" else "政府信息公开工作年度报告 表格 / tables"
        if len(self.entries) == 1 and (r := self.entries[0].result.report) is not None:
            title = f"{r.agency or r.path} {r.year or ''} · {title}"
        self.stream.write(
            "<!DOCTYPE html>\n"
            '<html lang="zh-CN"><head><meta charset="utf-8">\n'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
            f"<header><h1>{_e(title)}</h1>\n<p class=\"summary\">{_e(self._summary(summary))}</p></header>\n"
            f"{self._index()}\n"
            f"{self._legend()}\n"
            + "\n".join(sections)
            + f"\n<footer>disclosure {_e(__version__)} · {_e(self.mode)}</footer>\n"
            f"<script>{_SCRIPT}</script>\n</body></html>\n"
        )

    def _summary(self, s) -> str:
        files = f"{s.inputs} 份文件" + (f"（{s.files} 份报告）" if s.inputs != s.files else "")
        if self.mode != "check":
            return f"{files}：{s.files - s.unreadable} 份已读取，{s.unreadable} 份无法读取"
        sev = s.severities
        line = (f"{files}：{s.clean} 份无问题，{s.with_findings} 份有问题，{s.unreadable} 份无法读取 · "
                f"错误 {sev['error']} · 警告 {sev['warning']} · 提示 {sev['info']}")
        return line + (f" · 跨年度比对 {s.pairs} 组" if s.pairs else "")

    def _legend(self) -> str:
        """What the cell styles mean, drawn with the same classes as the cells."""
        items = [("v ok", "数值"), ("v blank", "空：空白或占位符"), ("v unreadable", "无法读取（不是0）"), ("v missing", "缺失")]
        if self.mode == "check":
            items += [("v sev-error", "错误"), ("v sev-warning", "警告"), ("v sev-info", "提示"),
                      ("v sev-error cross", "多个问题交汇")]
        return '<p class="legend">' + "".join(f'<span class="{c}">{_e(t)}</span>' for c, t in items) + "</p>"

    def _index(self) -> str:
        check = self.mode == "check"
        cols = [("n", "#", "num"), ("file", "文件", ""), ("agency", "机关", ""), ("year", "年度", "num"),
                ("template", "格式", ""), ("status", "状态", "")]
        if check:
            cols += [("errors", "错误", "num"), ("warnings", "警告", "num"), ("infos", "提示", "num"),
                     ("rules", "规则", ""), ("pair", "跨年度", "")]
        else:
            cols += [("read", "已读取", "num")]
        head = "".join(f'<th data-col="{c}"' + (f' data-type="{t}"' if t else "") + f">{_e(label)}</th>" for c, label, t in cols)
        rows = [self._index_row(e) for e in self.entries]
        statuses = ("clean", "findings", "unreadable") if check else ("ok", "unreadable")
        options = "".join(f'<option value="{s}">{_STATUS[s]} {s}</option>' for s in statuses)
        filters = f'<label>状态 <select id="f-status"><option value="">全部</option>{options}</select></label>'
        if check:
            sev = "".join(f'<option value="{s}">{_SEVERITY[s]} {s}</option>' for s in ("error", "warning", "info"))
            rules = sorted({f.rule for e in self.entries for f in e.findings()})
            rule_opts = "".join(f'<option value="{_e(r)}">{_e(r)}</option>' for r in rules)
            filters += (f' <label>严重程度 <select id="f-severity"><option value="">全部</option>{sev}</select></label>'
                        f' <label>规则 <select id="f-rule"><option value="">全部</option>{rule_opts}</select></label>')
        return (
            '<section class="index" id="index"><h2>报告一览 / index</h2>\n'
            f'<div class="filters" id="filters" hidden>{filters} <span id="f-count"></span></div>\n'
            f'<table id="index-table"><thead><tr>{head}</tr></thead><tbody>\n' + "\n".join(rows) + "\n</tbody></table></section>"
        )

    def _index_row(self, e: _Entry) -> str:
        r = e.result.report
        status = e.status(self.mode)
        findings = e.findings() if self.mode == "check" else []
        counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
        rules = list(dict.fromkeys(f.rule for f in findings))
        attrs = (f'data-n="{e.number}" data-report="{e.rid}" data-status="{status}"'
                 f' data-severities="{" ".join(s for s, n in counts.items() if n)}" data-rules="{_e(" ".join(rules))}"')

        def td(value: object, sort: object = None, cls: str = "") -> str:
            c = f' class="{cls}"' if cls else ""
            return f'<td{c} data-v="{_e(value if sort is None else sort)}">{_e(value)}</td>'

        cells = [td(e.number, cls="num"),
                 f'<td data-v="{_e(e.result.path)}"><a href="#{e.rid}">{_e(e.result.path)}</a></td>',
                 td(r.agency or "" if r else ""), td(r.year or "" if r else "", cls="num"),
                 td(r.template or "" if r else ""),
                 f'<td data-v="{status}"><span class="st {status}">{_STATUS[status]}</span></td>']
        if self.mode == "check":
            cells += [td(counts[s], cls="num") for s in ("error", "warning", "info")]
            cells.append(td(" ".join(rules)))
            pairs = []
            for p in e.pairs:
                target = self.by_path.get(p.previous)
                name = _e(p.previous)
                pairs.append(f'← <a href="#{target.rid}">{name}</a>' if target else f"← {name}")
            cells.append(f'<td data-v="{_e(" ".join(p.previous for p in e.pairs))}">{"<br>".join(pairs)}</td>')
        else:
            read = sum(1 for v in r.values.values() if v.status == "ok") if r else 0
            total = len(r.values) if r else 0
            cells.append(td(f"{read} / {total}", sort=read, cls="num"))
        return f'<tr {attrs}>' + "".join(cells) + "</tr>"
