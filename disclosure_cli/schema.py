"""The JSON Schema of the `json` and `jsonl` outputs, built from the template data so that the
canonical keys of docs/keys.md are the contract. Changing a key changes the schema,
and that is a version bump of SCHEMA_VERSION.

The package ships the built schema as schema.json (printed by `disclosure schema`); a test
keeps it equal to `build()`. Regenerate with `python -m disclosure_cli.schema`.
"""

from __future__ import annotations

import json

from .model import PUBLISHED_SOURCES, SEVERITIES, VALUE_STATUSES
from .templates import TABLES, TEMPLATES, all_keys

SCHEMA_VERSION = "1.2"
SCHEMA_ID = f"https://disclosure.invalid/schema/report-{SCHEMA_VERSION}.json"


def build() -> dict:
    from .rules import RULES

    nullable_int = {"type": ["integer", "null"]}
    number_or_null = {"type": ["number", "null"]}
    location = {
        "type": "object",
        "properties": {
            **{k: {"type": "integer", "minimum": 0} for k in ("line", "column", "page", "table", "row", "col")},
            # text read by OCR (a scan): the engine's confidence and the cell's box in page pixels
            "method": {"const": "ocr"},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
            "box": {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 4, "maxItems": 4},
        },
        "dependentRequired": {"method": ["confidence", "box"]},
        "additionalProperties": False,
    }
    cell = {
        "type": "object",
        "required": ["value", "status", "raw", "location"],
        "properties": {
            "value": number_or_null,
            "status": {"enum": list(VALUE_STATUSES)},
            "raw": {"type": ["string", "null"]},
            "location": {"oneOf": [{"$ref": "#/$defs/location"}, {"type": "null"}]},
            "unit": {"enum": ["元", "万元", "亿元"]},
            "row_label": {"type": "string"},
            "col_label": {"type": "string"},
            "note": {"type": "string"},
        },
        "additionalProperties": False,
    }
    finding = {
        "type": "object",
        "required": ["rule", "severity", "message", "table", "keys", "expected", "actual", "locations"],
        "properties": {
            "rule": {"enum": list(RULES)},
            "severity": {"enum": list(SEVERITIES)},
            "message": {"type": "string", "minLength": 1},
            "table": {"enum": [*TABLES, None]},
            "keys": {"type": "array", "items": {"$ref": "#/$defs/key"}},
            "expected": number_or_null,
            "actual": number_or_null,
            "locations": {"type": "array", "items": {"$ref": "#/$defs/location"}},
            "cells": {  # a finding on several cells of one cause: what each should hold
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["key", "expected", "actual", "location"],
                    "properties": {
                        "key": {"$ref": "#/$defs/key"},
                        "expected": number_or_null,
                        "actual": number_or_null,
                        "location": {"oneOf": [{"$ref": "#/$defs/location"}, {"type": "null"}]},
                    },
                    "additionalProperties": False,
                },
            },
        },
        "additionalProperties": False,
    }
    counts = {
        "type": "object",
        "required": list(SEVERITIES),
        "properties": {s: {"type": "integer", "minimum": 0} for s in SEVERITIES},
        "additionalProperties": False,
    }
    table = {
        "type": "object",
        "required": ["found", "location", "problem"],
        "properties": {
            "found": {"type": "boolean"},
            "location": {"oneOf": [{"$ref": "#/$defs/location"}, {"type": "null"}]},
            "problem": {"type": ["string", "null"]},
        },
        "additionalProperties": False,
    }
    line_fields = {"type": {"const": "file"}, "schema_version": {"const": SCHEMA_VERSION}}
    report_file = {
        "type": "object",
        "required": ["path", "status", "form", "template", "year", "agency", "title", "hybrid", "published",
                     "published_source", "tables", "values", "cells"],
        "properties": {
            **line_fields,
            "path": {"type": "string"},
            "status": {"const": "ok"},
            "form": {"enum": ["text", "html", "pdf", "docx", "image"]},
            "template": {"enum": [*TEMPLATES, None]},
            "year": nullable_int,
            "agency": {"type": ["string", "null"]},
            "title": {"type": ["string", "null"]},
            "hybrid": {"type": ["string", "null"]},
            "published": {"type": ["string", "null"], "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
            "published_source": {"enum": [*PUBLISHED_SOURCES, None]},
            "source": {"type": "string", "description": "the attachment the values were read from (path is the page)"},
            "tables": {"type": "object", "propertyNames": {"enum": list(TABLES)}, "additionalProperties": table},
            "values": {"type": "object", "propertyNames": {"$ref": "#/$defs/key"}, "additionalProperties": number_or_null},
            "cells": {"type": "object", "propertyNames": {"$ref": "#/$defs/key"}, "additionalProperties": {"$ref": "#/$defs/cell"}},
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
            "summary": {"$ref": "#/$defs/counts"},
        },
        "additionalProperties": False,
    }
    unreadable_file = {
        "type": "object",
        "required": ["path", "status", "error"],
        "properties": {**line_fields, "path": {"type": "string"}, "status": {"const": "unreadable"}, "error": {"type": "string"}},
        "additionalProperties": False,
    }
    pair = {
        "type": "object",
        "required": ["path", "previous", "agency", "year", "findings"],
        "properties": {
            "type": {"const": "pair"},
            "path": {"type": "string"},
            "previous": {"type": "string"},
            "agency": {"type": ["string", "null"]},
            "year": nullable_int,
            "findings": {"type": "array", "items": {"$ref": "#/$defs/finding"}},
        },
        "additionalProperties": False,
    }
    summary = {
        "type": "object",
        "required": ["files", "unreadable"],
        "properties": {
            "type": {"const": "summary"},
            **{k: {"type": "integer", "minimum": 0} for k in ("files", "clean", "with_findings", "unreadable", "pairs")},
            "findings": {"$ref": "#/$defs/counts"},
            "rules": {"type": "object", "propertyNames": {"enum": list(RULES)}, "additionalProperties": {"type": "integer"}},
        },
        "additionalProperties": False,
    }
    document = {
        "type": "object",
        "required": ["schema_version", "tool", "command", "files", "summary"],
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "tool": {"type": "object", "required": ["name", "version"]},
            "command": {"enum": ["check", "extract"]},
            "files": {"type": "array", "items": {"$ref": "#/$defs/file"}},
            "pairs": {"type": "array", "items": {"$ref": "#/$defs/pair"}},
            "summary": {"$ref": "#/$defs/summary"},
        },
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "disclosure output (json document, or one jsonl line)",
        "description": "Output of `disclosure check|extract --format json|jsonl`. Keys: docs/keys.md.",
        "oneOf": [
            {"$ref": "#/$defs/document"},
            {"$ref": "#/$defs/file", "required": ["type"]},
            {"$ref": "#/$defs/pair", "required": ["type"]},
            {"$ref": "#/$defs/summary", "required": ["type"]},
        ],
        "$defs": {
            "key": {"enum": all_keys()},
            "location": location,
            "cell": cell,
            "finding": finding,
            "counts": counts,
            "file": {"oneOf": [report_file, unreadable_file]},
            "pair": pair,
            "summary": summary,
            "document": document,
        },
    }


def dumps() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    print(dumps(), end="")
