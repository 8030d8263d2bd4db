"""disclosure: validator and table extractor for 政府信息公开工作年度报告.

The API is imported lazily so that `disclosure --help` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["parse", "parse_all", "check", "Report", "Finding", "Value", "InputError", "__version__"]

if TYPE_CHECKING:
    from .api import check, parse, parse_all
    from .model import Finding, InputError, Report, Value


def __getattr__(name: str):
    if name in ("parse", "parse_all", "check"):
        from . import api

        return getattr(api, name)
    if name in ("Report", "Finding", "Value", "InputError"):
        from . import model

        return getattr(model, name)
    raise AttributeError(name)
