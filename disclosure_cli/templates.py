"""The national templates as data: tables, rows, columns, labels and the phrases that
recognise them in real reports; and the facts every stage shares about them (keys, table
names, value kinds). No other module knows a template by name: each reads a `Template`
record from TEMPLATES, so a new national template is one more record here.

Template `2019` is 国办公开办函〔2019〕60号 (reports on 2019 and 2020); `2021` is
国办公开办函〔2021〕30号 (reports on 2021 onward). Keys follow docs/keys.md.

Labels are matched after `normalize.label()` (NFKC, no spaces, half-width brackets, `1.`
numbering). A row's `match` phrases are searched inside a cell, so wrapped and
one-character-per-line labels from PDFs still anchor; `variants` maps a misprint or
unofficial wording found in real reports to the official one (rule S-LABEL reports it).
Adding a new label variant is one line here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Col:
    key: str
    label: str


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str
    match: tuple[str, ...]
    # A label that is a row in one layout and a group heading in another (（六）其他处理).
    may_be_group: bool = False


@dataclass(frozen=True)
class Block:
    """A table-2 block: caption 第二十条第（X）项, its columns and rows."""

    caption: str
    columns: tuple[Col, ...]
    rows: tuple[RowSpec, ...]


# Value kinds: how a cell is read and which non-negativity rule applies.
COUNT, SIGNED, MONEY = "count", "signed", "money"

# The three statutory tables: key prefix → name in messages.
TABLE_NAMES = {"t2": "表二（主动公开）", "t3": "表三（收到和处理申请）", "t4": "表四（行政复议、行政诉讼）"}
TABLES = tuple(TABLE_NAMES)

# ---------------------------------------------------------------- table 2 (主动公开)

_T2_2021 = (
    Block(
        "第二十条第(一)项",
        (Col("issued", "本年制发件数"), Col("repealed", "本年废止件数"), Col("in_force", "现行有效件数")),
        (
            RowSpec("regulations", "规章", ("规章",)),
            RowSpec("normative_docs", "行政规范性文件", ("行政规范性文件", "规范性文件")),
        ),
    ),
    Block("第二十条第(五)项", (Col("decisions", "本年处理决定数量"),), (RowSpec("licensing", "行政许可", ("行政许可",)),)),
    Block(
        "第二十条第(六)项",
        (Col("decisions", "本年处理决定数量"),),
        (RowSpec("penalty", "行政处罚", ("行政处罚",)), RowSpec("coercion", "行政强制", ("行政强制",))),
    ),
    Block(
        "第二十条第(八)项",
        (Col("amount", "本年收费金额（单位：万元）"),),
        (RowSpec("fees", "行政事业性收费", ("行政事业性收费",)),),
    ),
)

_ITEMS3 = (Col("prev_items", "上一年项目数量"), Col("change", "本年增/减"), Col("decisions", "处理决定数量"))
_T2_2019 = (
    Block(
        "第二十条第(一)项",
        (Col("new_made", "本年新制作数量"), Col("new_published", "本年新公开数量"), Col("total_public", "对外公开总数量")),
        (
            RowSpec("regulations", "规章", ("规章",)),
            RowSpec("normative_docs", "规范性文件", ("规范性文件",)),
        ),
    ),
    Block(
        "第二十条第(五)项",
        _ITEMS3,
        (RowSpec("licensing", "行政许可", ("行政许可",)), RowSpec("other_services", "其他对外管理服务事项", ("其他对外管理服务事项",))),
    ),
    Block(
        "第二十条第(六)项",
        _ITEMS3,
        (RowSpec("penalty", "行政处罚", ("行政处罚",)), RowSpec("coercion", "行政强制", ("行政强制",))),
    ),
    Block("第二十条第(八)项", _ITEMS3[:2], (RowSpec("fees", "行政事业性收费", ("行政事业性收费",)),)),
    Block(
        "第二十条第(九)项",
        (Col("projects", "采购项目数量"), Col("amount", "采购总金额")),
        (RowSpec("procurement", "政府集中采购", ("政府集中采购",)),),
    ),
)


def value_kind(key: str) -> str:
    """How a table-2 cell is read, by its column: money amounts keep decimals and units,
    增/减 is signed, everything else is a count."""
    col = key.rsplit(".", 1)[1]
    if col == "amount":
        return MONEY
    if col == "change":
        return SIGNED
    return COUNT


# ---------------------------------------------------------------- table 3 (依申请)

T3_COLUMNS = (
    Col("natural_person", "自然人"),
    Col("commercial", "商业企业"),
    Col("research", "科研机构"),
    Col("social", "社会公益组织"),
    Col("legal", "法律服务机构"),
    Col("other", "其他"),
    Col("total", "总计"),
)
T3_APPLICANT_COLUMNS = tuple(c.key for c in T3_COLUMNS[:-1])
# Rows outside 三、本年度办理结果: the balance 一 + 二 = 三(七) + 四 (T3-BAL), not outcomes.
T3_NOT_OUTCOMES = ("new_received", "carried_over", "handled_total", "carried_forward")
_T3_HEAD = (
    RowSpec("new_received", "一、本年新收政府信息公开申请数量", ("本年新收",)),
    RowSpec("carried_over", "二、上年结转政府信息公开申请数量", ("上年结转",)),
    RowSpec("granted", "（一）予以公开", ("予以公开",)),
    RowSpec("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ("部分公开",)),
    RowSpec("withheld.state_secret", "1.属于国家秘密", ("国家秘密",)),
    RowSpec("withheld.law_prohibited", "2.其他法律行政法规禁止公开", ("法律行政法规禁止", "其他法律行政")),
    RowSpec("withheld.security_stability", "3.危及“三安全一稳定”", ("三安全一稳定",)),
    RowSpec("withheld.third_party", "4.保护第三方合法权益", ("第三方合法权益",)),
    RowSpec("withheld.internal_affairs", "5.属于三类内部事务信息", ("内部事务", "内容事务")),
    RowSpec("withheld.process_info", "6.属于四类过程性信息", ("过程性信息",)),
    RowSpec("withheld.enforcement_files", "7.属于行政执法案卷", ("行政执法案卷",)),
    RowSpec("withheld.query_matters", "8.属于行政查询事项", ("行政查询事项",)),
    RowSpec("unable.not_held", "1.本机关不掌握相关政府信息", ("不掌握",)),
    RowSpec("unable.needs_creation", "2.没有现成信息需要另行制作", ("没有现成", "另行制作")),
    RowSpec("unable.unclear", "3.补正后申请内容仍不明确", ("补正后申请",)),
    RowSpec("not_processed.petition", "1.信访举报投诉类申请", ("信访举报投诉",)),
    RowSpec("not_processed.duplicate", "2.重复申请", ("重复申请",)),
    RowSpec("not_processed.publication", "3.要求提供公开出版物", ("公开出版物",)),
    RowSpec("not_processed.excessive", "4.无正当理由大量反复申请", ("大量反复",)),
    RowSpec("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息", ("重新出具",)),
)
_T3_TAIL = (
    RowSpec("handled_total", "（七）总计", ("(七)总计", "(七)合计", "办理结果总计")),
    RowSpec("carried_forward", "四、结转下年度继续办理", ("结转下年度",)),
)
# （六）其他处理: one row (2019), or a group of three rows (2021).
_T3_2019 = (*_T3_HEAD, RowSpec("other_handling", "（六）其他处理", ("(六)其他处理",), may_be_group=True), *_T3_TAIL)
_T3_2021 = (
    *_T3_HEAD,
    RowSpec(
        "other_handling.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ("逾期不补正",),
    ),
    RowSpec(
        "other_handling.unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ("收费通知", "缴纳费用"),
    ),
    RowSpec("other_handling.other", "3.其他", ("3.其他",)),
    *_T3_TAIL,
)

# Header words the official tables print besides the cell labels (for exports in the layout).
T2_ITEM_HEADER = "信息内容"  # over the row labels of each table-2 block
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"  # table 3's corner
T3_APPLICANTS = "申请人情况"  # over all columns
T3_ORGANISATIONS = "法人或其他组织"  # over the columns between 自然人 and 总计
T3_OUTCOMES = "三、本年度办理结果"  # beside the rows （一） … （七）

T3_GROUP_LABELS = {
    "withheld": "（三）不予公开",
    "unable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other_handling": "（六）其他处理",
}

# ---------------------------------------------------------------- table 4 (复议、诉讼)

T4_GROUPS = (Col("review", "行政复议"), Col("suit_direct", "未经复议直接起诉"), Col("suit_after_review", "复议后起诉"))
T4_LITIGATION = "行政诉讼"  # the header over the two suit groups
T4_COLUMNS = (
    Col("upheld", "结果维持"),
    Col("corrected", "结果纠正"),
    Col("other", "其他结果"),
    Col("pending", "尚未审结"),
    Col("total", "总计"),
)
T4_HEADER_WORDS = (T4_GROUPS[0].label, T4_LITIGATION, *(g.label for g in T4_GROUPS[1:]), *(c.label for c in T4_COLUMNS))

# ---------------------------------------------------------------- column headers


@dataclass(frozen=True, eq=False)  # compared by identity: a tree is built once, used many times
class Header:
    """A header cell over columns: its label, the key part it stands for (a column, or a
    table-4 group) and the header cells drawn under it. A header without children is a column."""

    label: str
    key: str | None = None
    children: tuple[Header, ...] = ()

    def leaves(self, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
        path = prefix + ((self.key,) if self.key else ())
        return [path] if not self.children else [p for c in self.children for p in c.leaves(path)]


# Table 3's applicant header as the template draws it: 自然人 | 法人或其他组织 (five) | 总计.
T3_HEADER = Header(T3_APPLICANTS, children=(
    Header(T3_COLUMNS[0].label, T3_COLUMNS[0].key),
    Header(T3_ORGANISATIONS, children=tuple(Header(c.label, c.key) for c in T3_COLUMNS[1:-1])),
    Header(T3_COLUMNS[-1].label, T3_COLUMNS[-1].key),
))
_T4_RESULTS = tuple(Header(c.label, c.key) for c in T4_COLUMNS)
# Table 4's header: 行政复议 (five results) | 行政诉讼 (未经复议直接起诉, 复议后起诉: five each).
T4_HEADER = Header("", children=(
    Header(T4_GROUPS[0].label, T4_GROUPS[0].key, _T4_RESULTS),
    Header(T4_LITIGATION, children=tuple(Header(g.label, g.key, _T4_RESULTS) for g in T4_GROUPS[1:])),
))

# ---------------------------------------------------------------- anchors and variants

# Misprints and unofficial wordings seen in published reports: found text → official text.
LABEL_VARIANTS = {
    "只计这一情况": "只计这一情形",
    "三类内容事务信息": "三类内部事务信息",
    "其他法律行政止公开": "其他法律行政法规禁止公开",
    "(七)合计": "(七)总计",
    "办理结果总计": "(七)总计",
}

# Cells that open each table (normalised text contains one of these).
T2_ANCHORS = tuple(f"第二十条第({n})项" for n in "一五六八九")  # any block caption; a copy may start mid-table
T3_ANCHORS = ("本列数据的勾稽关系", "本年新收政府信息公开申请数量")
T4_ANCHORS = ("行政复议", T4_LITIGATION)  # its header (either group first); or the section heading 四

# Section headings 一 … 六: number → (canonical heading, phrases that recognise it).
SECTIONS = {
    1: ("一、总体情况", ("总体情况",)),
    2: ("二、主动公开政府信息情况", ("主动公开政府信息情况",)),
    3: ("三、收到和处理政府信息公开申请情况", ("收到和处理政府信息公开申请",)),
    4: ("四、政府信息公开行政复议、行政诉讼情况", ("行政复议",)),
    5: ("五、存在的主要问题及改进情况", ("存在的主要问题", "存在问题", "主要问题")),
    6: ("六、其他需要报告的事项", ("其他需要报告",)),
}

# What section 一 must cover under the 2021 template (30号), each aspect with the words that
# show it (Template.section1); a 人民政府's report also gives the results of 考核/社会评议/责任追究
# (条例 第五十条（四）), whatever the template.
_SECTION1_2021 = (
    ("主动公开", ("主动公开", "公开政府信息", "发布")),
    ("依申请公开", ("依申请", "申请公开", "公开申请")),
    ("政府信息管理", ("信息管理", "公开属性", "保密审查", "发布审核", "审查")),
    ("平台建设", ("平台", "网站", "新媒体")),
    ("监督保障", ("监督", "保障", "考核", "培训", "督查", "督促")),
)
GOVERNMENT_RESULTS = (("工作考核", ("考核",)), ("社会评议", ("评议",)), ("责任追究", ("追究", "问责")))

# The pre-2019 statistics layout (国办发〔2014〕32号): out of scope, recognised to say so.
PRE2019_MARKERS = ("当面申请", "同意公开答复", "网络申请", "信函申请", "传真申请", "依申请公开信息目录")


# ---------------------------------------------------------------- the templates


@dataclass(frozen=True)
class Template:
    """Everything template-specific, as data: a new national template is one more record."""

    id: str  # the year of its circular, used in messages: 「2021年格式」
    circular: str  # 国办公开办函〔2021〕30号
    first_year: int  # the first report year it applies to
    last_year: int | None  # the last (None: still in force)
    fingerprints: tuple[str, ...]  # table-2 phrases only this template's tables print (docs/report-format.md §2.1)
    t2: tuple[Block, ...]
    t3_rows: tuple[RowSpec, ...]
    six_form: str  # how its table 3 draws （六）其他处理, for the hybrid message
    t2_verbs: tuple[tuple[str, str], ...]  # N-T2: verb in the prose → table-2 column it states
    money_unit: str | None  # unit of table-2 amounts when their header names none
    # S-SECTION1: the aspects section 一 must cover, each with the words that show it
    section1: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def applies_to(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)


TEMPLATES: dict[str, Template] = {
    t.id: t
    for t in (
        Template(
            "2019", "国办公开办函〔2019〕60号", 2019, 2020,
            ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "其他对外管理服务事项",
             "第二十条第(九)项", "政府集中采购"),
            _T2_2019, _T3_2019, "single （六）其他处理 row",
            (("新制作", "new_made"), ("制作", "new_made"), ("公开", "new_published")),
            None,
        ),
        Template(
            "2021", "国办公开办函〔2021〕30号", 2021, None,
            ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额"),
            _T2_2021, _T3_2021, "（六）其他处理 split into 3 rows",
            (("制发", "issued"), ("印发", "issued"), ("出台", "issued"), ("废止", "repealed"), ("现行有效", "in_force")),
            "万元", _SECTION1_2021,
        ),
    )
}


def register(template: Template) -> None:
    """Add a template (a new national notice): every stage reads it from TEMPLATES."""
    TEMPLATES[template.id] = template


def for_year(year: int) -> Template | None:
    """The template a report on `year` must use: the newest one in force that year."""
    fitting = [t for t in TEMPLATES.values() if t.applies_to(year)]
    return max(fitting, key=lambda t: t.first_year) if fitting else None


def cell_keys(table: str, rows, columns) -> list[str]:
    """`table.row.column` for every row × column: the canonical keys of docs/keys.md."""
    return [f"{table}.{r.key}.{c.key}" for r in rows for c in columns]


def t2_keys(template: str) -> list[str]:
    return [k for b in TEMPLATES[template].t2 for k in cell_keys("t2", b.rows, b.columns)]


def t3_rows(template: str) -> tuple[RowSpec, ...]:
    return TEMPLATES[template].t3_rows


def t3_keys(template: str) -> list[str]:
    return cell_keys("t3", t3_rows(template), T3_COLUMNS)


def t4_keys() -> list[str]:
    return cell_keys("t4", T4_GROUPS, T4_COLUMNS)


@cache
def keys(template: str) -> tuple[str, ...]:
    """Every canonical key of a template, in table order (198 for 2019, 200 for 2021)."""
    return tuple(t2_keys(template) + t3_keys(template) + t4_keys())


def all_t3_rows() -> tuple[RowSpec, ...]:
    """Table-3 rows of every template in table order: both forms of （六）."""
    return _all_t3_rows(tuple(TEMPLATES))


@cache
def _all_t3_rows(ids: tuple[str, ...]) -> tuple[RowSpec, ...]:
    out: list[RowSpec] = []
    for t in ids:
        rows = TEMPLATES[t].t3_rows
        for i, r in enumerate(rows):
            if r in out:
                continue
            # before the next row of this template already placed (or at the end)
            after = [out.index(x) for x in rows[i + 1 :] if x in out]
            out.insert(after[0] if after else len(out), r)
    return tuple(out)


def all_keys() -> list[str]:
    """Every canonical key of every template (and both forms of （六）), in table order."""
    return list(_all_keys(tuple(TEMPLATES)))


@cache
def _all_keys(ids: tuple[str, ...]) -> tuple[str, ...]:
    t2 = list(dict.fromkeys(k for t in ids for k in t2_keys(t)))
    return tuple(t2 + cell_keys("t3", all_t3_rows(), T3_COLUMNS) + t4_keys())


@cache
def labels(template: str) -> dict[str, tuple[str, str]]:
    """key → (official row label, official column label), for messages and exports; table 3
    with both forms of （六）."""
    out: dict[str, tuple[str, str]] = {}
    for b in TEMPLATES[template].t2:
        for r in b.rows:
            for c in b.columns:
                out[f"t2.{r.key}.{c.key}"] = (r.label, c.label)
    for r in all_t3_rows():
        for c in T3_COLUMNS:
            out[f"t3.{r.key}.{c.key}"] = (r.label, c.label)
    for g in T4_GROUPS:
        for c in T4_COLUMNS:
            out[f"t4.{g.key}.{c.key}"] = (g.label, c.label)
    return out


def all_labels() -> dict[str, tuple[str, str]]:
    """key → official labels over every template (a later template's wording wins)."""
    return {k: v for t in TEMPLATES for k, v in labels(t).items()}


@cache
def frame_labels() -> frozenset[str]:
    """Every label of the tables' frame (headers, column and group labels) of every template:
    text that is never a value."""
    words = {T2_ITEM_HEADER, T3_OUTCOMES, T3_HEADER.label, T3_ORGANISATIONS, *T4_HEADER_WORDS}
    words.update(c.label for c in T3_COLUMNS)
    words.update(T3_GROUP_LABELS.values())
    words.update(c.label for t in TEMPLATES.values() for b in t.t2 for c in b.columns)
    return frozenset(words)
