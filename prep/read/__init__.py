"""Stage 2, read: readers turn one document's text into records. A registry, not an if-chain, picks them.

Each reader module registers ``detect(text, url, kind) -> float`` (0 = not mine, 1 = surely
mine) and a pure ``parse(text, url) -> Parsed``. Adding a platform is adding a module here.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Callable


@dataclass
class Parsed:
    """What a reader found in one document: plain records, no DataFrames."""

    info: dict = field(default_factory=dict)
    people: list[dict] = field(default_factory=list)
    sessions: list[dict] = field(default_factory=list)
    organizations: list[dict] = field(default_factory=list)
    profile_pages: list[str] = field(default_factory=list)  # person detail pages, followed on request
    next_pages: list[str] = field(default_factory=list)  # further pages of a paginated API
    site_pages: dict = field(default_factory=dict)  # role -> URL of the site's speakers, schedule, sponsors, team pages
    facts: dict = field(default_factory=dict)  # the event as an ordinary page shows it: used after every ``info``
    tentative: bool = False  # people found only as loose items (a page's author): a reader finding far more wins
    reader: str = ""
    note: str = ""  # what the reader saw when it found nobody ("12 repeated blocks, none looked like people")


@dataclass(frozen=True)
class Reader:
    name: str
    detect: Callable[[str, str, str], float]
    parse: Callable[[str, str], Parsed]


REGISTRY: dict[str, Reader] = {}
_MODULES = ("jsonld", "alternates", "pretalx", "sessionize", "frab", "ical", "attendee_csv", "data_people", "hcard", "sponsors", "agenda", "html_cards")


def register(name: str, detect: Callable[[str, str, str], float]):
    """Decorator for a module's parse function: ``@register("frab", detect=...)``."""

    def wrap(parse: Callable[[str, str], Parsed]) -> Callable[[str, str], Parsed]:
        REGISTRY[name] = Reader(name, detect, parse)
        return parse

    return wrap


def load_all() -> dict[str, Reader]:
    for module in _MODULES:
        importlib.import_module(f"{__name__}.{module}")
    return REGISTRY


def candidates(text: str, url: str, kind: str) -> list[Reader]:
    """Readers that claim the document, most confident first."""
    readers = load_all()
    scored = [(reader.detect(text, url, kind), i, reader) for i, reader in enumerate(readers.values())]
    return [reader for score, _, reader in sorted(scored, key=lambda t: (-t[0], t[1])) if score > 0]
