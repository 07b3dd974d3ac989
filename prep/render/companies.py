"""HTML of companies: the brief's Companies section, and the company brief's header, news and hiring.
Every scraped string is escaped here (see :mod:`prep.render.report`)."""
from __future__ import annotations

import re
from html import escape

import pandas as pd

from ..schema import text as _value
from .report import link, safe_url, text_lines


def companies_section(companies: pd.DataFrame, news: pd.DataFrame, people: pd.DataFrame,
                      priorities: pd.DataFrame | None = None, *, limit: int = 40) -> str:
    """What each company does, size, links, recent news, hiring and who is here; most relevant first."""
    if companies is None or companies.empty:
        return '<p class="muted">No company research in this brief.</p>'
    from ..names import normalize_company

    here: dict[str, list[str]] = {}
    for name, company in zip(people["name"], people["company"].fillna("")):
        if company:
            here.setdefault(normalize_company(company), []).append(name)
    planned = {normalize_company(c) for c in (priorities["company"].dropna() if priorities is not None else [])}
    frame = companies.assign(_here=[len(here.get(k, [])) for k in companies["normalized_name"]],
                             _planned=[k in planned for k in companies["normalized_name"]])
    frame = frame.sort_values(["_planned", "_here", "name"], ascending=[False, False, True])
    learned = (frame["description"].fillna("").ne("") | frame["industry"].notna() | frame["employees"].notna()
               | frame["company_id"].isin(set(news["company_id"]) if len(news) else set()))
    unresearched = frame["error"].notna() & ~learned  # nothing known but a name (and maybe a site): listed once
    missing, frame = frame[unresearched], frame[~unresearched]
    news_by = {k: g for k, g in news.groupby("company_id")} if len(news) else {}
    cards = []
    for r in frame.head(limit).to_dict("records"):
        facts_line = " · ".join(escape(x) for x in (_value(r.get("industry")), _size(r),
                                                     _value(r.get("headquarters")),
                                                     f"founded {_value(r.get('founded'))}" if _value(r.get("founded")) else "") if x)
        links = [link(r.get("website"), "Website")] if safe_url(r.get("website")) else []
        links += [link(r.get(k), label) for k, label in (("linkedin", "LinkedIn"), ("x", "X"), ("github", "GitHub"))
                  if safe_url(r.get(k))]
        links += [link(u, re.sub(r"^www\.", "", u.split("/")[2])) for u in text_lines(r.get("other_socials")) if safe_url(u)]
        roles = text_lines(r.get("open_roles"))
        hiring = ""
        if roles:
            shown = ", ".join(escape(x) for x in roles[:4]) + (f" and {len(roles) - 4} more" if len(roles) > 4 else "")
            hiring = f'<p><strong>Hiring ({len(roles)}):</strong> {shown} {link(r.get("careers_url"), "careers page")}</p>'
        elif pd.notna(r.get("open_roles_count")):
            hiring = '<p class="muted">No open roles listed on the careers page.</p>'
        items = news_by.get(r["company_id"])
        news_html = ""
        if items is not None and len(items):
            news_html = "<ul class='news'>" + "".join(
                f"<li><time>{escape(_value(n['published']))}</time> {link(n['url'], _value(n['title']))}</li>"
                for n in items.head(3).to_dict("records")) + "</ul>"
        people_here = here.get(r["normalized_name"], [])
        who = (f"<p><strong>Here:</strong> {escape(', '.join(people_here[:8]))}"
               f"{f' and {len(people_here) - 8} more' if len(people_here) > 8 else ''}</p>") if people_here else ""
        error = f'<p class="muted">Not researched: {escape(_value(r.get("error")))}</p>' if _value(r.get("error")) else ""
        cards.append(f'<article class="company"><h3>{escape(_value(r.get("name")))}</h3>'
                     f'<p class="who">{facts_line}</p><p>{escape(_value(r.get("description")))}</p>'
                     f'<p class="links">{" · ".join(links)}</p>{hiring}{news_html}{who}{error}</article>')
    more = len(frame) - limit
    tail = f'<p class="muted">{more:,} more companies are in companies.csv and the Excel workbook.</p>' if more > 0 else ""
    return ('<div class="companies">' + "".join(cards) + "</div>" if cards else "") + tail + _unresearched(missing, here)


def _unresearched(missing: pd.DataFrame, here: dict[str, list[str]]) -> str:
    """Companies nothing was learned about: once, in a compact list with their site when known, who works
    there, and why (no site found, or a site that could not be read)."""
    if missing.empty:
        return ""
    items = "".join(f"<li><strong>{escape(_value(r.get('name')))}</strong>"
                    f"{' · ' + link(r.get('website'), 'website') if safe_url(r.get('website')) else ''}"
                    f"{': ' + escape(', '.join(here.get(r['normalized_name'], [])[:5])) if here.get(r['normalized_name']) else ''}"
                    "</li>" for r in missing.to_dict("records"))
    found = missing["website"].notna()
    parts = []
    for group, what in ((missing[~found], "no website was found for {n}"), (missing[found], "{n} site{s} could not be read")):
        if len(group):
            reasons = group["error"].dropna().value_counts()
            why = f" ({escape(_value(reasons.index[0]).removeprefix('no website found: '))})" if len(reasons) else ""
            parts.append(what.format(n=len(group), s="" if len(group) == 1 else "s") + why)
    return (f'<h3>Not researched ({len(missing)})</h3><p class="muted">Nothing is known about these companies yet: '
            f'{"; ".join(parts)}. Name their sites in a <code>--domains</code> file, or run again online, to research '
            f'them.</p><ul class="unresearched">{items}</ul>')


def _size(r: dict) -> str:
    if pd.notna(r.get("employees")):
        return f"{int(r['employees']):,} employees"
    return f"{_value(r.get('size_band'))} employees" if _value(r.get("size_band")) else ""


def company_header(company: dict) -> str:
    name = escape(_value(company.get("name")) or "Company")
    facts_line = " · ".join(escape(x) for x in (_value(company.get("industry")), _size(company),
                                                 _value(company.get("headquarters")),
                                                 f"founded {_value(company.get('founded'))}" if _value(company.get("founded")) else "") if x)
    links = [link(company.get("website"), "Website")] if safe_url(company.get("website")) else []
    links += [link(company.get(k), label) for k, label in (("linkedin", "LinkedIn"), ("x", "X"), ("github", "GitHub"),
                                                            ("feed_url", "News feed")) if safe_url(company.get(k))]
    links += [link(u, re.sub(r"^www\.", "", u.split("/")[2])) for u in text_lines(company.get("other_socials")) if safe_url(u)]
    error = f'<p class="muted">Not fully researched: {escape(_value(company.get("error")))}</p>' if _value(company.get("error")) else ""
    source = f'<p class="muted">Site found by: {escape(_value(company.get("domain_source")))}</p>' if _value(company.get("domain_source")) else ""
    return (f"<h1>{name}</h1><p class='who'>{facts_line}</p><p>{escape(_value(company.get('description')))}</p>"
            f"<p class='links'>{' · '.join(links)}</p>{source}{error}")


def news_list(news: pd.DataFrame) -> str:
    if news.empty:
        return '<p class="muted">No dated news found (no feed, or an empty one).</p>'
    return "<ul class='news'>" + "".join(
        f"<li><time>{escape(_value(n['published']))}</time> {link(n['url'], _value(n['title']))}"
        f"<br><small>{escape(_value(n['summary']))}</small></li>" for n in news.to_dict("records")) + "</ul>"


def hiring(company: dict) -> str:
    roles = text_lines(company.get("open_roles"))
    if roles:
        return ("<ul>" + "".join(f"<li>{escape(r)}</li>" for r in roles) + "</ul>"
                + f"<p>{link(company.get('careers_url'), 'Careers page')}</p>")
    if pd.notna(company.get("open_roles_count")):
        return f'<p class="muted">No open roles listed on the {link(company.get("careers_url"), "careers page")}.</p>'
    return '<p class="muted">No careers page found.</p>'
