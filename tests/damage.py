"""Valid reports and damaged variants of them, for the property tests: every value the tool
reads from a damaged report must be the number the damaged report holds at that key (or
null, with a finding); never a different number.

A report is built from the template data (both templates, random values) as rows of `C`
cells; each value cell carries the key it stands at and its number. A damage moves, copies,
drops or rewrites cells; the truth is what the damaged report still states: a cell that was
dropped, rewritten or fused states nothing, a swapped column takes its header with it (the
header says which column it is), and two value cells swapped in place state each other's
numbers. Rendered with tests/layouts.py in every pasted layout, as HTML and as Word.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from disclosure_cli.templates import T3_COLUMNS, T4_COLUMNS, T4_GROUPS, TEMPLATES, all_t3_rows

from . import layouts

FORMS = ("row", "cell", "markdown", "markdown_bare", "tab", "html", "docx")
DAMAGES = ("drop", "duplicate", "swap_cells", "swap_columns", "t4_header", "malform", "odd_cell", "fuse", "glue",
           "table_twice")
ODD = ("（空）", "二十", "abc", "约{n}", "N/A", "未统计")


def malformed(rng: random.Random, n: int) -> str:
    """A number written with a malformed grouping or split by a space: never well formed."""
    s, d = str(n), lambda k: "".join(str(rng.randint(0, 9)) for _ in range(k))
    first = f"{s[0]},{s[1:]}" if len(s) not in (1, 4) else f"{s[0]},{s[1:]}{d(1)}"  # `1,5200`, `2,07`
    return rng.choice((first, f"{s},{d(4)}", f"{s},{d(3)},{d(4)}", f"{s} {d(1)}", f"{s},", f"{s}.{d(1)}.{d(1)}",
                       f"{s},{d(2)}"))


@dataclass
class C:
    """One table cell: its text and, for a value cell, the key and number it states."""

    text: str
    key: str | None = None
    number: int | float | None = None


Item = str | list[C]


@dataclass
class Sample:
    """A report (or several glued into one file) as rows, with each report's truth: key →
    the number it states (None for a blank cell). A key absent from the truth has no number
    in the report: reading one there is wrong."""

    rows: list[Item]
    truths: list[dict[str, int | float | None]]
    damage: str = "none"
    note: str = ""
    target: tuple[str, str] | None = None  # a value cell rewritten: (key, its new text)
    table: str | None = None  # the table the damage is in, where a finding must name it

    def plain_rows(self) -> list:
        return [r if isinstance(r, str) else [c.text for c in r] for r in self.rows]

    def render(self, form: str) -> tuple[bytes, str]:
        """The file's bytes and a name whose suffix matches the form."""
        rows = self.plain_rows()
        if form == "html":
            return layouts.to_html(rows), "damaged.html"
        if form == "docx":
            return layouts.to_docx(rows, ragged=True), "damaged.docx"
        return layouts.render(rows, form).encode("utf-8"), "damaged.txt"


# ---------------------------------------------------------------- valid reports


def _number(rng: random.Random, money: bool = False) -> int | float:
    return round(rng.uniform(0, 900), 1) if money else rng.randint(0, 9999)


# Blank values as reports write them. A cell left empty cannot be told from layout padding at
# the end or start of a row, so a row that lost or gained a cell next to one is read as if it
# were padding: README, Limits. The generated reports write blanks with a placeholder.
PLACEHOLDERS = ("—", "/", "-", "无")


def _cell(key: str, n: int | float | None, blank: str = "—") -> C:
    return C(blank if n is None else str(n), key, n)


def _tree_rows(tree: list[tuple[str, list]]) -> list[list[str]]:
    """Header rows of a column tree, as a paste without spans gives them: each row holds the
    labels one level down from the cells above that have children."""
    out: list[list[str]] = []
    level = tree
    while level:
        out.append([name for name, _ in level])
        level = [child for _, children in level for child in children]
    return out


def t3_tree(order: list[str]) -> list[tuple[str, list]]:
    """Table 3's applicant header for a column order (keys), grouped as the template draws it:
    自然人, 法人或其他组织 (five kinds), 总计."""
    labels = {c.key: c.label for c in T3_COLUMNS}
    legal = [(labels[k], []) for k in order if k not in ("natural_person", "total")]
    tops = []
    for k in order:
        if k in ("natural_person", "total"):
            tops.append((labels[k], []))
        elif not any(name == "法人或其他组织" for name, _ in tops):
            tops.append(("法人或其他组织", legal))
    return tops


def t4_tree(groups: list[str], columns: dict[str, list[str]]) -> list[tuple[str, list]]:
    """Table 4's header: 行政复议 and 行政诉讼 (两组), each group over its five results."""
    glabel = {g.key: g.label for g in T4_GROUPS}
    clabel = {c.key: c.label for c in T4_COLUMNS}
    node = {g: (glabel[g], [(clabel[c], []) for c in columns[g]]) for g in groups}
    suits = [node[g] for g in groups if g != "review"]
    tops: list = []
    for g in groups:
        if g == "review":
            tops.append(node[g])
        elif not any(name == "行政诉讼" for name, _ in tops):
            tops.append(("行政诉讼", suits))
    return tops


def valid_report(rng: random.Random, template: str = "2021", year: int | None = None,
                 body: str | None = None) -> Sample:
    """A report with random values in every cell (a few blank), in the template's order."""
    year = year or (2022 if template == "2021" else 2020)
    body = body or f"示例{rng.randint(1, 999)}局"
    truth: dict[str, int | float | None] = {}
    rows: list[Item] = [
        f"{body}{year}年政府信息公开工作年度报告",
        f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
        "一、总体情况", "本年度依法依规推进政府信息公开工作。", "二、主动公开政府信息情况",
    ]

    def value(key: str, money: bool = False) -> C:
        n = None if rng.random() < 0.03 else _number(rng, money)
        truth[key] = n
        return _cell(key, n, rng.choice(PLACEHOLDERS))

    for block in TEMPLATES[template].t2:
        width = 1 + max(len(b.columns) for b in TEMPLATES[template].t2)
        rows.append([C(block.caption)] + [C("")] * (width - 1))
        rows.append([C("信息内容")] + [C(c.label) for c in block.columns] + [C("")] * (width - 1 - len(block.columns)))
        for spec in block.rows:
            cells = [value(f"t2.{spec.key}.{c.key}", c.key == "amount") for c in block.columns]
            rows.append([C(spec.label), *cells] + [C("")] * (width - 1 - len(cells)))
    rows.append("三、收到和处理政府信息公开申请情况")
    rows.append([C("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"), C("申请人情况")])
    rows += [[C(t) for t in r] for r in _tree_rows(t3_tree([c.key for c in T3_COLUMNS]))]
    for spec in TEMPLATES[template].t3_rows:
        rows.append([C(spec.label)] + [value(f"t3.{spec.key}.{c.key}") for c in T3_COLUMNS])
    rows.append("四、政府信息公开行政复议、行政诉讼情况")
    groups = [g.key for g in T4_GROUPS]
    rows += [[C(t) for t in r] for r in _tree_rows(t4_tree(groups, {g: [c.key for c in T4_COLUMNS] for g in groups}))]
    rows.append([value(f"t4.{g.key}.{c.key}") for g in T4_GROUPS for c in T4_COLUMNS])
    rows += ["五、存在的主要问题及改进情况", "一是政策解读形式仍较单一。下一步将加强培训。",
             "六、其他需要报告的事项", "本年度未收取信息处理费。"]
    return Sample(rows, [truth])


# ---------------------------------------------------------------- damage


def _value_cells(rows: list[Item]) -> list[tuple[int, int]]:
    return [(ri, ci) for ri, r in enumerate(rows) if not isinstance(r, str) for ci, c in enumerate(r) if c.key]


def _table_cells(rows: list[Item]) -> list[tuple[int, int]]:
    return [(ri, ci) for ri, r in enumerate(rows) if not isinstance(r, str) for ci, c in enumerate(r) if c.text]



def _truth(rows: list[Item]) -> dict[str, int | float | None]:
    return {c.key: c.number for r in rows if not isinstance(r, str) for c in r if c.key}


def _copy(rows: list[Item]) -> list[Item]:
    return [r if isinstance(r, str) else [C(c.text, c.key, c.number) for c in r] for r in rows]


def _t3_rows(rows: list[Item]) -> list[int]:
    return [i for i, r in enumerate(rows) if not isinstance(r, str) and r and r[0].text in {s.label for s in all_t3_rows()}]


def _header_rows(rows: list[Item], labels: set[str]) -> list[int]:
    return [i for i, r in enumerate(rows) if not isinstance(r, str) and r and any(c.text in labels for c in r)
            and not any(c.key for c in r) and r[0].text not in {s.label for s in all_t3_rows()}]


def _swap_t3_columns(rng: random.Random, rows: list[Item]) -> str:
    """Two applicant columns swapped, header and values alike (siblings in the header)."""
    order = [c.key for c in T3_COLUMNS]
    top = ["natural_person", "legal", "total"]
    legal = order[1:6]
    if rng.random() < 0.5:
        i, j = rng.sample(range(5), 2)
        legal[i], legal[j] = legal[j], legal[i]
    else:
        i, j = rng.sample(range(3), 2)
        top[i], top[j] = top[j], top[i]
    new = [k for t in top for k in (legal if t == "legal" else [t])]
    header = {c.label for c in T3_COLUMNS} | {"法人或其他组织"}
    hrows = [i for i in _header_rows(rows, header) if i < _t3_rows(rows)[0]]
    for i, r in zip(hrows, _tree_rows(t3_tree(new)), strict=True):
        rows[i] = [C(t) for t in r]
    pos = {k: n for n, k in enumerate(order)}
    for i in _t3_rows(rows):
        r = rows[i]
        rows[i] = [r[0]] + [r[1 + pos[k]] for k in new]
    return "表三列 " + ",".join(new)


_T4_LABELS = {g.label for g in T4_GROUPS} | {c.label for c in T4_COLUMNS} | {"行政诉讼"}


def _t4_rows(rows: list[Item]) -> tuple[list[int], int]:
    """Table 4's header rows and its data row."""
    data = next(i for i, r in enumerate(rows) if not isinstance(r, str) and r and r[0].key and r[0].key.startswith("t4."))
    return [i for i in _header_rows(rows, _T4_LABELS) if _t3_rows(rows)[-1] < i < data], data


def _t4_leaves(groups: list[str], columns: dict[str, list[str]]) -> list[str]:
    """The keys of table 4's columns in the order its header draws them (its leaf order)."""
    leaves: list[str] = []

    def walk(nodes, path):
        for name, children in nodes:
            if children:
                walk(children, path + [name])
            else:
                g = next(g.key for g in T4_GROUPS if g.label in path)
                c = next(c.key for c in T4_COLUMNS if c.label == name)
                leaves.append(f"t4.{g}.{c}")

    walk(t4_tree(groups, columns), [])
    return leaves


def _t4_order(rng: random.Random) -> tuple[list[str], dict[str, list[str]]]:
    """Two table-4 groups, or two result columns of one group, swapped."""
    groups = [g.key for g in T4_GROUPS]
    columns = {g: [c.key for c in T4_COLUMNS] for g in groups}
    if rng.random() < 0.3:  # two groups swapped: the suits before 行政复议, or the two suits
        groups = rng.choice((["suit_direct", "suit_after_review", "review"], ["review", "suit_after_review", "suit_direct"]))
    else:
        g = rng.choice(groups)
        i, j = rng.sample(range(5), 2)
        columns[g][i], columns[g][j] = columns[g][j], columns[g][i]
    return groups, columns


def _relabel_t4(rows: list[Item], groups: list[str], columns: dict[str, list[str]], move: bool) -> list[str]:
    """Table 4's header redrawn in another order; its values moved with their columns, or
    left in place (then the header says they are other columns' values)."""
    hrows, data = _t4_rows(rows)
    old = [c.key for c in rows[data]]
    for i, r in zip(hrows, _tree_rows(t4_tree(groups, columns)), strict=True):
        rows[i] = [C(t) for t in r]
    leaves = _t4_leaves(groups, columns)
    by_key = {c.key: c for c in rows[data]}
    if move:
        rows[data] = [by_key[k] for k in leaves]
    else:
        rows[data] = [replace(by_key[o], key=k) for o, k in zip(old, leaves, strict=True)]
    return leaves


def _swap_t4_columns(rng: random.Random, rows: list[Item]) -> str:
    """Two table-4 groups, or two result columns of one group, swapped with their headers."""
    leaves = _relabel_t4(rows, *_t4_order(rng), move=True)
    return "表四列 " + ",".join(k[3:] for k in leaves)


def _damage_t4_header(rng: random.Random, rows: list[Item]) -> tuple[str, bool]:
    """Table 4's header damaged, after (half the time) its columns were reordered with their
    values: its group labels swapped on the first line alone (a header that contradicts
    itself), its labels redrawn in another order over values left in place (a clean header:
    it says which column is which), or one header line dropped. Returns a note and whether
    the header still states which column is which without a guess (else: no value).

    A line is dropped from a header in the template's order only: a header missing labels is
    read in the template's order with a warning (README, Limits), so one that lost the very
    line that said the columns were reordered is read wrong."""
    how = rng.choice(("swap_groups", "relabel", "drop_line"))
    note = _swap_t4_columns(rng, rows) + "; " if how != "drop_line" and rng.random() < 0.5 else ""
    hrows, _ = _t4_rows(rows)
    if how == "swap_groups":
        first = rows[hrows[0]]
        first[0], first[1] = first[1], first[0]
        return note + "表四表头第一行两组互换", False
    if how == "relabel":
        leaves = _relabel_t4(rows, *_t4_order(rng), move=False)
        return note + "表四表头改序、数值不动 " + ",".join(k[3:] for k in leaves), True
    i = rng.choice(hrows)
    del rows[i]
    return note + f"表四表头删去第{hrows.index(i) + 1}行", True


def _swap_t2_columns(rng: random.Random, rows: list[Item]) -> str:
    """Two columns of a table-2 block swapped, its header and its rows alike."""
    heads = [i for i, r in enumerate(rows) if not isinstance(r, str) and r and r[0].text == "信息内容"
             and sum(1 for c in r[1:] if c.text) > 1]
    h = rng.choice(heads)
    width = sum(1 for c in rows[h][1:] if c.text)
    i, j = (1 + k for k in rng.sample(range(width), 2))
    r = h
    while True:
        row = rows[r]
        row[i], row[j] = row[j], row[i]
        r += 1
        if r >= len(rows) or isinstance(rows[r], str) or not any(c.key for c in rows[r]):
            break
    return f"表二 {rows[h][i].text}⇄{rows[h][j].text}"


def damage(rng: random.Random, sample: Sample, kind: str, other: Sample | None = None) -> Sample:
    """One damage of `kind` at a random place of a valid report."""
    rows = _copy(sample.rows)
    note = ""
    if kind in ("drop", "duplicate"):
        ri, ci = rng.choice(_table_cells(rows))
        c = rows[ri][ci]
        if kind == "drop":
            del rows[ri][ci]
        else:
            rows[ri].insert(ci, C(c.text))  # the copy states nothing
        note = f"{kind} {c.text!r} at row {ri}"
    elif kind == "swap_cells":  # in a row of values (header cells swapped alone relabel columns)
        ri = rng.choice([i for i, r in enumerate(rows) if not isinstance(r, str) and sum(1 for c in r if c.key) >= 2])
        i, j = rng.sample([ci for ci, c in enumerate(rows[ri]) if c.text], 2)
        a, b = rows[ri][i], rows[ri][j]
        if a.key and b.key:  # two values swapped in place: each now states the other's number
            rows[ri][i], rows[ri][j] = C(b.text, a.key, b.number), C(a.text, b.key, a.number)
        else:  # the row label moved among the values: cells travel, none is at a new key
            rows[ri][i], rows[ri][j] = b, a
        note = f"swap {a.text!r} {b.text!r} in row {ri}"
    elif kind == "swap_columns":
        table = rng.choice(("t2", "t3", "t4"))
        swap = {"t2": _swap_t2_columns, "t3": _swap_t3_columns, "t4": _swap_t4_columns}[table]
        note = swap(rng, rows)
        return Sample(rows, [_truth(rows)], kind, note, table=table)
    elif kind == "t4_header":
        note, states = _damage_t4_header(rng, rows)
        truth = {k: v for k, v in _truth(rows).items() if states or not k.startswith("t4.")}
        return Sample(rows, [truth], kind, note, table="t4")
    elif kind in ("malform", "odd_cell"):
        ri, ci = rng.choice([(ri, ci) for ri, ci in _value_cells(rows) if rows[ri][ci].number is not None])
        c = rows[ri][ci]
        n = int(c.number or 0)
        text = malformed(rng, n) if kind == "malform" else rng.choice(ODD).format(n=n)
        rows[ri][ci] = C(text)
        assert c.key is not None
        return Sample(rows, [_truth(rows)], kind, f"{kind} {c.key}: {c.text!r} → {text!r}", (c.key, text), c.key[:2])
    elif kind == "fuse":
        ri = rng.choice([ri for ri, r in enumerate(rows) if not isinstance(r, str) and sum(1 for c in r if c.key) >= 2])
        r = rows[ri]
        labels = "".join(c.text for c in r if not c.key)
        rows[ri] = [C(labels + "".join(c.text for c in r if c.key))]
        return Sample(rows, [_truth(rows)], kind, f"fuse row {ri}", table=next(c.key for c in r if c.key)[:2] if labels else None)
    elif kind == "glue":
        assert other is not None
        return Sample(rows + _copy(other.rows), [_truth(rows), _truth(other.rows)], kind, "two reports")
    elif kind == "table_twice":  # table 3 again after itself; sometimes a copy that differs
        start = _t3_rows(rows)[0] - 3
        end = _t3_rows(rows)[-1] + 1
        copy = _copy(rows[start:end])
        changed = None
        if rng.random() < 0.5:
            ri, ci = rng.choice(_value_cells(copy))
            changed = copy[ri][ci].key
            copy[ri][ci].text = str(int(copy[ri][ci].number or 0) + 1)
        for r in copy:
            for c in r if not isinstance(r, str) else []:
                c.key = None
        rows[end:end] = copy
        truth = _truth(rows)
        truth.pop(changed, None)  # two different numbers: the report states neither for certain
        return Sample(rows, [truth], kind, f"table 3 twice, {changed or 'same values'}", table="t3")
    return Sample(rows, [_truth(rows)], kind, note)


def damaged_sample(kind: str, seed: int) -> Sample:
    """A valid report (either template) with one damage of `kind`, from a seed (for hypothesis)."""
    rng = random.Random(seed)
    base = valid_report(rng, rng.choice(("2019", "2021")))
    other = valid_report(rng, rng.choice(("2019", "2021")), body="另一局") if kind == "glue" else None
    return damage(rng, base, kind, other)
