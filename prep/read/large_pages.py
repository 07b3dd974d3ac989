"""Very large pages (an attendee grid of 50,000 people): the card list is learned from the page's start,
then the whole page is streamed and each card read and dropped as soon as it ends, so memory stays
bounded by the records, not by a tree of the whole page.

Used by :func:`prep.read.html_cards.parse` for pages over ``LARGE_PAGE`` characters whose start shows a
regular list (one tag and class for every card); anything else is read whole, as any page is.
"""
from __future__ import annotations

from collections import Counter, defaultdict

import lxml.html
from lxml import etree

from ..htmltree import html_tree
from ..names import clean_space
from . import Parsed
from .card import find_name
from .columns import edition_of, job_column, label_column, motto_column
from .html_cards import add_card, best_group, next_links, same_site, strip_chrome, typed_hit

HEAD = 1_000_000  # characters of the page's start read whole, to learn what its cards look like
CHUNK = 1 << 16  # characters fed to the parser at a time
MIN_CARDS = 20  # fewer regular cards in the start: not a list to stream


def parse_large(text: str, url: str) -> Parsed | None:
    """The people of a very large page, or ``None`` when its start shows no regular card list."""
    root = html_tree(text[:text.rfind("<", 0, HEAD) if "<" in text[:HEAD] else HEAD])
    pagination = next_links(root)
    strip_chrome(root)
    best, _, _, _ = best_group(root)
    if len(best) < MIN_CARDS:
        return None
    tag, cls = best[0][0].tag, best[0][0].get("class")
    if any(item.tag != tag or item.get("class") != cls for item, _ in best):
        return None  # cards of several kinds: read the page whole
    where = best[0][1][3]
    people, lines, by_class, count = _stream(text, url, tag, cls, where)
    records = list(people.values())
    job_column(records)
    motto_column(records)
    label_column(records, lines, by_class, count)
    parsed = Parsed(people=records, reader="html-cards")
    parsed.profile_pages = [p["profile_url"] for p in records if p.get("profile_url")]
    parsed.next_pages = same_site(pagination, url) if records else []
    return parsed


def _stream(text: str, url: str, tag: str, cls: str | None, where: tuple):
    """Every card (``tag`` with class ``cls``) of the page, read as it ends, then cleared with what came
    before it; the section heading above each card names its edition ("Speakers 2019")."""
    people: dict[tuple, dict] = {}
    lines: Counter = Counter()
    by_class: dict[str, list[str]] = defaultdict(list)
    heading, count = "", 0
    for el in _ends(text):
        if el.tag in ("h1", "h2", "h3", "h4") and not _in_card(el, tag, cls):
            heading = clean_space("".join(el.itertext()))
            continue
        if el.tag != tag or el.get("class") != cls or _in_card(el, tag, cls):
            continue
        count += 1
        hit = find_name(el)
        hit = hit if hit and hit[3] == where else typed_hit(el, where)
        record = add_card(people, lines, by_class, el, hit, url) if hit else None
        if record is not None and (hint := edition_of(heading)) and not record.get("edition_hint"):
            record["edition_hint"] = hint
        el.clear()
        parent = el.getparent()
        while parent is not None and el.getprevious() is not None:
            del parent[0]  # the cards read before this one, and what stood between them
    return people, lines, by_class, count


def _ends(text: str):
    """Each element of the page as its end tag is read: lxml.html elements (``text_content`` and all), from
    an HTML pull parser fed a slice of the text at a time (no second copy of the whole page)."""
    parser = etree.HTMLPullParser(events=("end",), encoding="utf-8", huge_tree=True)
    parser.set_element_class_lookup(lxml.html.HtmlElementClassLookup())
    for start in range(0, len(text), CHUNK):
        parser.feed(text[start:start + CHUNK].encode("utf-8", errors="replace"))
        for _, el in parser.read_events():
            yield el
    parser.close()
    for _, el in parser.read_events():
        yield el


def _in_card(el, tag: str, cls: str | None) -> bool:
    return any(a.tag == tag and a.get("class") == cls for a in el.iterancestors())
