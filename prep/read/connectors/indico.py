"""Indico: an event's address becomes its HTTP export API with contributions.

``https://<indico host>/event/<id>/...`` becomes ``/export/event/<id>.json?detail=contributions``:
contributions with their speakers and affiliations, and the event's chairs, read by the data reader
(``data-people``). Hosts are recognised by "indico" in their name.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from . import connector

_EVENT = re.compile(r"^/event/(?P<id>\d+)(?:/|$)")


@connector("indico", matches=lambda host: "indico" in host)
def links(url: str) -> list[str]:
    parts = urlsplit(url)
    if parts.path.startswith("/export/"):
        return [url]
    match = _EVENT.match(parts.path)
    if not match:
        return []
    return [f"{parts.scheme}://{parts.netloc}/export/event/{match['id']}.json?detail=contributions&pretty=no"]
