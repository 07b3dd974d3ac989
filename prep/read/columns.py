"""Decisions a page's cards are read by together, as columns, not card by card: what its job-marked line
holds, which lines are labels, which people sit under another edition's heading, what a second view
of the same people adds, and how its tables' columns join the cards."""
from __future__ import annotations

import re
from collections import Counter

from ..names import clean_space, is_titleish, normalize_name
from .card import read_card

PAST_HEADING = re.compile(r"\b(last year|previous|past|former|earlier|archive[sd]?|anteriores|pasad[oa]s|"
                          r"precedent[ei]|vorherigen?|vergangenen?|letztes jahr|précédent(e|es|s)?|passées?)\b", re.I)
_YEAR_IN = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def editions(root, cards: list, people: dict) -> None:
    """Each card under a heading that names an edition ("Speakers 2019", "Last year's speakers") keeps it
    as ``edition_hint``; the event's own year later decides which of them are past (see prep.shape.event)."""
    from lxml import etree

    wanted = {id(item): item for item, _ in cards}  # the cards are alive in the list: stable ids
    heading, hints = "", {}
    walker = etree.iterwalk(root, events=("start",))
    for _, el in walker:
        if id(el) in wanted:
            hints[id(el)] = heading
            walker.skip_subtree()  # a card's own headings are its lines, not a section's
        elif isinstance(el.tag, str) and el.tag in ("h1", "h2", "h3", "h4"):
            heading = clean_space(el.text_content())
    by_card = {id(item): hit[1].casefold() for item, hit in cards}
    records: dict[str, list[dict]] = {}
    for key, record in people.items():
        records.setdefault(key[0], []).append(record)
    for card_id, text in hints.items():
        hint = edition_of(text)
        for record in records.get(by_card.get(card_id, ""), []) if hint else []:
            if not record.get("edition_hint"):
                record["edition_hint"] = hint


def edition_of(heading: str) -> str:
    """The edition a heading names: its year ("Speakers 2019"), "past" ("Last year's speakers"), or ""."""
    years = _YEAR_IN.findall(heading)
    return years[-1] if years else ("past" if PAST_HEADING.search(heading) else "")


def with_tables(cards: list[dict], rows: list[dict]) -> list[dict]:
    """Cards and table rows of one page, by person: a table's columns say which cell is whose company, so
    an affiliation cell read as a "card" is no person, and the table's title and company win."""
    if not rows:
        return cards
    companies = {normalize_name(r["company"]) for r in rows if r["company"]}
    talks = {normalize_name(t) for r in rows for t in r.get("talks") or []}
    by_name: dict[str, dict] = {}
    for row in rows:  # a person on two committees keeps the first
        by_name.setdefault(normalize_name(row["name"]), row)
    out = []
    for card in cards:
        key = normalize_name(card["name"])
        if (key in companies or key in talks) and key not in by_name:
            continue  # a cell of the table's company or talks column read as a "card"
        row = by_name.pop(key, None)
        if row:
            card.update({k: row[k] for k in ("title", "company") if row[k]})
            card["talks"] = list(dict.fromkeys([*(card.get("talks") or []), *(row.get("talks") or [])]))
        out.append(card)
    return out + [r for r in by_name.values() if all(normalize_name(c["name"]) != normalize_name(r["name"]) for c in out)]


_CONNECTORS = {"and", "of", "the", "for", "de", "del", "la", "da", "di", "du", "des", "y", "e", "et", "und", "&", "van", "von"}
# Adjectives and agent nouns, which mottos are made of ("Passionate", "Emerging Human", "Event Stormer")
_MOTTO_WORD = re.compile(r"^[A-Za-z]+(?:ing|ate|ive|ous|ful|al|er|ist)$")


def _motto_like(text: str) -> bool:
    """"Passionate software craftsman", "Domain (de)coder", "Accidental DDDer": a self-description."""
    words = [w.strip("()") for w in text.split()]
    return any(w[:1].islower() and w.lower() not in _CONNECTORS and "." not in w for w in words) \
        or any(_MOTTO_WORD.match(w) and not w.isupper() for w in words)


def motto_column(records: list[dict]) -> None:
    """A page whose one-line taglines are mostly mottos ("Grizzled Optimist", "Jessitron") names no employer
    in them at all; a page of bare employers ("Nexmo", "Universidad del Norte") keeps them."""
    bare = [r for r in records if r.pop("_bare", False)]
    if len(bare) >= 4 and sum(_motto_like(r["company"]) for r in bare) * 5 >= len(bare) * 2:
        for record in bare:
            record["company"] = ""


def job_column(records: list[dict]) -> None:
    """Decide once for the page what its "job"-marked line holds: job titles ("Co-Organizador (Speakers)",
    "Voluntarios") when most of them read as titles, then each is a whole title; companies otherwise
    (a ``position`` class holding "Eurobits"), read as taglines."""
    jobs = [r for r in records if r.get("_job")]
    if jobs and sum(is_titleish(r["_job"]) for r in jobs) * 2 >= len(jobs):
        for record in jobs:
            job = record["_job"].strip()
            record["title"], record["company"] = (job[1:-1].strip() if re.fullmatch(r"\([^()]*\)", job) else job), ""
    for record in records:
        record.pop("_job", None)


def label_column(records: list[dict], lines: Counter, by_class: dict, cards: int) -> None:
    """Labels of the talk (language, format, track: "eng", "workshop - it") are nobody's company or title:
    a lower-case line that many cards share, and every line of a class whose lines are mostly such."""
    labels = {text for text, count in lines.items() if count >= 3 and count * 4 >= cards and text[:1].islower()}
    for texts in by_class.values():
        if len(texts) >= 3 and len(texts) * 4 >= cards and sum(t[:1].islower() for t in texts) * 2 > len(texts):
            labels.update(texts)
    for record in records:
        for field in ("company", "title"):
            if record.get(field) in labels or any(record.get(field) and record[field] in label.split(" - ")
                                                  for label in labels):
                record[field] = ""


def other_views(records: list[dict], best: list, scored: list, url: str) -> None:
    """The same people shown a second time on the page (a Bootstrap modal per speaker, a detail pane):
    a view naming most of the cards' people fills the fields the cards left empty, person by person. Of
    several such views (a modal and the blocks inside it), the one whose job lines read most as jobs."""
    if not records or not best:
        return
    by_name = {normalize_name(r["name"]): r for r in records}
    taken = {id(item) for item, _ in best}
    views = []
    for found, _ in scored:
        if any(id(item) in taken for item, _ in found):
            continue
        names = {normalize_name(hit[1]) for _, hit in found}
        if len(names & set(by_name)) < max(2, 0.8 * len(by_name)):
            continue
        others = []
        for item, hit in found:
            record = by_name.get(normalize_name(hit[1]))
            if record is not None:
                other = read_card(item, url, hit)
                job_column([other])
                others.append((record, other))
        jobs = sum(1 for _, other in others if other.get("title") and is_titleish(other["title"]))
        views.append((jobs, -len(views), others))
    if not views:
        return
    jobs, _, others = max(views, key=lambda v: v[:2])
    for record, other in others:
        for field in ("title", "bio"):  # (a company seen only in another view is too often its talk or its tag)
            if field == "title" and not (jobs and is_titleish(other.get("title") or "")):
                continue
            if other.get(field) and not record.get(field) and other[field] not in (record.get("company"), record["name"]):
                record[field] = other[field]
