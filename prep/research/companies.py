"""Company research: company names (or a people frame) -> the ``companies`` and ``company_news`` frames.

Order of work, all through the one polite :class:`~prep.fetch.client.Fetcher`:

1. Gather the companies named, join spellings ("Acme, Inc." = "ACME Inc" = "Acme") with cleanco
   keys plus fuzzy matching, and keep every hint cards give (e-mail domains, websites).
2. Resolve each company's site, in order: the user's mapping file, links and e-mail domains on
   the person's card, the event's sponsor/exhibitor links, then (online only) candidate domains
   that are fetched and kept only when the page names the company. ``domain_source`` says which;
   an unresolved company stays in the frame with the reason in ``error``.
3. Fetch every home page concurrently across hosts, then the about page, careers page and feed
   each home page points to. Parse with :mod:`prep.research.sites` (pure functions).
4. Optionally (online only) add Wikipedia's summary and Wikidata facts.

One broken site only fills that company's ``error``; the run goes on.
"""
from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import pandas as pd

from .. import schema
from ..errors import PrepError, SchemaError
from ..fetch.client import Fetcher
from ..names import normalize_company, stable_id
from ..settings import Settings
from ..urls import bare_host
from .guess import guess_sites
from .industries import classify
from .sites import parse_careers_page, parse_company_page, parse_feed, size_band
from .targets import (
    Target,
    find_targets,
    is_local_file,
    load_domains,
    normalize_mapping,
    resolve_site,
    sponsor_links,
)
from .wikipedia import WIKIPEDIA, read_wikipedia

log = logging.getLogger("prep")


SOCIAL_COLUMNS = {"linkedin": "linkedin", "x": "x", "github": "github"}


@dataclass
class Research:
    """The result of :func:`research_companies`: frames follow :mod:`prep.schema`."""

    companies: pd.DataFrame
    news: pd.DataFrame

    def __repr__(self) -> str:
        found = int(self.companies["website"].notna().sum()) if len(self.companies) else 0
        return f"<Research: {len(self.companies)} companies ({found} with a site), {len(self.news)} news items>"


def research_company(company: str | Path, *, saved_from: str | None = None, **options) -> Research:
    """One company, as ``prep company`` reads it: a website URL, a domain, a name, or a saved page (a local
    file named explicitly, parsed as it is; ``saved_from`` is the address it was saved from). ``options``
    are those of :func:`research_companies`; the result has one row."""
    given = str(company).strip()
    if not given:
        raise PrepError("a company is needed: its website, domain, name or a saved page")
    if saved_from:
        if not is_local_file(given):
            raise PrepError(f"{given}: saved_from says where a saved page came from, and this is not a saved page")
        if not saved_from.startswith(("http://", "https://")):
            raise PrepError(f"{saved_from!r}: the saved page's address must start with http:// or https://")
        return research_companies([{"file": given, "url": saved_from}], **options)
    return research_companies([given], **options)


def research_companies(companies, *, organizations: pd.DataFrame | None = None, domains=None,
                       fetcher: Fetcher | None = None, settings: Settings | None = None, guess: bool = True,
                       wikipedia: bool = False, max_news: int = 5) -> Research:
    """Research every company named in ``companies``.

    Parameters
    ----------
    companies : Event | DataFrame | list of str | str
        An :class:`~prep.shape.event.Event`, a people frame (its ``company`` column and the e-mails and
        websites on each card are used), a frame with a ``name`` column, or company names and
        website URLs.
    organizations : DataFrame, optional
        The event's sponsors/exhibitors (``organizations`` frame); their links resolve domains.
        Taken from the event when ``companies`` is an Event.
    domains : path or dict, optional
        Your own ``company -> domain or URL`` mapping (CSV with company,domain columns, or YAML);
        it wins over everything else.
    guess : bool
        When online, try candidate domains (``Settings.guess_urls``) and keep one only when its
        page names the company.
    wikipedia : bool
        When online, add Wikipedia's summary and Wikidata facts (industry, employees, headquarters,
        inception, official website) where the site said nothing.
    """
    if organizations is None and hasattr(companies, "organizations"):
        organizations = companies.organizations
    targets = find_targets(companies.people if hasattr(companies, "people") else companies)
    mapping = load_domains(domains) if isinstance(domains, (str, Path)) else normalize_mapping(domains or {})
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    try:
        _find_sites(fetcher, targets, mapping, organizations, guess)
        _fetch_sites(fetcher, [t for t in targets if t.home and not t.file])
        if wikipedia and not fetcher.settings.offline:
            read_wikipedia(fetcher, targets)
    finally:
        if own:
            fetcher.close()
    return _frames(targets, max_news)


def _find_sites(fetcher: Fetcher, targets: list[Target], mapping: dict[str, str], organizations, guess: bool) -> None:
    """Each company's site: your mapping, the sponsor list, the cards' links and e-mails, a saved page, or a
    guess checked by fetching; a company with none gets an error saying where prep looked."""
    offline = fetcher.settings.offline
    sponsors = sponsor_links(organizations)
    # A bare domain (from an e-mail) is tried over the scheme the candidate templates use: https
    # on the web, http on a local test web.
    scheme = urlsplit(fetcher.settings.guess_urls.split(",")[0].strip()).scheme or "https"
    email_owners: dict[str, set[str]] = {}
    for target in targets:
        for domain in target.emails:
            email_owners.setdefault(domain, set()).add(target.key)
    for target in targets:
        resolve_site(target, mapping, sponsors, scheme, email_owners)
    _read_saved_pages(fetcher, [t for t in targets if t.file])
    if guess and not offline:
        guess_sites(fetcher, [t for t in targets if not t.home and not t.file and not t.error])
    for target in targets:
        if not target.home and not target.error and not target.file:
            tried = "your mapping, the cards' links and e-mails, the sponsor list"
            target.error = ("no website found: not in " + tried +
                            ("; guessing is off offline" if offline else
                             "; no candidate domain named the company" if guess else "; guessing was off"))


def _frames(targets: list[Target], max_news: int) -> Research:
    rows, news = [], []
    for target in targets:
        try:
            row, posts = _row(target, max_news)
        except Exception as err:  # one company's odd facts must not sink the others
            target.parsed, target.error = {}, f"unreadable facts: {_why(err)}"
            row, posts = _row(target, max_news)
        rows.append(row)
        news += posts
    return Research(schema.conform(rows, "companies"), schema.conform(news, "company_news"))


def _read_saved_pages(fetcher: Fetcher, targets: list[Target]) -> None:
    """Saved pages the user named: each is its company's home page, parsed as it is."""
    for target in targets:
        try:
            page = fetcher.read(target.file)
            target.pages["home"] = page
            target.parsed["home"] = parse_company_page(page.text, target.saved_from or page.url)
            target.domain_source = "saved page"
            site = target.parsed["home"].get("website") or ""
            target.home = site if site.startswith(("http://", "https://")) else ""
        except Exception as err:  # a saved page that cannot be read is that company's error
            target.error = f"{target.file}: unreadable: {_why(err)}"


# -- 3. fetch and parse ------------------------------------------------------------------------------
def _fetch_sites(fetcher: Fetcher, targets: list[Target]) -> None:
    """Home pages first; each home page's about, careers and feed links join the queue as soon as it is read."""
    by_home: dict[str, list[Target]] = {}
    follow_ups: dict[str, list[tuple[Target, str]]] = {}
    lock = threading.Lock()

    def then(url: str, page) -> list[str]:
        owners = by_home.get(url)
        if not owners:
            return []
        try:
            home = parse_company_page(page.text, page.url)
        except Exception as err:  # a hostile home page sinks only its own companies
            with lock:
                for target in owners:
                    target.error = f"{url}: home page unreadable: {_why(err)}"
            return []
        links = []
        with lock:
            for target in owners:
                target.pages["home"], target.parsed["home"] = page, home
                for role, link in (("about", home["about_url"]), ("careers", home["careers_url"]),
                                   ("feed", (home["feeds"] or [""])[0])):
                    if link and link != page.url:
                        follow_ups.setdefault(link, []).append((target, role))
                        links.append(link)
        return links

    for target in targets:
        by_home.setdefault(target.home, []).append(target)
    pages, errors = fetcher.fetch_many(list(by_home), desc="company sites", then=then)
    # A domain from a card or mapping has no scheme of its own: when https cannot even connect
    # (no TLS, or robots.txt unreachable over https), try plain http once.
    retry = {t.home: "http://" + t.home[len("https://"):] for t in targets if t.home.startswith("https://")
             and t.domain_source != "given" and t.home in errors and errors[t.home].status is None}
    if retry:
        for https_url, http_url in retry.items():
            by_home[http_url] = by_home[https_url]
        more, more_errors = fetcher.fetch_many(list(retry.values()), desc="company sites over http", then=then)
        pages.update(more)
        errors.update(more_errors)
        for target in targets:
            if retry.get(target.home) in more:
                target.home = retry[target.home]
    for target in targets:
        if "home" not in target.pages and not target.error:
            target.error = str(errors.get(target.home, "home page not fetched"))
    _read_follow_ups(follow_ups, pages, errors)


def _read_follow_ups(follow_ups: dict[str, list[tuple[Target, str]]], pages: dict, errors: dict) -> None:
    """Each company's about, careers and feed pages, read into its facts."""
    for url, uses in follow_ups.items():
        for target, role in uses:
            page = pages.get(url)
            if page is None:
                log.info("%s: %s page not fetched: %s", target.name, role, errors.get(url))
                continue
            target.pages[role] = page
            try:
                if role == "feed":
                    target.parsed["feed"] = parse_feed(page.content, page.url)
                elif role == "careers":
                    target.parsed["careers"] = parse_careers_page(page.text, page.url)
                else:
                    target.parsed["about"] = parse_company_page(page.text, page.url)
            except Exception as err:  # the home page's facts stay; this page adds nothing
                log.info("%s: %s page unreadable: %s", target.name, role, _why(err))


def _title_name(title: str | None) -> str:
    """A site's name from its <title> when nothing else names it: "Acme | Home" -> "Acme"."""
    parts = [p.strip() for p in re.split(r"\s+[|–—:-]\s+|\s*\|\s*", title or "") if p.strip()]
    generic = {"home", "homepage", "welcome", "index", "start", "startseite", "inicio", "accueil"}
    named = [p for p in parts if p.casefold() not in generic and len(p) <= 60]
    return named[0] if named else ""


def _why(err: Exception) -> str:
    return "nested too deeply" if isinstance(err, RecursionError) else f"{type(err).__name__}: {err}"


# -- 4. shape ----------------------------------------------------------------------------------
def _row(target: Target, max_news: int) -> tuple[dict, list[dict]]:
    home = target.parsed.get("home") or {}
    about = target.parsed.get("about") or {}
    wiki = target.parsed.get("wikipedia", {})
    facts = wiki.get("facts", {})
    name = target.name if target.names else (home.get("name") or home.get("site_name") or _title_name(home.get("title"))
                                             or target.name)
    company_id = stable_id(normalize_company(name) or target.key)

    def first(key: str):
        return next((v for v in (home.get(key), about.get(key)) if v), None)

    socials = {**about.get("socials", {}), **home.get("socials", {})}
    jobs = list(dict.fromkeys((home.get("jobs") or []) + (target.parsed.get("careers") or [])))
    employees = first("employees") or facts.get("employees")
    description = first("description") or ""
    industry, evidence = first("industry") or facts.get("industry") or "", ""
    if not industry:  # the site states none: read it from the company's own words (prep.research.industries)
        industry, evidence = classify(description, about.get("description") or "", " . ".join(jobs))
    if not description and wiki.get("summary"):
        description = wiki["summary"].get("extract", "")
    pages = list(target.pages.values())
    sources = [p.url for p in pages] + ([WIKIPEDIA.format(title=quote(wiki["summary"].get("title", ""), safe=""))]
                                        if wiki.get("summary") else [])
    row = {
        "company_id": company_id, "name": name, "normalized_name": normalize_company(name),
        "domain": bare_host(target.home) if target.home else None, "website": target.home or None,
        "description": description, "industry": industry or None, "industry_evidence": evidence or None,
        "employees": employees, "size_band": size_band(employees),
        "founded": first("founded") or facts.get("founded"), "headquarters": first("headquarters") or facts.get("headquarters"),
        "linkedin": socials.get("linkedin"), "x": socials.get("x"), "github": socials.get("github"),
        "other_socials": "\n".join(u for n, u in sorted(socials.items()) if n not in SOCIAL_COLUMNS),
        "feed_url": (home.get("feeds") or [None])[0], "careers_url": home.get("careers_url") or None,
        "open_roles": "\n".join(jobs), "open_roles_count": len(jobs) if "careers" in target.parsed or jobs else None,
        "domain_source": target.domain_source or None, "sources": "\n".join(dict.fromkeys(sources)),
        "fetched_at": max((p.fetched_at for p in pages), default=None), "error": target.error or None,
    }
    posts = [{"company_id": company_id, **post} for post in (target.parsed.get("feed") or [])[:max_news]]
    return row, posts


def read_company_list(path: str | Path) -> pd.DataFrame:
    """A people CSV (with a ``company`` column) or a plain list of company names, one per line."""
    path = Path(path)
    if not path.is_file():
        raise PrepError(f"{path}: no such file")
    if path.suffix.lower() == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        if not {"company", "name"} & set(frame.columns):
            raise SchemaError(f"{path}: needs a 'company' column (a people CSV) or a 'name' column; "
                              f"it has {list(frame.columns)}")
        return frame
    names = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return pd.DataFrame({"name": names})

