"""Paste the link you have: event platforms turned into their public data, one module per platform.

Each module registers ``@connector(name, hosts)`` a function ``links(url) -> list[str]`` that maps a
link a person pastes (an event page, a schedule page, an embed, an API address) to the platform's
public data that the readers understand; platforms whose people are only behind a login raise
:class:`LoginRequired` instead, naming the export to use. :func:`resolve` picks the module by the
link's host. Like the reader registry, adding a platform is adding a module.
"""
from __future__ import annotations

import importlib
from typing import Callable

from ...errors import PrepError
from ...urls import bare_host

_MODULES = ("sessionize", "pretalx", "indico", "logins")
REGISTRY: dict[str, tuple[Callable[[str], bool], Callable[[str], list[str]]]] = {}


class LoginRequired(PrepError):
    """The platform shows its people only to signed-in users: prep does not log in or scrape behind logins."""

    def __init__(self, url: str, platform: str, instead: str, what: str = "shows its attendees only after a login"):
        self.url, self.platform = url, platform
        super().__init__(f"{url}: {platform} {what}, and prep does not log in or read behind logins; instead, {instead}")


def behind_login(url: str, status: int | None = None) -> LoginRequired:
    """The error for a page that asks for a login (HTTP 401 or 403, or a sign-in form where the list was)."""
    host = bare_host(url)
    from .logins import EXPORT, _app

    what = ("answered with a sign-in page" if not status else f"answered HTTP {status}: the page is only for signed-in users"
            + (" (or refuses automated readers)" if status == 403 else ""))
    return LoginRequired(url, _app(host) or host, EXPORT, what)


def connector(name: str, matches: Callable[[str], bool]):
    """Decorator: ``@connector("pretalx", matches=lambda host: ...)`` on ``links(url) -> list[str]``."""

    def wrap(links: Callable[[str], list[str]]) -> Callable[[str], list[str]]:
        REGISTRY[name] = (matches, links)
        return links

    return wrap


def hint(url: str) -> str:
    """What to give instead when a platform's page holds no people (its attendee list is the organiser's
    export; a Sessionize event page is its call for speakers): each module's optional ``hint(url)``."""
    for module in _MODULES:
        found = getattr(importlib.import_module(f"{__name__}.{module}"), "hint", None)
        if found and (text := found(url)):
            return text
    return ""


def resolve(url: str) -> list[str]:
    """The addresses to read for a link the user gave: the platform's public data, or the link itself."""
    if not url.startswith(("http://", "https://")):
        return [url]
    for module in _MODULES:
        importlib.import_module(f"{__name__}.{module}")
    host = bare_host(url)
    for matches, links in REGISTRY.values():
        if matches(host):
            found = links(url)
            if found:
                return found
    return [url]
