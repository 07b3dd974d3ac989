"""Shared helper: load JSON with an error that names the source and the position."""
from __future__ import annotations

import json
import re

from ..errors import ParseError


def load_json(text: str, url: str):
    """Parse JSON, raising :class:`ParseError` for anything a hostile or broken file can hold."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ParseError(url, f"malformed JSON: {err.msg}", position=f"line {err.lineno}, column {err.colno}") from err
    except RecursionError as err:
        raise ParseError(url, "JSON nested too deeply to read") from err
    except ValueError as err:  # e.g. an integer too long to convert
        raise ParseError(url, f"unreadable JSON: {err}") from err
    return without_lone_surrogates(data) if "\\ud" in text.lower() else data


def without_lone_surrogates(value):
    """Replace lone UTF-16 surrogates ("\\ud800"), which JSON allows but no UTF-8 file can hold, by U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [without_lone_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {without_lone_surrogates(k): without_lone_surrogates(v) for k, v in value.items()}
    return value

_SURROGATE = re.compile("[\ud800-\udfff]")


def i18n(value) -> str:
    """pretalx-style multilingual values: {"en": "...", "de": "..."} -> the English (or first) text."""
    if isinstance(value, dict):
        return str(value.get("en") or next(iter(value.values()), "") or "")
    return "" if value is None else str(value)


def json_detect(text: str, *markers: str) -> bool:
    head = text[:200].lstrip()
    return head.startswith(("{", "[")) and all(m in text[:200_000] for m in markers)
