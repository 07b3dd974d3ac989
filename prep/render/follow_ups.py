"""HTML of your follow-ups, for the follow-up notebook: what is due, who went quiet, and each contact's
timeline. The tracker's rows are your own notes and scraped names alike: every one is escaped."""
from __future__ import annotations

from html import escape

from ..schema import text as _value


def due_table(items, *, empty: str = "Nothing.") -> str:
    """Follow-ups (``prep.track.store.Due``) as a table: when, #id, what, with whom."""
    if not items:
        return f'<p class="muted">{escape(empty)}</p>'
    rows = "".join(
        f"<tr{' class=overdue' if i.overdue else ''}><td>{escape(i.due)}</td><td>#{i.id}</td>"
        f"<td>{escape(i.kind.replace('-', ' '))}</td><td>{escape(i.name)}"
        f"{'<br><small>' + escape(i.company) + '</small>' if i.company else ''}</td><td>{escape(i.what)}</td></tr>"
        for i in items)
    return f"<table><tr><th>Due</th><th>ID</th><th>Kind</th><th>Who</th><th>What</th></tr>{rows}</table>"


def dormant_list(rows) -> str:
    if not rows:
        return '<p class="muted">No one: everyone you wrote to has answered, or you have not written twice yet.</p>'
    items = "".join(f"<li>{escape(r['name'])}{' · ' + escape(r['company']) if r['company'] else ''} "
                    f"<small>({r['unanswered']} unanswered; reminders resume when they reply)</small></li>" for r in rows)
    return f"<ul>{items}</ul>"


def timeline(rows) -> str:
    """Per contact, every meeting, reply and note sent, then what is still due."""
    if not rows:
        return '<p class="muted">No meetings logged yet: <code>prep met NAME --event SLUG</code> after you meet someone.</p>'
    people: dict[tuple, list] = {}
    for r in rows:
        people.setdefault((r["name"], r["company"]), []).append(r)
    parts = []
    for (name, company), items in people.items():
        lines = "".join(
            f"<li><time>{escape(_value(r['day']))}</time> <strong>{escape(_value(r['what_kind']))}</strong>"
            f"{' at ' + escape(r['event']) if r['event'] else ''}{': ' + escape(r['notes']) if r['notes'] else ''}"
            f"{' <em>(' + escape(r['signal']) + ')</em>' if r['signal'] else ''}"
            f"{'<br><small>you promised: ' + escape(r['i_promised']) + '</small>' if r['i_promised'] else ''}"
            f"{'<br><small>they promised: ' + escape(r['they_promised']) + '</small>' if r['they_promised'] else ''}</li>"
            for r in items)
        parts.append(f"<h3>{escape(name)}{' <small>' + escape(company) + '</small>' if company else ''}</h3><ul>{lines}</ul>")
    return "".join(parts)
