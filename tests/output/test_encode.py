"""encode.dumps writes the bytes json.dumps would, whatever numbers and strings a record holds."""

from __future__ import annotations

import json
import math

import pytest

from disclosure_cli.output.encode import dumps


def stdlib(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


FLOATS = [0.0, -0.0, 1e-05, -1e-07, 9.9e-05, 0.0001, 0.1, 261.8, 1e15, 123456789012345.6, 9999999999999998.0,
          1e16, 1.5e16, 1e22, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -3.5e-20]


@pytest.mark.parametrize("x", FLOATS)
def test_floats_as_json_prints_them(x: float) -> None:
    record = {"value": x, "cells": [{"expected": x, "actual": 1}]}
    assert dumps(record, [x]) == stdlib(record)


@pytest.mark.parametrize("x", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_refused_as_json_refuses_them(x: float) -> None:
    with pytest.raises(ValueError, match="Out of range float values"):
        dumps({"value": x}, [x])


def test_strings_integers_and_order() -> None:
    record = {"path": "示例\n\t\x00\x1f\x7f\u2028\"\\/</script>", "b": 10**30, "a": [True, False, None, -1, 2**63 - 1],
              "z": {}, "y": []}
    assert dumps(record) == stdlib(record)


def test_lone_surrogate_as_json_fails() -> None:
    with pytest.raises(UnicodeEncodeError):
        dumps({"path": "a\udcffb"})
