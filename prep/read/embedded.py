"""Data an HTML page carries for its own scripts, read as one more source of people.

Next.js pages keep their data in ``<script id="__NEXT_DATA__" type="application/json">``, Nuxt pages in
``window.__NUXT__ = {...}`` (or its function-call form, read with chompjs, never run), other apps in
``<script type="application/json">`` blocks or ``window.__INITIAL_STATE__ = {...}``. People found there
(by :func:`prep.read.data_people.people_in`) are merged with the visible cards, person by person:
a page's data and its cards are two views of one list, never either/or.
"""
from __future__ import annotations

import json
import re

from ..htmltree import html_tree
from ..names import normalize_name
from .data_people import people_in

_ASSIGNED = re.compile(r"^\s*(?:window\.|self\.)?(__[A-Z_]+__|[A-Za-z_$][\w$]*(?:State|DATA|Data|data))\s*=\s*", re.S)
MAX_SCRIPT = 5_000_000
_DATA_SCRIPT = re.compile(r"__NEXT_DATA__|<script[^>]+(?:application|text)/json|(?:window|self)\.__[A-Z_]+__\s*=|"
                          r"<script[^>]*>\s*(?:var\s+)?[A-Za-z_$][\w$]*(?:State|DATA|Data|data)\s*=")


def embedded_trees(text: str) -> list:
    """The data trees of a page's inline scripts (JSON, and JavaScript assignments of object literals)."""
    if not _DATA_SCRIPT.search(text):  # most pages carry no data for their scripts: no second parse for them
        return []
    root = html_tree(text)
    trees = []
    for script in root.iter("script"):
        body = (script.text or "").strip()
        kind = (script.get("type") or "").lower()
        if not body or len(body) > MAX_SCRIPT or script.get("src") or kind == "application/ld+json":
            continue  # JSON-LD has its reader; scripts loaded from elsewhere are not in the page
        try:
            if kind in ("application/json", "text/json") or script.get("id") == "__NEXT_DATA__":
                trees.append(resolve_refs(json.loads(body)))
            elif _ASSIGNED.match(body):
                import chompjs  # only for pages that carry JavaScript data

                # Nuxt's "(function(a,b){return {...}}(1,2))": the object returned; its parameters stay names
                returned = re.search(r"^[^{]*\(\s*function\s*\([^)]*\)\s*\{\s*return\s*(?=[{\[])", body)
                trees.append(resolve_refs(chompjs.parse_js_object(body[returned.end():] if returned else body)))
        except (ValueError, RecursionError):
            continue  # a script that is not data
    return trees


def resolve_refs(tree, limit: int = 6):
    """A normalised client cache (Apollo's ``__APOLLO_STATE__``, Relay and urql stores keep every record once,
    under ``"Type:id"``, and point to it with ``{"__ref": "Type:id"}``) with each pointer replaced by its
    record, so an event's ``eventHosts -> member`` reads as the member it names. A record is not expanded
    inside itself, and at most ``limit`` pointers deep."""
    stores = [node for node in _dicts(tree) if _is_store(node)]
    if not stores:
        return tree
    records = {key: value for store in stores for key, value in store.items() if isinstance(value, dict)}

    def expand(node, inside: tuple):
        if isinstance(node, list):
            return [expand(item, inside) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("__ref") if len(node) == 1 else None
        if isinstance(ref, str):
            if ref not in records or ref in inside or len(inside) >= limit:
                return node
            return expand(records[ref], inside + (ref,))
        return {key: expand(value, inside) for key, value in node.items()}

    return expand(tree, ())


def _is_store(node: dict) -> bool:
    keyed = [key for key, value in node.items() if isinstance(value, dict) and re.fullmatch(r"[A-Z]\w*:\S+", str(key))]
    return len(keyed) >= 2 and len(keyed) * 2 >= len(node)


def _dicts(node, depth: int = 0):
    if depth > 8:
        return
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _dicts(value, depth + 1)
    elif isinstance(node, list):
        for value in node[:50]:
            yield from _dicts(value, depth + 1)


def embedded_people(text: str, url: str) -> list[dict]:
    people: dict[str, dict] = {}
    for tree in embedded_trees(text):
        for person in people_in(tree, url):
            people.setdefault(normalize_name(person["name"]), person)
    return list(people.values())


def merge_into(cards: list[dict], data: list[dict]) -> list[dict]:
    """The union of a page's cards and its data, by person: a card's empty fields filled from the data.

    The data counts only as the same list as the cards: when most cards' people are in it (a page's
    blog authors or commenters in its state are not its speakers), or, with no cards, when it names at
    least two people."""
    by_name = {normalize_name(p["name"]): p for p in cards}
    shared = sum(1 for p in data if normalize_name(p["name"]) in by_name)
    if (cards and shared * 2 < len(cards)) or (not cards and len(data) < 2):
        return cards
    out = list(cards)
    for person in data:
        card = by_name.get(normalize_name(person["name"]))
        if card is None:
            out.append(person)
            continue
        for field, value in person.items():
            if value and not card.get(field):
                card[field] = value
    return out
