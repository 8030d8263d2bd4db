"""`--format junit`: JUnit XML for CI dashboards: a test suite per file, a test case per file
and rule, failing when the rule has findings at or above `--fail-on`; an unreadable file is
an error case; cross-year pairs get a suite of their own."""

from __future__ import annotations

import re
from xml.sax import saxutils

from ..model import fails
from ..rules import RULES
from .base import Formatter as Base

# Characters XML 1.0 does not allow at all, escaped or not: a report or file name holding one
# would make the CI's parser reject the whole file. Each becomes U+FFFD.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    return saxutils.escape(_NOT_XML.sub("\ufffd", text))


def quoteattr(text: str) -> str:
    return saxutils.quoteattr(_NOT_XML.sub("\ufffd", text))


class Formatter(Base):
    def begin(self) -> None:
        self.suites: list[str] = []
        self.totals = [0, 0, 0]  # tests, failures, errors

    def _failing(self, findings) -> list:
        return [f for f in findings if fails(f, self.fail_on)]

    def _suite(self, name: str, rule_ids, findings, error: str | None = None) -> None:
        cases = []
        failures = errors = 0
        if error:
            errors = 1
            cases.append(f'<testcase classname={quoteattr(name)} name="read"><error message={quoteattr(error)}/></testcase>')
        else:
            for rule_id in rule_ids:
                mine = [f for f in findings if f.rule == rule_id]
                failing = self._failing(mine)
                body = "\n".join(f"{f.severity} {f.rule} {f.message} [{f.locations[0] if f.locations else '-'}]" for f in mine)
                case = f"<testcase classname={quoteattr(name)} name={quoteattr(rule_id)}>"
                if failing:
                    failures += 1
                    case += f"<failure message={quoteattr(f'{len(failing)} finding(s)')}>{escape(body)}</failure>"
                elif mine:
                    case += f"<system-out>{escape(body)}</system-out>"
                cases.append(case + "</testcase>")
        tests = len(cases)
        self.totals = [self.totals[0] + tests, self.totals[1] + failures, self.totals[2] + errors]
        self.suites.append(
            f'<testsuite name={quoteattr(name)} tests="{tests}" failures="{failures}" errors="{errors}">'
            + "".join(cases) + "</testsuite>"
        )

    def file(self, result) -> None:
        ids = [r for r in (self.rules or RULES) if not RULES[r].pair]
        self._suite(result.path, ids, result.findings, result.error)

    def pair(self, result) -> None:
        ids = [r for r in (self.rules or RULES) if RULES[r].pair]
        self._suite(f"{result.path} ← {result.previous}", ids, result.findings)

    def end(self, summary) -> None:
        tests, failures, errors = self.totals
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(f'<testsuites name="disclosure" tests="{tests}" failures="{failures}" errors="{errors}">\n')
        self.stream.write("\n".join(self.suites))
        self.stream.write("\n</testsuites>\n")
