"""Sessionize: any address of an event's public API, or a page that embeds its speaker wall or agenda.

``https://sessionize.com/api/v2/<id>/view/<View>`` (GridSmart, SpeakerWall, Sessions, ...) becomes the
``view/All`` JSON: speakers with taglines and links, sessions with rooms and times, custom questions.
Pages that embed ``<script src="https://sessionize.com/api/v2/<id>/view/...">`` are followed by
:func:`embedded_api` (used by the schedule-data reader).
"""
from __future__ import annotations

import re

from ...urls import bare_host
from . import connector

_API = re.compile(r"https?://(?:www\.)?sessionize\.com/api/v2/(?P<id>[A-Za-z0-9]+)/view/\w+", re.I)


@connector("sessionize", matches=lambda host: host == "sessionize.com")
def links(url: str) -> list[str]:
    match = _API.match(url)
    return [f"https://sessionize.com/api/v2/{match['id']}/view/All"] if match else []


def hint(url: str) -> str:
    """A sessionize.com event page is its call for speakers; the speakers are in the organiser's API."""
    host = bare_host(url)
    if host != "sessionize.com" or _API.match(url):
        return ""
    return ("Sessionize: an event's page there is its call for speakers, not its speaker list; paste the "
            "conference site's speakers or agenda page (prep follows its Sessionize embed) or the API link the "
            "organiser publishes (https://sessionize.com/api/v2/<id>/view/All)")


def embedded_api(text: str) -> list[str]:
    """The "All" data of every Sessionize embed a page carries."""
    return list(dict.fromkeys(f"https://sessionize.com/api/v2/{m['id']}/view/All" for m in _API.finditer(text)))
