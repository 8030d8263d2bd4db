"""`--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, IDEs).

Rules carry their documentation; results carry the file and, where the source has lines,
the line and column (PDF pages go into the message and `properties`). Unreadable files are
tool notifications, so the log says what was not checked.
"""

from __future__ import annotations

from urllib.parse import quote

from .. import __version__
from ..rules import RULES
from .base import Formatter as Base
from .json import dumps

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def uri(path: str) -> str:
    return quote(path.replace("\\", "/"), safe="/:._-~")


class Formatter(Base):
    def begin(self) -> None:
        self.ids = list(self.rules or RULES)
        driver = {
            "name": "disclosure",
            "version": __version__,
            "informationUri": "https://pypi.org/project/disclosure/",
            "rules": [
                {
                    "id": r.id,
                    "name": r.id.replace("-", ""),
                    "shortDescription": {"text": r.summary},
                    "fullDescription": {"text": r.doc.split("\n", 1)[0]},
                    "help": {"text": r.doc},
                    "defaultConfiguration": {"level": _LEVEL[r.severity]},
                }
                for r in (RULES[i] for i in self.ids)
            ],
        }
        self.stream.write('{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{')
        self.stream.write(f'"tool":{dumps({"driver": driver})},"results":[')
        self.first = True
        self.notifications: list[dict] = []

    def _result(self, f) -> dict:
        loc = f.locations[0] if f.locations else None
        physical: dict = {"artifactLocation": {"uri": uri(f.path)}}
        if loc is not None and loc.line is not None and loc.page is None:
            region = {"startLine": loc.line}
            if loc.column is not None:
                region["startColumn"] = loc.column
            physical["region"] = region
        words = loc.describe(line=loc.page is not None) if loc is not None else ""  # a text line is in the region
        text = f.message + (f" [{words}]" if words else "")
        result = {
            "ruleId": f.rule,
            "ruleIndex": self.ids.index(f.rule) if f.rule in self.ids else -1,
            "level": _LEVEL[f.severity],
            "message": {"text": text},
            "locations": [{"physicalLocation": physical}],
            "partialFingerprints": {"disclosure/v1": f.fingerprint()},
            "properties": {"keys": list(f.keys), "expected": f.expected, "actual": f.actual,
                           "sourceLocations": [loc.to_dict() for loc in f.locations]},
        }
        if result["ruleIndex"] < 0:
            del result["ruleIndex"]
        return result

    def _write(self, findings) -> None:
        for f in findings:
            self.stream.write(("" if self.first else ",\n") + dumps(self._result(f)))
            self.first = False

    def file(self, result) -> None:
        if result.error:
            self.notifications.append({"level": "error", "message": {"text": result.error},
                                       "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(result.path)}}}]})
        self._write(result.findings)

    def pair(self, result) -> None:
        self._write(result.findings)

    def end(self, summary) -> None:
        invocation = {"executionSuccessful": not self.notifications, "toolExecutionNotifications": self.notifications}
        self.stream.write(f'],"invocations":[{dumps(invocation)}]}}]}}\n')
