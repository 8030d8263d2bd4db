"""Which kind of body issued a report, read from its name: the level of government (乡镇/街道,
县级, 设区的市, 省级) and whether it is the government itself or one of its departments.

The deadline (P-DEADLINE), who may make 规章 (T2-RULEMAKER) and what section 一 must cover
(S-SECTION1) depend on it. Names are read left to right as place names, each ending in a unit
(淮安市 · 洪泽区 · 人民政府); the last place decides the level. A name that cannot be read
gives None, and the rules that need it stay silent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Report

# A place: at least two characters, then its unit (the shortest such run, so that
# 示例县市场监督管理局 reads 示例县 + 市场监督管理局, not 示例县市). A department's words are not
# places: 住房和城乡建设局 holds no 乡, 乡村振兴局 no 乡.
_PLACE = re.compile(r"([^和与及局委厅办部会站所院处队]{2,}?)(自治区|自治州|自治县|自治旗|街道|省|市|县|区|旗|盟|镇|乡)"
                    r"(?!村|建设|场|域)")
_MUNICIPALITIES = ("北京", "上海", "天津", "重庆")  # 直辖市: provincial level
_GOVERNMENT = re.compile(r"^(?:人民政府|政府)$")
LEVELS = ("town", "county", "city", "province")


@dataclass(frozen=True)
class Body:
    level: str  # one of LEVELS
    government: bool  # the 人民政府 itself (not a department, office or agency of it)
    place: str  # the last place name read (洪泽区)


def body(report: Report) -> Body | None:
    """The issuing body's level, from the agency name, else the title (once per report)."""
    if "body" not in report.derived:
        report.derived["body"] = next(filter(None, (read_body(n) for n in (report.agency, report.title))), None)
    return report.derived["body"]


def read_body(name: str | None) -> Body | None:
    text = re.sub(r"[\s()（）]", "", name or "")
    text = re.sub(r"(?:19|20)\d{2}年.*$", "", text)  # a title: the name is what precedes the year
    places: list[tuple[str, str]] = []
    pos = 0
    while m := _PLACE.match(text, pos):
        places.append((m.group(1), m.group(2)))
        pos = m.end()
    if not places:
        return None
    place, unit = places[-1]
    if unit in ("镇", "乡", "街道"):
        level = "town"
    elif unit in ("县", "区", "旗", "自治县", "自治旗"):
        level = "county"
    elif unit in ("省", "自治区") or (unit == "市" and place in _MUNICIPALITIES and len(places) == 1):
        level = "province"
    else:  # 市 (taken as 设区的市: a 县级市 cannot be told from its name), 自治州, 盟
        level = "city"
    rest = text[pos:]
    return Body(level, bool(_GOVERNMENT.match(rest)), place + unit)
