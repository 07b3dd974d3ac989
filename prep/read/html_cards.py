"""Generic HTML people lists: find repeated "person card" structures on any speaker, attendee or
team page and read name, title, company, bio, links, image and talks from each card.

No per-site configuration. Cards are found by repetition (many elements sharing one tag+class
signature, or runs that start at a heading or ``<dt>``), scored by how many of them hold a plausible,
distinct person name, and read with class-name hints first and, after those, line by line as a
browser shows the card. Cards of the same template elsewhere on the page (keynotes) join the best
group, and a "Next" page on the same site is handed back for reading. A YAML recipe (see
``recipe.py``) can override the heuristics for a page they get wrong.
"""
from __future__ import annotations

import copy
import re
from collections import Counter, defaultdict
from itertools import islice
from urllib.parse import urlsplit

from lxml import etree

from ..htmltree import html_tree
from ..names import clean_space, looks_like_typed_name, normalize_name
from ..urls import follow
from . import Parsed, register
from .card import NAME_HINT, classes, find_name, own_texts, read_card
from .columns import editions, job_column, label_column, motto_column, other_views, with_tables
from .tables import people_in_tables

ANCHOR_MARKS = {"¶", "§", "#", "🔗", "⚓", "⚓︎", "🔗︎"}
DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "nav", "footer", "head", "form", "select")


def detect(text: str, url: str, kind: str) -> float:
    return 0.2 if kind == "html" else 0.0


@register("html-cards", detect)
def parse(text: str, url: str) -> Parsed:
    if len(text) > LARGE_PAGE:  # tens of thousands of cards: streamed, card by card (see large_pages)
        from .large_pages import parse_large

        streamed = parse_large(text, url)
        if streamed is not None:
            return streamed
    root = html_tree(text)
    pagination = next_links(root)  # before navigation is dropped: pagination often sits in a <nav>
    strip_chrome(root)
    best, best_items, scored, groups = best_group(root)
    if best:
        best = _typed_names(best_items, best)
    cards = best + _more_of_the_same(best, scored) + _lists_by_form(best, scored)
    if len(cards) > len(best):  # keep the page's order
        order = {id(el): i for i, el in enumerate(root.iter())}
        cards.sort(key=lambda card: order.get(id(card[0]), 0))
    people, lines, by_class = _records(cards, url)
    job_column(list(people.values()))
    motto_column(list(people.values()))
    label_column(list(people.values()), lines, by_class, len(cards))
    editions(root, cards, people)
    other_views(list(people.values()), best, scored, url)
    found = with_tables(list(people.values()), people_in_tables(root, url))
    parsed = Parsed(people=found, reader="html-cards")
    if not found:
        parsed.note = (f"{groups} repeated blocks, none looked like people" if groups
                       else "no repeated blocks on the page")
    parsed.profile_pages = [p["profile_url"] for p in parsed.people if p.get("profile_url")]
    parsed.next_pages = same_site(pagination, url) if parsed.people else []
    return parsed


def best_group(root) -> tuple[list, list, list, int]:
    """The page's card list: of the groups of repeated blocks, the one that looks most like people (most
    distinct names, in the same place of each block, in rich blocks). Returns ``(best, its blocks, every
    group that holds names, how many groups there were)``; ``best`` pairs each block with its name hit."""
    best, best_score, scored, best_items = [], 0.0, [], []
    seen_groups = set()
    read: dict = {}  # each block of a list whose names were read -> how many blocks that list has
    for items in _groups(root):
        items = _innermost(items)
        signature = (len(items), id(items[0]), id(items[-1])) if items else None
        if signature in seen_groups:  # "speaker-card" as the whole class and as one of its tokens: once
            continue
        seen_groups.add(signature)
        # Cheap pass: only names. Real cards of one list hold the name in the same place;
        # mixed groups (cards plus modals, cards plus talk lists) do not.
        if len(items) > 40 and sum(1 for item in items[:20] if find_name(item)) < 4:
            continue  # a long list whose first twenty hold few names (links, talks, icons) is no card list
        if _inside_read_blocks(items, read):
            continue  # the same people again, one level in (each card's heading): never a better list of them
        found = [(item, hit) for item in items if (hit := find_name(item))]
        paths = Counter(hit[3] for _, hit in found)
        if not paths:
            continue
        main_path = paths.most_common(1)[0][0]
        found = [(item, hit) for item, hit in found if hit[3] == main_path]
        names = {hit[1].casefold() for _, hit in found}
        if len(names) < 2 and not (names and _marked_as_person(*found[0])):
            continue  # one name alone counts only when the markup says it is a person (a list's last page)
        richness = sum(bool(item.find(".//img") is not None) + (len(item.text_content()) > len(hit[1]) + 20)
                       for item, hit in found) / len(found)
        score = len(names) * (len(found) / len(items)) ** 2 * (1 + richness / 3)
        if _fields_of_cards(found):
            score /= 2
        scored.append((found, main_path))
        read.update((item, len(items)) for item, _ in found)
        if _by_form(found) and best:
            continue  # a "Name (Affiliation)" list joins the page's cards (see _lists_by_form), never replaces them
        if score > best_score or best and _by_form(best):
            best, best_score, best_items = found, score, items
    return best, best_items, scored, len(seen_groups)


def _inside_read_blocks(items: list, read: dict, sample: int = 20) -> bool:
    """Whether each block (of the first ``sample``) sits inside a block of a list already read that has as
    many blocks: one card each, read again at a narrower element. A list of sections holding several
    cards each has fewer blocks, so the cards inside it are still read."""
    return len(items) >= 2 and bool(read) and all(
        any(read.get(a) == len(items) for a in islice(item.iterancestors(), 6)) for item in items[:sample])


def _records(cards: list, url: str) -> tuple[dict[tuple, dict], Counter, dict[str, list[str]]]:
    """A record per card (a person may appear twice: card and modal, two sections), and the cards' short lines:
    in how many cards each appears, and each class's lines card after card (for the page's columns)."""
    people: dict[tuple, dict] = {}
    lines: Counter = Counter()
    by_class: dict[str, list[str]] = defaultdict(list)
    card_names = Counter(normalize_name(hit[1]) for _, hit in cards)
    for item, hit in cards:
        add_card(people, lines, by_class, item, hit, url, card_names)
    return people, lines, by_class


def add_card(people: dict, lines: Counter, by_class: dict, item, hit: tuple, url: str,
             card_names: Counter | None = None) -> dict | None:
    """Read one card into ``people`` (keyed by name and company) and count its short lines."""
    short = [(n, t) for n, t in own_texts(item) if len(t) <= 40]
    lines.update({t for _, t in short})
    for node, text in short:
        if node.get("class"):
            by_class[node.get("class")].append(text)
    wide = card_names is not None and sum(1 for _, t in short if normalize_name(t) in card_names) >= 2
    if wide and card_names[normalize_name(hit[1])] >= 2:
        return None  # a block drawn too wide (a section of several cards): the person has a card of their own
    record = read_card(item, url, hit)
    if record and wide:  # the only block that names them: their name, not the next person's lines
        record["title"] = record["company"] = ""
    if record:
        key = (record["name"].casefold(), record["company"].casefold())
        known = people.setdefault(key, record)
        if known is not record and record.get("profile_url") and known.get("profile_url") not in ("", None,
                                                                                              record["profile_url"]):
            people[key + (record["profile_url"],)] = record  # a second card with its own page (a second talk)
    return record


def _innermost(items: list) -> list:
    """Of elements that nest (a "section" of speakers holding a "section" per speaker), the inner ones:
    the outer one would read the next person's name as the first one's company."""
    ids = {id(item) for item in items}  # the items are alive in the list, so their ids are stable
    outer = {id(a) for item in items for a in item.iterancestors() if id(a) in ids}
    return [item for item in items if id(item) not in outer] if outer else items


def read_person(text: str, url: str, name: str) -> dict | None:
    """The card of one named person on a page of their own (a speaker's profile page): the smallest
    element that names them and says more than the name, read like any card."""
    root = html_tree(text)
    strip_chrome(root)
    target, best, views = normalize_name(name), None, []
    for el in root.iter("div", "article", "section", "main", "li", "td", "header", "figure"):
        hit = find_name(el)
        if hit and normalize_name(hit[1]) == target and len(el.text_content()) > len(hit[1]) + 20:
            size = sum(1 for _ in el.iter())
            views.append((el, hit))
            if best is None or size < best[0]:
                best = (size, el, hit)
    if not best:
        return None
    record = read_card(best[1], url, best[2])
    job_column([record])
    for el, hit in views:  # the page may show them twice (a pop-up and the page): their profiles are in either
        if el is not best[1] and not any(el is a for a in best[1].iterancestors()):
            for network, link in read_card(el, url, hit)["links"].items():
                if network != "other":
                    record["links"].setdefault(network, link)
    return record


def _typed_names(items: list, found: list) -> list:
    """The page's name column decides: a card of the chosen list whose name sits where the others' do
    counts even when typed in lower case ("arturo contreras"), which alone would not read as a name."""
    where = found[0][1][3]
    if where[0] == "img":
        return found
    hits = {id(item): (item, hit) for item, hit in found}
    out = []
    for item in items:
        if id(item) in hits:
            out.append(hits[id(item)])
        elif hit := typed_hit(item, where):
            out.append((item, hit))
    return out


def typed_hit(item, where: tuple) -> tuple | None:
    """The name hit of a card whose name, where the page's names sit, is typed in lower case."""
    node = next((n for n in item.iter(where[0]) if n.get("class") == where[1]), None)
    name = clean_space(node.text_content()) if node is not None else ""
    return (node, name, "", where, "") if name and name.islower() and looks_like_typed_name(name) else None


PERSON_CARD = re.compile(r"speaker|person|people|member|attendee|presenter|panelist|profile", re.I)


def _marked_as_person(card, hit: tuple) -> bool:
    name_node = hit[0]
    return (name_node is not None and bool(NAME_HINT.search(classes(name_node)))) or bool(PERSON_CARD.search(classes(card)))


def _more_of_the_same(best: list, scored: list) -> list:
    """Cards of the same template elsewhere on the page: keynote speakers above the speaker grid
    share the grid's name markup (same tag and class) but not its card markup."""
    if not best or not best[0][1][3][1]:  # a bare <h3> says nothing about the template
        return []
    path, taken = best[0][1][3], {id(item) for item, _ in best}
    covered = {id(node) for item, _ in best for node in item.iter()}
    extra = []
    for found, main_path in scored:
        if main_path != path:
            continue
        for item, hit in found:
            if id(item) in covered or any(id(a) in taken for a in item.iterancestors()) \
                    or any(id(n) in taken for n in item.iter()):
                continue  # inside a card already read, or around one (the grid itself)
            extra.append((item, hit))
            covered.update(id(node) for node in item.iter())
            taken.add(id(item))
    return extra


_SEVERAL = re.compile(r",|&|\band\b")


def _by_form(found: list) -> bool:
    """A plain list (items without photos) of five or more, nearly all "Name (Affiliation)" (a programme's
    "Ann Lee, Bob Ray (Acme)" lines are sessions, not a list of people)."""
    plain = all(item.tag in ("li", "p", "dd", "td") and item.find(".//img") is None for item, _ in found)
    return plain and len(found) >= 5 and \
        sum(1 for _, hit in found if hit[2] and not _SEVERAL.search(hit[1])) >= 0.8 * len(found)


def _lists_by_form(best: list, scored: list) -> list:
    """Other lists of the page whose items are people by their very form, "Name (Affiliation)" in nearly
    every item (a programme committee under the organisers' cards): read too, never instead."""
    taken = {id(node) for item, _ in best for node in item.iter()}
    extra = []
    for found, _ in scored:
        if not _by_form(found):
            continue
        if any(id(item) in taken for item, _ in found):
            continue
        extra += found
        taken.update(id(node) for item, _ in found for node in item.iter())
    return extra


NEXT_LABEL = re.compile(r"^(next( page)?|older|more speakers|weiter|suivant|siguiente)?\s*[›»→>]*$", re.I)


def next_links(root) -> list[str]:
    """Where the list goes on: ``rel="next"`` (a ``<link>`` in the head or an anchor), or an anchor
    labelled "Next" or "›" in something named for pagination."""
    hrefs = [el.get("href", "") for el in root.iter("link", "a") if "next" in (el.get("rel") or "").lower().split()]
    for a in root.iter("a"):
        label = clean_space(a.text_content())
        if label and len(label) < 20 and NEXT_LABEL.match(label) and \
                re.search(r"pag|next", " ".join(classes(n) for n in [a, *list(a.iterancestors())[:2]]), re.I):
            hrefs.append(a.get("href", ""))
    return hrefs


def same_site(hrefs: list[str], url: str) -> list[str]:
    """The first link that stays on the page's site (http or https only) and leads elsewhere."""
    if not url.startswith(("http://", "https://")):
        return []
    for href in hrefs:
        target = follow(href, url)
        if target and urlsplit(target).hostname == urlsplit(url).hostname and target.split("#")[0] != url.split("#")[0]:
            return [target]
    return []


def _fields_of_cards(found) -> bool:
    """Bare lines, several to a parent: the name, title and company lines of cards whose own markup
    is not repeated (plain ``<div>`` lines inside an ``<a>`` card), not one person each."""
    if any(len(item) for item, _ in found):
        return False
    parents = Counter(id(item.getparent()) for item, _ in found)
    return len(parents) >= 2 and len(found) >= 2 * len(parents)


def strip_chrome(root) -> None:
    """Drop what never holds people (scripts, navigation, forms, comments); ``<br>`` reads as a space."""
    for br in root.iter("br"):  # "Ada<br>Lovelace" reads "Ada Lovelace", not "AdaLovelace"
        br.tail = " " + (br.tail or "")
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    etree.strip_elements(root, etree.Comment, with_tail=False)
    for a in list(root.iter("a")):  # heading permalinks (Sphinx, MkDocs, Hugo): "Ada Lovelace¶" is "Ada Lovelace"
        if clean_space(a.text_content()) in ANCHOR_MARKS and len(a) == 0:
            a.drop_tree()


def _classes_of(el) -> list[str]:
    return sorted(c for c in (el.get("class") or "").split() if not _STATE_CLASS.search(c))


_STATE_CLASS = re.compile(r"\d{2,}|^(active|odd|even|first|last)$")


SEGMENT_STARTS = ("dt", "h2", "h3", "h4", "h5")
LARGE_PAGE = 8_000_000  # characters: a page this long is read by streaming its cards, when they are regular
INLINE = ("html", "body", "br", "hr", "img", "a", "span", "b", "i", "em", "strong", "p", "h1", "h2", "h3", "h4", "h5", "h6")


def _groups(root):
    """Repeated elements: siblings sharing a signature, same-signature elements page-wide, and
    people without a card element of their own (see :func:`_segments`)."""
    page_wide: dict[tuple, list] = defaultdict(list)
    parents = []
    for el in root.iter():
        if isinstance(el.tag, str) and (el.tag not in INLINE or el.tag == "a" and len(el) >= 2):  # a link can be a card
            classes = _classes_of(el)
            page_wide[(el.tag, " ".join(classes))].append(el)
            if classes:  # "speaker featured" is still a "speaker" card
                for cls in classes:
                    page_wide[(el.tag, cls, "token")].append(el)
        if isinstance(el.tag, str) and len(el) >= 2:
            parents.append(el)
    for key, items in page_wide.items():
        if len(items) >= 2 or PERSON_CARD.search(key[1]):  # one card alone when named for a person
            yield items
    for parent in parents:
        yield from _segments(parent)


def _segments(parent):
    """Flat lists, where a heading (or a ``<dt>``) starts each person and the elements after it, up
    to the next one of its kind, describe them: each run is copied into a card of its own."""
    children = [c for c in parent if isinstance(c.tag, str)]
    counts = Counter(c.tag for c in children)
    for start in SEGMENT_STARTS:
        if counts[start] < 2:
            continue
        cards, card = [], None
        for child in children:
            if child.tag == start:
                card = parent.makeelement("div", {"class": "prep-segment"})
                cards.append(card)
            elif card is None or not _continues(start, child.tag):
                card = None  # before the first start, or after a heading that ends the run
                continue
            card.append(copy.deepcopy(child))
        if len(cards) >= 2:
            yield cards


def _continues(start: str, tag: str) -> bool:
    if start == "dt":
        return tag == "dd"
    return not (re.fullmatch(r"h[1-6]", tag) and tag <= start)  # an h2 ends a run of h3 people
