"""Sessionize: any address of an event's public API, or a page that embeds its speaker wall or agenda.

``https://sessionize.com/api/v2/<id>/view/<View>`` (GridSmart, SpeakerWall, Sessions, ...) becomes the
``view/All`` JSON: speakers with taglines and links, sessions with rooms and times, custom questions.
Pages that embed ``<script src="https://sessionize.com/api/v2/<id>/view/...">`` are followed by
:func:`embedded_api` (used by the schedule-data reader).
"""
from __future__ import annotations

import re

from . import connector

_API = re.compile(r"https?://(?:www\.)?sessionize\.com/api/v2/(?P<id>[A-Za-z0-9]+)/view/\w+", re.I)


@connector("sessionize", matches=lambda host: host == "sessionize.com")
def links(url: str) -> list[str]:
    match = _API.match(url)
    return [f"https://sessionize.com/api/v2/{match['id']}/view/All"] if match else []


def embedded_api(text: str) -> list[str]:
    """The "All" data of every Sessionize embed a page carries."""
    return list(dict.fromkeys(f"https://sessionize.com/api/v2/{m['id']}/view/All" for m in _API.finditer(text)))
