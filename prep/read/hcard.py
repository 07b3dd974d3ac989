"""Microformats h-card / hCard (v1 ``vcard`` and v2 ``h-card``) people.

A navbox or list that merely carries the class is not a person: an h-card counts only when
it says more about its subject than a name (a role, photo, birthday, nickname, organisation...).
"""
from __future__ import annotations

from ..htmltree import html_tree
from ..names import clean_space
from . import Parsed, register

_EXTRA = ("role", "title", "p-job-title", "org", "p-org", "bday", "dt-bday", "nickname", "p-nickname", "photo",
          "u-photo", "email", "u-email", "tel", "p-tel", "adr", "p-adr", "note", "p-note")


def detect(text: str, url: str, kind: str) -> float:
    return 0.5 if kind == "html" and ("vcard" in text or "h-card" in text) else 0.0


def _prop(card, *classes: str) -> str:
    for cls in classes:
        found = card.xpath(f'.//*[contains(concat(" ", normalize-space(@class), " "), " {cls} ")]')
        if found:
            items = found[0].xpath(".//li")
            if items:  # a list of roles reads "a, b, c", as the page shows it
                return ", ".join(clean_space(li.text_content()) for li in items)
            return clean_space(found[0].text_content())
    return ""


@register("hcard", detect)
def parse(text: str, url: str) -> Parsed:
    root = html_tree(text)
    people = {}
    cards = root.xpath('//*[contains(concat(" ", normalize-space(@class), " "), " vcard ") or '
                       'contains(concat(" ", normalize-space(@class), " "), " h-card ")]')
    for card in cards:
        name = _prop(card, "fn", "p-name")
        extras = [cls for cls in _EXTRA if card.xpath(f'.//*[contains(concat(" ", normalize-space(@class), " "), " {cls} ")]')]
        if not name or not extras or "navbox" in (card.get("class") or ""):
            continue
        people.setdefault(name.casefold(), {
            "name": name, "title": _prop(card, "role", "title", "p-job-title"), "company": _prop(card, "org", "p-org"),
            "bio": _prop(card, "note", "p-note"), "role": "speaker", "source_url": url, "talks": [], "links": {}})
    return Parsed(people=list(people.values()), reader="hcard")
