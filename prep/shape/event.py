"""read_event: sources (URLs or files the user names) -> one Event with people, sessions and organizations."""
from __future__ import annotations

import logging
import re
from pathlib import Path

from .. import read as readers
from ..errors import FetchError, NoPeopleFound, ParseError, PrepError
from ..fetch.client import Fetcher, Page
from ..names import clean_space, normalize_name
from ..read import connectors
from ..read.agenda import complete_times
from ..read.embedded import embedded_people, merge_into
from ..read.event_facts import event_facts
from ..read.recipe import load_recipe, parse_with_recipe
from ..read.site_map import roles_of, site_pages
from ..settings import Settings
from . import frames as shape
from . import identity
from .model import Event
from .profiles import read_profiles

log = logging.getLogger("prep")
INFO_FIELDS = ("name", "start", "end", "timezone", "venue", "city", "country", "url", "organizer", "description")


def read_event(sources, *, kind: str = "auto", fetcher: Fetcher | None = None, settings: Settings | None = None,
               follow_profiles: bool = False, recipe: str | Path | None = None, max_pages: int = 50,
               max_profiles: int = 300, max_site_pages: int = 8) -> Event:
    """Read one event from one or more sources and merge them.

    Parameters
    ----------
    sources : str | Path | list
        URLs (http/https) or local files the user named explicitly.
    kind : str
        ``"auto"`` (detect per source) or a reader name from ``prep.read.REGISTRY``.
    follow_profiles : bool
        Also fetch each person's profile page on the event site (politely, at most ``max_profiles``)
        for what the listing cut: full bio, talk title and abstract, links.
    recipe : path, optional
        A YAML CSS-selector recipe that overrides the generic HTML card reader.
    max_site_pages : int
        How many more pages of the event's site to read when the pages given link them: its speakers,
        schedule, sponsors and team pages (see :mod:`prep.read.site_map`); 0 reads only the sources.
    """
    sources = [sources] if isinstance(sources, (str, Path)) else list(sources)
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    try:
        parts, failures, given = [], [], {}
        targets = _platform_data([str(s) for s in sources], failures)  # a platform's link: its public data
        for source in targets:
            try:
                parts.append(_read_source(fetcher, source, kind, recipe, max_pages))
                given[source] = parts[-1]
            except PrepError as err:
                if len(targets) == 1 and not failures:
                    raise
                log.warning("skipping %s: %s", source, err)
                failures.append({"source": source, "error": str(err)})
        if not parts and len(failures) == 1:  # the one thing the user gave failed: say just that
            raise PrepError(failures[0]["error"])
        sources = targets + _site_pages(fetcher, parts, given, kind, max_pages, max_site_pages)
        if follow_profiles:
            parts += read_profiles(fetcher, parts, failures, max_profiles)
    finally:
        if own:
            fetcher.close()
    return _assemble(parts, [str(s) for s in sources], failures)


def _platform_data(sources: list[str], failures: list[dict]) -> list[str]:
    """Each source, or the public data its platform keeps for it (a pretalx event page: its API); a
    platform that shows people only behind a login is a failure saying what to export instead."""
    out = []
    for source in sources:
        try:
            out += [t for t in connectors.resolve(source) if t not in out]
        except PrepError as err:
            failures.append({"source": source, "error": str(err)})
    return out


def _read_source(fetcher: Fetcher, source: str, kind: str, recipe, max_pages: int) -> readers.Parsed:
    """One source and its further pages; whatever breaks in it is a :class:`PrepError` naming the source."""
    try:
        parsed = _read_pages(fetcher, source, kind, recipe, max_pages)
        if (hint := connectors.hint(source)) and not any(p.get("role") == "attendee" for p in parsed.people):
            if not parsed.people and not parsed.sessions:  # the event alone (a Sessionize call for speakers)
                raise NoPeopleFound(source, [], hint)
            log.warning("%s: %s", source, hint)  # a Luma or Meetup page's hosts are read; its guests are not there
        return parsed
    except FetchError as err:
        if err.status in (401, 403) and err.url == source:
            raise connectors.behind_login(source, err.status) from err
        raise
    except NoPeopleFound as err:
        hint = connectors.hint(source)
        if hint:  # an Eventbrite, Luma or Meetup page: the people are in the organiser's export
            raise NoPeopleFound(source, err.tried, hint) from err
        raise
    except PrepError:
        raise
    except RecursionError as err:
        raise ParseError(source, "nested too deeply to read") from err
    except Exception as err:  # a hostile or broken document sinks only its own source
        log.debug("reading %s failed", source, exc_info=True)
        raise ParseError(source, f"unreadable: {type(err).__name__}: {err}") from err


_SIGN_IN = re.compile(r"<input[^>]+type\s*=\s*[\"']?password", re.I)


def _as_organisers(part: readers.Parsed) -> None:
    """People of the event's team page are its organisers (one who also speaks is a speaker: see shape.ROLE_RANK)."""
    for person in part.people:
        if person.get("role") in (None, "", "speaker"):
            person["role"] = "organizer"


def _read_pages(fetcher: Fetcher, source: str, kind: str, recipe, max_pages: int) -> readers.Parsed:
    page = fetcher.read(source)
    if fetcher.settings.render and page.kind == "html" and page.url.startswith(("http://", "https://")) \
            and app_shell(page.text):
        from ..fetch.jsrender import rendered

        page = rendered(fetcher, page.url)  # an app shell: the page as the browser builds it
    if recipe:
        return parse_with_recipe(page.text, page.url, load_recipe(recipe))
    try:
        result = parse_page(page, kind)
    except NoPeopleFound as err:
        if _SIGN_IN.search(page.text[:200_000]):  # nothing but a sign-in form where the list was
            raise connectors.behind_login(source) from err
        raise
    if "team" in roles_of(page.url) and "speakers" not in roles_of(page.url):  # "/team/", "/equipo/"
        _as_organisers(result)
    pages, seen = 1, {page.url}
    queue = list(result.next_pages)
    while queue and pages < max_pages:  # paginated APIs (pretalx "next") and speaker lists ("Next ›")
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            more = parse_page(fetcher.get(url), kind)
        except PrepError as err:  # a later page that fails ends the list; what was read stays
            log.warning("stopped after %d pages of %s: %s", pages, source, err)
            break
        result.people += more.people
        result.sessions += more.sessions
        result.info = {**more.info, **{k: v for k, v in result.info.items() if v}}
        queue += more.next_pages
        pages += 1
    return result


def parse_page(page: Page, kind: str = "auto") -> readers.Parsed:
    """Run the reader(s) for one document; raise :class:`NoPeopleFound` when nothing is found."""
    text, url = page.text, page.url
    chosen = _readers_for(page, kind)
    combined, tried = readers.Parsed(), []
    for reader in chosen:
        tried.append(reader.name)
        result = _read_with(reader, chosen, text, url, tried)
        if result is None:
            continue
        if reader.name == "html-cards" and any(r.name == "agenda" for r in chosen[:chosen.index(reader)]) \
                and combined.sessions:
            result.people = []  # on an agenda, a "card" is a slot: its people are the sessions' speakers
        if result.note:
            tried[-1] += f" ({result.note})"
        if _absorb(combined, result, reader.name):
            break
    if page.kind == "html":
        _page_extras(combined, text, url)
    found = combined.people or combined.sessions or combined.organizations or combined.next_pages
    if not found and page.kind == "html" and app_shell(text):
        raise NoPeopleFound(url, tried + [
            "the page builds its content with JavaScript (an app shell: scripts and almost no text); prep reads what "
            "the server sends: add --render to read it in headless Chromium, or give the site's data file or export, "
            "or a copy of the page saved from a browser"])
    if not (found or combined.facts.get("name") or combined.site_pages):  # a home page says what the event is
        raise NoPeopleFound(url, tried or ["none matched this document"])
    return combined


def _readers_for(page: Page, kind: str) -> list:
    if kind == "auto":
        return readers.candidates(page.text, page.url, page.kind)
    registry = readers.load_all()
    if kind not in registry:
        raise ParseError(page.url, f"unknown kind {kind!r}; choose one of: auto, {', '.join(registry)}")
    return [registry[kind]]


def _read_with(reader, chosen: list, text: str, url: str, tried: list[str]) -> readers.Parsed | None:
    """One reader's records, or ``None`` (noted in ``tried``) when it fails and another may read the page."""
    try:
        return reader.parse(text, url)
    except PrepError as err:
        if len(chosen) == 1:
            raise
        tried[-1] += f" ({err.reason if isinstance(err, ParseError) else err})"
    except Exception as err:  # a reader's bug or a hostile document sinks only this reader's reading
        log.debug("%s failed on %s", reader.name, url, exc_info=True)
        if len(chosen) == 1:
            raise ParseError(url, f"the {reader.name} reader failed: {type(err).__name__}: {err}") from err
        tried[-1] += f" (failed: {type(err).__name__})"
    return None


def _absorb(combined: readers.Parsed, result: readers.Parsed, name: str) -> bool:
    """Merge one reader's records into the page's; whether the page is read enough to stop."""
    combined.info = {**result.info, **{k: v for k, v in combined.info.items() if v}}
    if not combined.organizations and result.organizations:
        combined.organizations = result.organizations
    if not combined.sessions and result.sessions:
        combined.sessions = result.sessions
    # The first reader's people stand, unless they were loose items and a later reader finds at
    # least twice as many: a WordPress page's author in its JSON-LD is not the speaker grid below.
    if result.people and (not combined.people or combined.tentative and len(result.people) >= 2 * len(combined.people)):
        orgs = {normalize_name(o["name"]) for o in combined.organizations}
        people = [p for p in result.people if normalize_name(p["name"]) not in orgs]
        if people and len(people) >= 2 * len(combined.people):
            combined.people, combined.reader, combined.tentative = people, name, result.tentative
            combined.profile_pages = result.profile_pages
            combined.next_pages = result.next_pages or combined.next_pages
    if result.next_pages and not combined.next_pages:
        combined.next_pages = result.next_pages
        if not result.people:
            return True  # the page points at its machine-readable data: read that, not the HTML
    return bool(combined.people and (combined.sessions or name not in ("schema.org",)))


def _page_extras(combined: readers.Parsed, text: str, url: str) -> None:
    """What an HTML page says beside its cards: its embedded data, links to the site's other pages, and the
    event's name, dates and place. Each is a bonus: an odd page keeps the people its readers found."""
    try:
        combined.people = merge_into(combined.people, embedded_people(text, url))
    except Exception:  # noqa: BLE001
        log.debug("unreadable page data in %s", url, exc_info=True)
    try:
        combined.site_pages = site_pages(text, url)
    except Exception:  # noqa: BLE001
        log.debug("no site links from %s", url, exc_info=True)
    if not all(combined.info.get(k) for k in ("name", "start", "city")):
        try:  # a page without schema.org data still says what the event is, when and where
            facts = event_facts(text, url)
        except Exception:  # noqa: BLE001
            log.debug("no event facts from %s", url, exc_info=True)
            facts = {}
        combined.facts = {k: v for k, v in facts.items() if v and not combined.info.get(k)}


def _site_pages(fetcher: Fetcher, parts: list[readers.Parsed], given: dict, kind: str, max_pages: int,
                budget: int) -> list[str]:
    """Read the site's speakers, schedule, sponsors and team pages that the pages given link to, for what
    the pages given lack (no people yet: its speakers page; no sessions: its schedule; ...); returns those
    that added something (they join the event's sources)."""
    # A handful of people on a home page (featured speakers, or its menu) does not make a speakers page.
    covered = {"speakers": sum(len(p.people) for p in parts) >= 8, "schedule": sum(len(p.sessions) for p in parts) >= 3,
               "sponsors": sum(len(p.organizations) for p in parts) >= 3}
    for url, part in given.items():  # the user gave that page already, and it held what its address says
        held = {"speakers": part.people, "team": part.people, "schedule": part.sessions, "sponsors": part.organizations}
        covered.update({role: True for role in roles_of(url) if held[role]})
    wanted: dict[str, str] = {}  # url -> the role the site's menu gives it; only what is missing
    for part in parts:
        for role, u in part.site_pages.items():
            if u not in given and not covered.get(role):
                wanted.setdefault(u, role)
    used = []
    for url, role in list(wanted.items())[:budget]:
        try:
            part = _read_source(fetcher, url, kind, None, max_pages)
        except PrepError as err:  # a linked page with nobody on it is no failure of the user's sources
            log.info("the site's page %s added nothing: %s", url, err)
            continue
        if role == "team":
            _as_organisers(part)
        part.site_pages = {}
        parts.append(part)
        used.append(url)
    return used


def app_shell(text: str) -> bool:
    """A page whose content a script builds in the browser: little visible text, several scripts, often an
    empty mount point (``<div id="root"></div>``, ``<div id="__nuxt">``) or a ``<noscript>`` plea."""
    visible = re.sub(r"(?is)<(script|style|noscript|template|head)\b.*?</\1>|<[^>]+>", " ", text)
    words = len(visible.split())
    scripts = len(re.findall(r"(?i)<script\b", text))
    mount = re.search(r"""(?i)<div[^>]+id=["'](root|app|__next|__nuxt|___gatsby)["'][^>]*>\s*</div>""", text)
    plea = re.search(r"(?is)<noscript>[^<]*(enable|activate|requires?)[^<]*javascript", text)
    return scripts >= 2 and words < 80 and bool(mount or plea or words < 30)


def _mark_editions(records: list[dict], info: dict) -> None:
    """``edition`` for people listed under another edition's heading: the heading's year when it is not the
    event's ("2019 speakers" on a 2020 site), "past" for "Last year's speakers"; "" for this edition."""
    hinted_years = {r["edition_hint"] for r in records if str(r.get("edition_hint", "")).isdigit()}
    year = str(info.get("start") or "")[:4] or (max(hinted_years) if hinted_years else "")
    for record in records:
        hint = str(record.pop("edition_hint", "") or "")
        record["edition"] = "past" if hint == "past" else hint if hint.isdigit() and year and hint < year else ""


def _talks_not_scheduled(records: list[dict]) -> list[dict]:
    """The schedule's sessions, plus the talks from speakers' pages that it lacks (the same talk may be
    spelled a little differently there: "Master Class" and "Masterclass", "&" and "and")."""
    from rapidfuzz import fuzz, process

    scheduled = [clean_space(s.get("title")).casefold() for s in records if not s.get("_from_profile")]
    out = []
    for s in records:
        if s.pop("_from_profile", False):
            title = clean_space(s.get("title")).casefold()
            if scheduled and process.extractOne(title, scheduled, scorer=fuzz.token_set_ratio, score_cutoff=85):
                continue
        out.append(s)
    return out


def _assemble(parts: list[readers.Parsed], sources: list[str], failures: list[dict]) -> Event:
    info: dict = {}
    for part in parts:  # structured data (schema.org, schedules) first, then what pages show
        for key, value in part.info.items():
            if value and not info.get(key):
                info[key] = value
    for part in parts:
        for key, value in part.facts.items():
            if value and not info.get(key):
                info[key] = value
    identity.speakers_by_page(parts)
    session_records = [s for part in parts for s in part.sessions]
    session_records = _talks_not_scheduled(session_records)
    complete_times(session_records, info)  # an agenda without the year takes the event's
    records = identity.who_is_who([p for part in parts for p in part.people] + identity.unlisted_speakers(parts),
                                  session_records)
    _mark_editions(records, info)
    organizations = [o for part in parts for o in part.organizations]
    identity.name_logos_by_people(records, organizations)
    people = shape.merge_people(identity.without_organisations(records, organizations))
    sessions = shape.sessions_frame(session_records, people)
    orgs = shape.organizations_frame(organizations)
    if people.empty and sessions.empty and orgs.empty:
        raise NoPeopleFound(", ".join(sources), [f"{f['source']}: {f['error']}" for f in failures])
    return Event(info={k: info.get(k, "") for k in INFO_FIELDS}, people=people, sessions=sessions,
                 organizations=orgs, sources=sources, failures=failures)

