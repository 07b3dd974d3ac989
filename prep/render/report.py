"""HTML pieces for the brief notebooks: facts, charts, cards, tables. Every scraped string is escaped here.

Functions return HTML strings for ``IPython.display.HTML``; notebooks only call them. Links are
kept only when they are http(s) or mailto. Charts are plain HTML/CSS bars (no image files, no
scripts); tables to sort and filter come from :mod:`prep.render.tables` (DataTables, offline).
"""
from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

import pandas as pd

from ..schema import SOURCE
from ..schema import text as _value  # every cell shown goes through it

SAFE_SCHEMES = ("http://", "https://", "mailto:")
PROFILE_KEYS = ("linkedin", "x", "github", "mastodon", "website")
LABELS = {"linkedin": "LinkedIn", "x": "X", "github": "GitHub", "mastodon": "Mastodon", "website": "Website"}


def safe_url(url) -> str:
    """The URL if it is http(s) or mailto, else an empty string (no javascript:, data:, file:)."""
    text = str(url or "").strip()
    return text if text.lower().startswith(SAFE_SCHEMES) and not re.search(r"[\s\"'<>]", text) else ""


def link(url, label=None) -> str:
    href = safe_url(url)
    text = escape(str(label if label is not None else url or ""))
    return f'<a href="{escape(href)}" rel="noopener noreferrer">{text}</a>' if href else text


def text_lines(v) -> list[str]:
    return [line for line in _value(v).split("\n") if line.strip()]


def cited(line: str) -> str:
    """A plan line "text — source: URL" as escaped text with a small source link."""
    text, _, url = line.partition(SOURCE)
    source = f' <a class="src" href="{escape(safe_url(url))}" rel="noopener noreferrer">source</a>' if safe_url(url) else ""
    return f"{escape(text)}{source}"


# -- 1. at a glance ----------------------------------------------------------------------------------
def title(info: dict, for_whom: str = "") -> str:
    name = escape(_value(info.get("name")) or "Event")
    when = escape(_value(info.get("start"))[:10])
    place = escape(", ".join(v for v in (info.get("city"), info.get("country")) if v))
    sub = " · ".join(x for x in (when, place, f"prepared for {escape(for_whom)}" if for_whom else "") if x)
    return f'<h1 class="event-title">{name}</h1><p class="muted">{sub}</p>'


def facts(info: dict, people: pd.DataFrame, sessions: pd.DataFrame, organizations: pd.DataFrame,
          companies: pd.DataFrame | None = None) -> str:
    roles = people["role"].value_counts() if "role" in people else pd.Series(dtype=int)
    rows = [("Event", escape(_value(info.get("name")))),
            ("When", escape(" to ".join(v[:16].replace("T", " ") for v in (info.get("start"), info.get("end")) if v))),
            ("Where", escape(", ".join(v for v in (info.get("venue"), info.get("city"), info.get("country")) if v))),
            ("Organizer", escape(_value(info.get("organizer")))),
            ("Website", link(info.get("url"))),
            ("People", f"{len(people):,} ({', '.join(f'{n:,} {escape(str(r))}s' for r, n in roles.items())})"),
            ("Companies", f"{people['company'].nunique():,}" +
             (f" ({int(companies['website'].notna().sum()):,} researched)" if companies is not None and len(companies) else "")),
            ("Sessions", f"{len(sessions):,}"),
            ("Sponsors and partners", f"{len(organizations):,}")]
    body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows if v)
    about = f"<p>{escape(_value(info.get('description')))}</p>" if info.get("description") else ""
    return f'<table class="facts">{body}</table>{about}'


def bar_chart(counts: pd.Series, title: str, *, top: int = 12, unit: str = "people") -> str:
    """A horizontal bar chart in plain HTML/CSS: self-contained, prints well, readable by screen readers."""
    counts = counts[counts > 0].head(top)
    if counts.empty:
        return ""
    peak = max(int(counts.max()), 1)
    rows = "".join(
        f'<div class="bar-row"><span class="bar-label" title="{escape(str(k))}">{escape(str(k)[:48])}</span>'
        f'<span class="bar-track"><span class="bar" style="width:{100 * int(v) / peak:.1f}%"></span></span>'
        f'<span class="bar-value">{int(v):,}</span></div>' for k, v in counts.items())
    summary = "; ".join(f"{k}: {int(v)}" for k, v in counts.items())
    return (f'<figure class="chart" role="img" aria-label="{escape(title)}. {escape(summary)}">'
            f'<figcaption>{escape(title)}</figcaption>{rows}</figure>')


def charts(people: pd.DataFrame, companies: pd.DataFrame | None) -> str:
    """Who is coming: by company, by industry (from company research) and by role, side by side."""
    parts = [bar_chart(people["company"].dropna().value_counts(), "Companies with the most people here")]
    if companies is not None and len(companies):
        industry = dict(zip(companies["normalized_name"], companies["industry"]))
        from ..names import normalize_company

        by_industry = people["company"].dropna().map(lambda c: industry.get(normalize_company(c))).dropna()
        parts.append(bar_chart(by_industry.value_counts(), "People by their company's industry"))
    parts.append(bar_chart(people["role"].fillna("unknown").value_counts(), "People by role at the event"))
    return '<div class="charts">' + "".join(p for p in parts if p) + "</div>"


# -- 2./3. the plan ------------------------------------------------------------------------------------
def timing(notes: list[str]) -> str:
    if not notes:
        return ""
    return '<div class="timing"><strong>Timing</strong><ul>' + "".join(f"<li>{escape(n)}</li>" for n in notes) + "</ul></div>"


def person_card(plan_row: dict, person: dict, photo: str = "") -> str:
    """One person to meet: photo, who, why, in common, offer, approach, where, starters, outreach draft."""
    name, company = _value(plan_row.get("name")), _value(plan_row.get("company"))
    title = _value(person.get("title"))
    initials = "".join(w[0] for w in name.split()[:2]).upper()
    img = (f'<img class="photo" alt="Photo of {escape(name)}" src="{escape(photo)}">' if photo.startswith("data:image/")
           else f'<div class="photo initials" aria-hidden="true">{escape(initials)}</div>')
    links = [link(person.get(k), LABELS[k]) for k in PROFILE_KEYS if safe_url(person.get(k))]
    if not safe_url(person.get("linkedin")):
        search = "https://www.linkedin.com/search/results/people/?keywords=" + quote(f"{name} {company}".strip())
        links.append(link(search, "Find on LinkedIn"))
    if safe_url(person.get("profile_url")):
        links.append(link(person.get("profile_url"), "Event profile"))
    badge = ' <span class="badge">outside your industries</span>' if plan_row.get("outside_industry") is True else ""

    def block(label: str, key: str, *, cite: bool = True) -> str:
        lines = text_lines(plan_row.get(key))
        if not lines:
            return ""
        items = "".join(f"<li>{cited(l) if cite else escape(l)}</li>" for l in lines)
        return f'<div class="block"><h4>{label}</h4><ul>{items}</ul></div>'

    draft = ""
    if _value(plan_row.get("outreach_body")):
        draft = (f'<details class="draft"><summary>Outreach draft</summary><p class="subject">Subject: '
                 f'{escape(_value(plan_row.get("outreach_subject")))}</p><pre>{escape(_value(plan_row.get("outreach_body")))}</pre>'
                 f"</details>")
    else:
        draft = '<p class="muted">No outreach draft: nothing they published touches your interests yet. Meet first, then write.</p>'
    return (f'<article class="card" id="p-{escape(_value(plan_row.get("person_id")))}">{img}<div class="card-body">'
            f'<h3>{escape(name)}{badge}</h3><p class="who">{escape(" · ".join(x for x in (title, company) if x))}</p>'
            f'<p class="links">{" · ".join(links)}</p>'
            f'{block("Why meet", "reasons")}{block("In common", "commonalities")}{block("What you can offer", "offer")}'
            f'{block("Approach", "approach")}{block("Where to catch them", "where_to_meet")}'
            f'{block("Conversation starters", "starters")}{draft}</div></article>')


def plan_cards(priorities: pd.DataFrame, people: pd.DataFrame, photos: dict | None = None) -> str:
    if priorities.empty:
        return '<p class="muted">No plan: give a profile (interests, goals) to rank whom to meet.</p>'
    by_id = {r["person_id"]: r for r in people.to_dict("records")}
    photos = photos or {}
    cards = [person_card(r, by_id.get(r["person_id"], {}), photos.get(r["person_id"], ""))
             for r in priorities.to_dict("records")]
    return '<div class="cards">' + "".join(cards) + "</div>"


def plan_summary(priorities: pd.DataFrame) -> str:
    """A compact numbered list of the plan (links to the cards) for a quick read or print."""
    items = "".join(f'<li><a href="#p-{escape(_value(r["person_id"]))}">{escape(_value(r["name"]))}</a>'
                    f'{" · " + escape(_value(r["company"])) if _value(r["company"]) else ""}</li>'
                    for r in priorities.to_dict("records"))
    return f'<ol class="plan-list">{items}</ol>' if items else ""


def outside_list(outside: pd.DataFrame, companies: pd.DataFrame | None = None) -> str:
    """The diversity picks: who, from which industry, and why (their first reason)."""
    if outside.empty and (companies is None or companies.empty or companies["industry"].isna().all()):
        return ('<p class="muted">No company\'s industry is known yet (their sites were not found or do not say it), '
                "so prep cannot tell who works outside your industries. Ask people what their company does: it is a "
                "good opening question anyway.</p>")
    if outside.empty:
        return ('<p class="muted">No one in your plan is from outside your industries: add industries to your profile '
                "or raise <code>min_outside_industry</code>.</p>")
    items = []
    for r in outside.to_dict("records"):
        industry, why, source = _value(r.get("industry")), _value(r.get("why")), safe_url(r.get("why_source"))
        cite = f' <a class="src" href="{escape(source)}" rel="noopener noreferrer">source</a>' if source else ""
        items.append(f'<li><a href="#p-{escape(_value(r["person_id"]))}">{escape(_value(r["name"]))}</a>'
                     f'{" · " + escape(_value(r["company"])) if _value(r["company"]) else ""}'
                     f'{" <small>(" + escape(industry) + ")</small>" if industry else ""}'
                     f'{"<br>" + escape(why) + cite if why else ""}</li>')
    return f'<ul class="outside">{"".join(items)}</ul>'


# -- 4. everyone -----------------------------------------------------------------------------------------
def everyone_table(people: pd.DataFrame, *, scores: pd.DataFrame | None = None,
                   companies: pd.DataFrame | None = None) -> str:
    """Every person in a table to sort, filter and page (DataTables through :mod:`prep.render.tables`), most relevant
    first. Each cell is escaped here and profile links are kept only when http(s)."""
    from ..names import normalize_company
    from .tables import table

    industry = {}
    if companies is not None and len(companies):
        industry = dict(zip(companies["normalized_name"], companies["industry"].fillna("")))
    score = dict(zip(scores["person_id"], scores["score"])) if scores is not None and len(scores) else {}
    rows = []
    for r in people.to_dict("records"):
        company = _value(r.get("company"))
        rows.append({"Name": escape(_value(r.get("name"))), "Title": escape(_value(r.get("title"))),
                     "Company": escape(company),
                     "Industry": escape(_value(industry.get(normalize_company(company), ""))) if company else "",
                     "Role": escape(_value(r.get("role"))),
                     "Relevance": round(float(score.get(r.get("person_id"), 0.0)), 2),
                     "Profiles": " ".join(link(r.get(k), LABELS[k]) for k in PROFILE_KEYS if safe_url(r.get(k)))})
    frame = pd.DataFrame(rows, columns=["Name", "Title", "Company", "Industry", "Role", "Relevance", "Profiles"])
    if score:
        frame = frame.sort_values("Relevance", ascending=False, kind="stable")
    return f'<div class="people">{table(frame, html_cells=True, order=[], pageLength=25)}</div>'


# -- 6. schedule ---------------------------------------------------------------------------------------
def schedule_for_you(sessions: pd.DataFrame, priorities: pd.DataFrame) -> str:
    """Sessions where your priority people speak, in time order, then breakouts and workshops."""
    if sessions.empty:
        return '<p class="muted">No schedule found for this event.</p>'
    planned = dict(zip(priorities["person_id"], priorities["name"])) if len(priorities) else {}
    rows = []
    for r in sessions.sort_values("start", na_position="last").to_dict("records"):
        ids = text_lines(r.get("speaker_ids"))
        whom = [planned[i] for i in ids if i in planned]
        kind = _value(r.get("type")).lower()
        if whom or kind in {"breakout", "workshop", "panel", "bof", "meetup"}:
            rows.append((r, whom))
    head = "<tr><th>When</th><th>Room</th><th>Session</th><th>Your people</th></tr>"
    body = "".join(
        f"<tr{' class=mine' if whom else ''}><td>{escape(_start_cell(r))}</td><td>{escape(_value(r.get('room')))}</td>"
        f"<td><strong>{escape(_value(r.get('title')))}</strong> <small>({escape(_value(r.get('type')) or 'session')})</small></td>"
        f"<td>{escape(', '.join(whom))}</td></tr>" for r, whom in rows)
    return f'<table class="schedule">{head}{body}</table>'


def full_schedule(sessions: pd.DataFrame) -> str:
    if sessions.empty:
        return ""
    return f"<details><summary>The full schedule ({len(sessions)} sessions)</summary>{schedule_table(sessions)}</details>"


def schedule_table(sessions: pd.DataFrame) -> str:
    head = "<tr><th>When</th><th>Room</th><th>Session</th><th>Speakers</th></tr>"
    rows = []
    for r in sessions.to_dict("records"):
        kind = f" <small>({escape(_value(r.get('type')))})</small>" if _value(r.get("type")) else ""
        rows.append(f"<tr><td>{escape(_start_cell(r))}</td><td>{escape(_value(r.get('room')))}</td>"
                    f"<td><strong>{escape(_value(r.get('title')))}</strong>{kind}</td>"
                    f"<td>{escape(', '.join(text_lines(r.get('speakers'))))}</td></tr>")
    return f'<table class="schedule">{head}{"".join(rows)}</table>'


def _start_cell(r: dict) -> str:
    return _value(r.get("start"))[:16].replace("T", " ")


# -- 7. after ------------------------------------------------------------------------------------------
def after_event(slug: str, n_planned: int) -> str:
    return (
        "<ul>"
        "<li><strong>Within a day:</strong> thank each person you met, naming something they said.</li>"
        "<li><strong>Circle back</strong> when you have acted on advice you were given; say what happened. "
        "Thank whoever introduced you.</li>"
        "<li><strong>Keep in touch</strong> on a rhythm that fits the relationship; after two unanswered "
        "follow-ups, stop.</li>"
        "</ul><p>Keep a record of whom you met, when, why and what you promised. With prep's tracker (local, "
        "private, one SQLite file):</p><pre>"
        f"prep track import briefs/{escape(slug)}      # your {n_planned} planned people, once\n"
        f"prep met \"Name\" --event {escape(slug)} --note \"...\" --promise \"...\"   # after each conversation\n"
        "prep due --week                 # what is due: thank-yous, promises, keep-in-touch\n"
        "prep done ID / prep replied \"Name\"\n"
        "prep track export --ics followups.ics   # reminders into your calendar</pre>"
        "<p>Prefer a spreadsheet? The <em>Follow-ups</em> sheet of <code>brief.xlsx</code> in this folder lists "
        "the same people with columns for the date you met, notes, promises and the next step.</p>")


def sources_note(sources: list[str], failures: list[dict], company_errors: int = 0) -> str:
    """The sources read, and those that failed with their errors."""
    read = "".join(f"<li>{link(s) if safe_url(s) else escape(s)}</li>" for s in sources)
    extra = (f"<p>{company_errors} compan{'y' if company_errors == 1 else 'ies'} could not be researched; "
             "the reason is in the <code>error</code> column of companies.csv.</p>") if company_errors else ""
    if not failures:
        return f"<p>Every source was read:</p><ul>{read}</ul>{extra}"
    failed = "".join(f"<li>{escape(f['source'])}: {escape(f['error'])}</li>" for f in failures)
    return f"<ul>{read}</ul><p>Some could not be read; the brief uses the rest:</p><ul>{failed}</ul>{extra}"


# -- the whole event brief ----------------------------------------------------------------------------------
def sections(prepared) -> dict[str, str]:
    """Every section of the event brief as HTML, keyed by name (a :class:`prep.render.brief.Prepared` in)."""
    from .companies import companies_section

    p, event = prepared, prepared.event
    errors = int(p.companies["error"].notna().sum()) if len(p.companies) else 0
    return {
        "title": title(event.info, p.profile_name),
        "glance": facts(event.info, event.people, event.sessions, event.organizations, p.companies)
        + timing(p.timing) + charts(event.people, p.companies),
        "plan": plan_summary(p.priorities) + plan_cards(p.priorities, event.people, p.photos),
        "outside": outside_list(p.outside_industry, p.companies),
        "everyone": everyone_table(event.people, scores=p.ranking, companies=p.companies),
        "companies": companies_section(p.companies, p.news, event.people, p.priorities),
        "schedule": schedule_for_you(event.sessions, p.priorities) + full_schedule(event.sessions),
        "after": after_event(event.slug, len(p.priorities)),
        "sources": sources_note(event.sources, event.failures, errors),
    }


