"""Compact JSON as bytes, the same bytes as `json.dumps(obj, ensure_ascii=False,
separators=(",", ":"), allow_nan=False)`, encoded by orjson (about 30× faster).

orjson prints a few values differently from the standard library or refuses them: floats
below 1e-4 (`0.00001` for `1e-05`), NaN and infinities (`null`, where json raises), integers
beyond 64 bits and strings with lone surrogates (errors). The caller names every float the
object holds (`numbers`); when one of them is such a float, or orjson refuses the object, the
standard library encodes it, so the output (or the error) is json's own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from math import inf

import orjson

_SMALLEST = 1e-4  # repr() prints smaller floats with an exponent, orjson without one


def exact(x: object) -> bool:
    """Whether orjson prints `x` as json does (every non-float does, or is refused)."""
    return x.__class__ is not float or x == 0.0 or _SMALLEST <= abs(x) < inf  # type: ignore[operator]


def stdlib(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def dumps(obj: object, numbers: Iterable[object] = ()) -> bytes:
    """`obj` as compact JSON bytes; `numbers` are the floats it holds (any number may be given)."""
    if all(map(exact, numbers)):
        try:
            return orjson.dumps(obj)
        except orjson.JSONEncodeError:
            pass
    return stdlib(obj)
