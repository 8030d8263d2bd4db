"""Reading a settings file (a config, a baseline) with every OS failure as a one-line
InputError naming the file, never "internal error"."""

from __future__ import annotations

from pathlib import Path

from .model import InputError


def read_text(path: Path, what: str) -> str:
    """The UTF-8 text of `path`; `what` names the kind of file in the messages."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: {what} not found / 文件不存在") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a {what} / 这是文件夹，不是文件") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied / 无权读取该文件") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not a {what} (not UTF-8 text) / 文件不是UTF-8编码") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e}) / 无法读取该文件") from None
