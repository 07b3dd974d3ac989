"""Schedule pages that point at their machine-readable data: follow it instead of scraping HTML.

A pretalx schedule page is a ``<pretalx-schedule event-url="...">`` widget fed by
``<event-url>schedule/widgets/schedule.json``; many other schedule pages announce a frab XML or
JSON export with ``<link rel="alternate">``; a page embedding Sessionize has its ``view/All`` API data.
The reader returns those URLs as further pages to
read (only http(s) ones survive :func:`prep.urls.follow`).
"""
from __future__ import annotations

import re

from ..htmltree import html_tree
from ..urls import follow
from . import Parsed, register
from .connectors.sessionize import embedded_api

_DATA = re.compile(r"(schedule|fahrplan|agenda|speakers|sessions)[^/]*\.(xml|json)$|/widgets/schedule\.json$", re.I)


def detect(text: str, url: str, kind: str) -> float:
    if kind != "html":
        return 0.0
    return 0.85 if "<pretalx-schedule" in text or "sessionize.com/api/v2/" in text \
        or re.search(r"<link[^>]+rel=.?alternate[^>]+\.(xml|json)", text) else 0.0


@register("schedule-data", detect)
def parse(text: str, url: str) -> Parsed:
    root = html_tree(text)
    urls = []
    for widget in root.iter("pretalx-schedule"):
        base = widget.get("event-url")
        if base:
            urls.append(follow(base.rstrip("/") + "/schedule/widgets/schedule.json", url))
    for link in root.xpath('//link[@rel="alternate"][@href]'):
        href = link.get("href", "")
        if _DATA.search(href.split("?")[0]):
            urls.append(follow(href, url))
    urls += embedded_api(text)  # a Sessionize speaker wall or agenda embedded in the page: its "All" data
    return Parsed(next_pages=[u for u in dict.fromkeys(urls) if u], reader="schedule-data")
