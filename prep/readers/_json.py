"""Shared helper: load JSON with an error that names the source and the position."""
from __future__ import annotations

import json

from ..errors import ParseError


def load_json(text: str, url: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ParseError(url, f"malformed JSON: {err.msg}", position=f"line {err.lineno}, column {err.colno}") from err


def i18n(value) -> str:
    """pretalx-style multilingual values: {"en": "...", "de": "..."} -> the English (or first) text."""
    if isinstance(value, dict):
        return str(value.get("en") or next(iter(value.values()), "") or "")
    return "" if value is None else str(value)


def json_detect(text: str, *markers: str) -> bool:
    head = text[:200].lstrip()
    return head.startswith(("{", "[")) and all(m in text[:200_000] for m in markers)
