"""Realistic generated reports for the benchmark: consistent tables (every identity of the
rule catalogue holds) and prose that restates them, in the four pasted layouts; one report in
ten carries a single wrong number, as real batches do."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from disclosure_cli.templates import T3_NOT_OUTCOMES, for_year  # noqa: E402
from tests.layouts import render  # noqa: E402  (the same renderer the tests use)

FIRST_YEAR = 2021  # reports on 2021 … 2024, all on the template in force then
TEMPLATE = for_year(FIRST_YEAR)
OUTCOMES = [r for r in TEMPLATE.t3_rows if r.key not in T3_NOT_OUTCOMES]
LAYOUTS = ("row", "cell", "markdown", "tab")


def _t3(rng: random.Random) -> dict[str, list[int]]:
    rows: dict[str, list[int]] = {}
    for r in OUTCOMES:
        rows[r.key] = [rng.choice((0, 0, 0, rng.randint(0, 40))) if i in (0, 1, 4) else 0 for i in range(6)]
    handled = [sum(rows[r.key][i] for r in OUTCOMES) for i in range(6)]
    over = [rng.randint(0, 3) if i == 0 else 0 for i in range(6)]
    forward = [rng.randint(0, 5) if i == 0 else 0 for i in range(6)]
    over = [min(o, h + f) for o, h, f in zip(over, handled, forward, strict=True)]
    rows["handled_total"] = handled
    rows["carried_over"] = over
    rows["carried_forward"] = forward
    rows["new_received"] = [h + f - o for h, f, o in zip(handled, forward, over, strict=True)]
    return {k: v + [sum(v)] for k, v in rows.items()}


def report_rows(rng: random.Random, year: int) -> list:
    """Rows (prose strings or cell lists) of one consistent report on TEMPLATE."""
    t3 = _t3(rng)
    review = [rng.randint(0, 3) for _ in range(4)]
    suits = [[rng.randint(0, 2) for _ in range(4)] for _ in range(2)]
    out: list = [f"示例{rng.randint(1, 999)}局{year}年政府信息公开工作年度报告",
                 f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。", "一、总体情况",
                 f"本年度共收到政府信息公开申请{t3['new_received'][6]}件，上年结转{t3['carried_over'][6]}件，"
                 f"办结{t3['handled_total'][6]}件，结转下年度继续办理{t3['carried_forward'][6]}件。",
                 "二、主动公开政府信息情况"]
    for block in TEMPLATE.t2:
        out.append([block.caption, "", "", ""])
        out.append(["信息内容", *[c.label for c in block.columns]] + [""] * (3 - len(block.columns)))
        for spec in block.rows:
            values = [str(round(rng.uniform(0, 500), 1)) if c.key == "amount" else str(rng.randint(0, 3000)) for c in block.columns]
            out.append([spec.label, *values] + [""] * (3 - len(values)))
    out += ["三、收到和处理政府信息公开申请情况",
            ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
            ["自然人", "法人或其他组织", "总计"], ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]
    for r in TEMPLATE.t3_rows:
        if r.key in t3:
            out.append([r.label, *map(str, t3[r.key])])
    out += ["四、政府信息公开行政复议、行政诉讼情况", ["行政复议", "行政诉讼"],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
            [str(x) for g in (review, *suits) for x in (*g, sum(g))],
            "五、存在的主要问题及改进情况", "一是政策解读形式仍较单一；二是队伍建设有待加强。下一步将加强培训，提升公开质量。",
            "六、其他需要报告的事项", "本年度未收取信息处理费。"]
    return out


def generate(folder: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    for i in range(count):
        rows = report_rows(rng, FIRST_YEAR + i % 4)
        if i % 10 == 9:  # one wrong number
            table_rows = [r for r in rows if isinstance(r, list) and len(r) == 8]
            victim = rng.choice(table_rows)
            victim[1] = str(int(victim[1]) + 1)
        (folder / f"report_{i:06d}.txt").write_text(render(rows, LAYOUTS[i % 4]), encoding="utf-8")
