"""pretalx: an event's page, schedule or speaker list becomes its public REST API.

``https://pretalx.com/<event>/`` (or ``.../speaker/``, ``.../talk/...``) becomes
``/api/events/<event>/speakers/`` and ``/api/events/<event>/talks/`` (paginated; the pretalx reader
follows ``next``): speakers with biographies, talks with rooms and times. Self-hosted pretalx
instances whose host names pretalx are recognised the same way.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from . import connector

# The event's landing page, its speaker list or one talk; a schedule page embeds its widget's data already
# (read by the schedule-data reader), so it is read as it is.
_EVENT = re.compile(r"^/(?P<event>[\w-]+)(?:/(?:speaker|talk|cfp|featured)\b.*|/?)$")


@connector("pretalx", matches=lambda host: "pretalx" in host)
def links(url: str) -> list[str]:
    parts = urlsplit(url)
    if parts.path.startswith("/api/"):
        return [url]
    match = _EVENT.match(parts.path)
    if not match or match["event"] in ("orga", "api", "static", "media", "p"):
        return []
    base = f"{parts.scheme}://{parts.netloc}/api/events/{match['event']}"
    return [f"{base}/speakers/", f"{base}/talks/"]
