"""Where an event site keeps its people, schedule and sponsors: the links a visitor would click.

From any page of the site (often the home page), the links of the same site whose label or address
names a role, in several languages: speakers ("Speakers", "Ponentes", "Relatori", "Referenten",
"Intervenants", "Keynotes", "Line-up"), the schedule ("Schedule", "Agenda", "Programme",
"Cronograma", "Horaire", "Zeitplan"), sponsors ("Sponsors", "Partners", "Patrocinadores") and the
team ("Team", "Equipo", "Organisers", "Committee"). One link per role, the best: a label that is the
role word itself beats an address that merely contains it, and a page of this edition beats another
year's ("/2017/speakers/" from a 2018 page is last year's). Pure functions of the page's text.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..htmltree import html_tree
from ..names import clean_space
from ..urls import bare_host, follow

ROLES = {
    "speakers": r"speakers?|keynotes?|line-?up|ponentes|conferencistas|palestrantes|relatori|oratori|referent(?:inn)?en|"
                r"sprecher(?:innen)?|intervenants|orateurs|conf[ée]renciers|sprekers|prelegenci|mówcy|"
                r"登壇者|講演者|スピーカー|讲者|演讲嘉宾|嘉宾|speakers?-\d{4}|people|presenters",
    "schedule": r"schedule|agenda|program(?:me|a|m)?|timetable|cronograma|horaire|zeitplan|fahrplan|calendario|"
                r"itinerary|sessions|talks|日程|议程|タイムテーブル|プログラム",
    "sponsors": r"sponsors?|partners?|patrocinadores|patrocinio|sponsoren|partenaires|sostenitori|supporters",
    "team": r"team|equipo|[ée]quipe|organi[sz]ers|organizadores|committees?|comit[ée]|staff|crew|volunteers",
}
_ROLE = {role: re.compile(rf"^(?:our |the |all |meet the |nuestros |i |les |die )?(?:{words})$", re.I)
         for role, words in ROLES.items()}
_IN_PATH = {role: re.compile(rf"(?:^|[/_-])(?:{words})(?:[/_.-]|$)", re.I) for role, words in ROLES.items()}
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_SKIP = re.compile(r"login|signin|register|ticket|cart|checkout|mailto:|javascript:|\.(?:pdf|jpe?g|png|zip)$", re.I)


def site_pages(text: str, url: str) -> dict[str, str]:
    """``{role: url}`` of the pages of the same site that hold the event's speakers, schedule, sponsors
    and team, as this page links them."""
    if not url.startswith(("http://", "https://")):
        return {}
    root = html_tree(text)
    host = bare_host(url)
    here_year = next(iter(_YEAR.findall(urlsplit(url).path)), "")
    best: dict[str, tuple] = {}
    for order, a in enumerate(root.iter("a")):
        href = a.get("href") or ""
        if href.endswith("#") or a.get("data-toggle") or a.get("data-bs-toggle") or a.get("aria-haspopup"):
            continue  # a menu's toggle, not a page
        target = follow(href, url)
        if not target or _SKIP.search(href) or bare_host(target) != host or _same_page(target, url):
            continue
        label = clean_space(a.text_content() or a.get("title") or "")
        path = urlsplit(target).path
        years = _YEAR.findall(path + " " + label)
        if years and here_year and here_year not in years:
            continue  # another edition's page
        for role in ROLES:
            if _ROLE[role].match(label):
                rank = 0
            elif _IN_PATH[role].search(path) and len(label) <= 40:
                rank = 1
            else:
                continue
            key = (rank, not path.startswith(_prefix(url)), path.count("/"), order)
            if role not in best or key < best[role][0]:
                best[role] = (key, target)
    return {role: target for role, (_, target) in best.items()}


def roles_of(url: str) -> set[str]:
    """The roles a page's own address names ("/equipo/" is the team page, "/cronograma/" the schedule)."""
    path = urlsplit(url).path
    return {role for role, pattern in _IN_PATH.items() if pattern.search(path)}



def _same_page(target: str, url: str) -> bool:
    a, b = urlsplit(target), urlsplit(url)
    return a.path.rstrip("/") == b.path.rstrip("/") and a.query == b.query


def _prefix(url: str) -> str:
    """The folder the page sits in ("/2018/" for "/2018/index.html"): this edition's pages live below it."""
    path = urlsplit(url).path
    return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
