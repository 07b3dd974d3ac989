"""Each speaker's own page on the event site, read for what the listing cut: the full bio, their talks and
abstracts. The pages of one site share a template, so some things are decided across all of them: a
one-line tagline column (mottos or employers), and text the pages all repeat (the site's, never a bio)."""
from __future__ import annotations

from collections import Counter

from .. import read as readers
from ..fetch.client import Fetcher, Page
from ..names import clean_space
from ..read.columns import motto_column
from ..read.html_cards import read_person
from ..read.profile_page import read_profile


def read_profiles(fetcher: Fetcher, parts: list[readers.Parsed], failures: list[dict],
                  limit: int) -> list[readers.Parsed]:
    """Each person's own page on the event site: its schema.org Person, else the page's card for that
    person (other people a profile page shows, such as "more speakers", are not read from it)."""
    owners = {p["profile_url"]: p["name"] for part in parts for p in part.people if p.get("profile_url")}
    urls = list(dict.fromkeys(u for part in parts for u in part.profile_pages))[:limit]
    pages, errors = fetcher.fetch_many(urls, desc="profile pages")
    failures += [{"source": url, "error": str(err)} for url, err in errors.items()]
    registry = readers.load_all()
    read = {url: _read_profile_page(registry, page, owners.get(url), failures) for url, page in pages.items()}
    site = _site_lines([found[1] for found in read.values() if found])
    out = []
    for url, found in read.items():
        if found is None:
            continue
        people, pages_read = found
        if site & {line.casefold() for line in pages_read}:  # read again, without the site's lines
            people, _ = _read_profile_page(registry, pages[url], owners.get(url), failures, site) or ([], [])
        sessions = []
        for person in people:
            more = person.pop("_more")
            sessions += [{"title": t, "abstract": a, "speakers": [person["name"]], "source_url": url,
                          "_from_profile": True} for t, a in zip(more["talks"], more["abstracts"])]
            person["profile_url"] = url
        out.append(readers.Parsed(people=people, sessions=sessions))
    # the speakers' pages of one site share a template: their one-line taglines are mottos or employers as a
    # column, decided once for all of them, and text they all repeat is the site's, not a person's
    motto_column([p for part in out for p in part.people])
    _drop_site_text(out)
    return out


def _read_profile_page(registry, page: Page, owner: str | None, failures: list[dict],
                       site: frozenset[str] = frozenset()) -> tuple[list[dict], list[str]] | None:
    """The people of one profile page (its schema.org Person, else its card for ``owner``), each with what
    the listing cut (bio, talks, abstracts: in ``_more``), and the page's long lines; ``None`` if unreadable."""
    try:
        people = registry["schema.org"].parse(page.text, page.url).people
        if not people and owner:
            people = [p for p in [read_person(page.text, page.url, owner)] if p]
        lines = []
        for person in people:
            more = read_profile(page.text, person["name"], site)
            person["bio"] = max(person.get("bio") or "", more["bio"], key=len)
            person["talks"] = list(dict.fromkeys([*(person.get("talks") or []), *more["talks"]]))
            person["_more"], lines = more, lines + more["lines"]
        return people, lines
    except Exception as err:  # one odd profile page must not sink the event
        failures.append({"source": page.url, "error": f"unreadable profile page: {err}"})
        return None


def _site_lines(pages: list[list[str]], at_least: int = 3) -> frozenset[str]:
    """Lines that three or more speakers' pages repeat word for word: the site's, not a person's."""
    counts = Counter(line.casefold() for lines in pages for line in set(lines))
    return frozenset(line for line, n in counts.items() if n >= at_least)


def _drop_site_text(parts: list[readers.Parsed], pages: int = 3) -> None:
    """A bio or abstract that the speakers' pages repeat word for word on ``pages`` or more of them is the site
    talking (a footer drawn without a <footer>: "© 2019 Python Colombia. Todos los derechos reservados"), not a
    person: it would become their bio, and a conversation starter quoting it."""
    seen = Counter(clean_space(p.get("bio")).casefold() for part in parts for p in part.people if p.get("bio"))
    seen.update(clean_space(s.get("abstract")).casefold() for part in parts for s in part.sessions if s.get("abstract"))
    site = {text for text, n in seen.items() if n >= pages}
    for record in [p for part in parts for p in part.people] + [s for part in parts for s in part.sessions]:
        for key in ("bio", "abstract"):
            if record.get(key) and clean_space(record[key]).casefold() in site:
                record[key] = ""
