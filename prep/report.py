"""HTML pieces for the brief notebooks: facts, charts, tables. Every scraped string is escaped here.

Functions return ``IPython.display.HTML``-ready strings or matplotlib figures; notebooks only call them.
"""
from __future__ import annotations

import base64
import io
from html import escape

import pandas as pd

SAFE_SCHEMES = ("http://", "https://", "mailto:")


def safe_url(url) -> str:
    """The URL if it is http(s) or mailto, else an empty string (no javascript:, data:, file:)."""
    text = str(url or "").strip()
    return text if text.lower().startswith(SAFE_SCHEMES) else ""


def link(url, label=None) -> str:
    href = safe_url(url)
    text = escape(str(label if label is not None else url or ""))
    return f'<a href="{escape(href)}" rel="noopener noreferrer">{text}</a>' if href else text


def _value(v) -> str:
    return "" if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)) else str(v)


def facts(info: dict, people: pd.DataFrame, sessions: pd.DataFrame, organizations: pd.DataFrame) -> str:
    rows = [("Event", escape(_value(info.get("name")))),
            ("When", escape(" to ".join(v[:16].replace("T", " ") for v in (info.get("start"), info.get("end")) if v))),
            ("Where", escape(", ".join(v for v in (info.get("venue"), info.get("city"), info.get("country")) if v))),
            ("Organizer", escape(_value(info.get("organizer")))),
            ("Website", link(info.get("url"))),
            ("People", f"{len(people):,} ({', '.join(f'{n} {escape(str(r))}s' for r, n in people['role'].value_counts().items())})"),
            ("Companies", f"{people['company'].nunique():,}"),
            ("Sessions", f"{len(sessions):,}"),
            ("Sponsors and partners", f"{len(organizations):,}")]
    body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows if v)
    about = f"<p>{escape(_value(info.get('description')))}</p>" if info.get("description") else ""
    return f'<table class="facts">{body}</table>{about}'


def bar_chart(counts: pd.Series, title: str, *, top: int = 15) -> str:
    """A horizontal bar chart as an inline PNG <img> (self-contained HTML, no scripts)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    counts = counts.head(top)[::-1]
    fig, ax = plt.subplots(figsize=(7, max(1.8, 0.32 * len(counts) + 0.8)), dpi=100)
    ax.barh([str(i)[:40] for i in counts.index], counts.values, color="#2f6f8f")
    ax.set_xlim(0, max(1, counts.max()) * 1.08)
    ax.set_title(title, loc="left", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    ax.xaxis.get_major_locator().set_params(integer=True)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img alt="{escape(title)}" src="data:image/png;base64,{data}">'


def people_table(people: pd.DataFrame, *, page_size: int = 50) -> str:
    """All people as an HTML table; long lists are split into pages the reader opens one by one."""
    cols = ["name", "title", "company", "role"]
    rows = []
    for r in people.to_dict("records"):
        profiles = " ".join(link(r.get(k), k) for k in ("linkedin", "x", "github", "mastodon", "website") if safe_url(r.get(k)))
        rows.append("<tr>" + "".join(f"<td>{escape(_value(r.get(c)))}</td>" for c in cols) + f"<td>{profiles}</td></tr>")
    head = "<tr>" + "".join(f"<th>{c.title()}</th>" for c in cols) + "<th>Profiles</th></tr>"
    pages = [rows[i:i + page_size] for i in range(0, len(rows), page_size)] or [[]]
    if len(pages) == 1:
        return f'<table class="people">{head}{"".join(pages[0])}</table>'
    parts = []
    for n, chunk in enumerate(pages, 1):
        first = (n - 1) * page_size + 1
        parts.append(f'<details{" open" if n == 1 else ""}><summary>People {first}–{first + len(chunk) - 1}</summary>'
                     f'<table class="people">{head}{"".join(chunk)}</table></details>')
    return "".join(parts)


def schedule_table(sessions: pd.DataFrame) -> str:
    head = "<tr><th>When</th><th>Room</th><th>Session</th><th>Speakers</th></tr>"
    rows = []
    for r in sessions.to_dict("records"):
        when = _value(r.get("start"))[:16].replace("T", " ")
        kind = f" <small>({escape(_value(r.get('type')))})</small>" if _value(r.get("type")) else ""
        rows.append(f"<tr><td>{escape(when)}</td><td>{escape(_value(r.get('room')))}</td>"
                    f"<td><strong>{escape(_value(r.get('title')))}</strong>{kind}</td>"
                    f"<td>{escape(', '.join(_value(r.get('speakers')).splitlines()))}</td></tr>")
    return f'<table class="schedule">{head}{"".join(rows)}</table>'


def sources_note(sources: list[str], failures: list[dict]) -> str:
    """The sources read, and those that failed with their errors."""
    read = "".join(f"<li>{link(s) if safe_url(s) else escape(s)}</li>" for s in sources)
    if not failures:
        return f"<p>Every source was read:</p><ul>{read}</ul>"
    failed = "".join(f"<li>{escape(f['source'])}: {escape(f['error'])}</li>" for f in failures)
    return f"<ul>{read}</ul><p>Some could not be read; the brief uses the rest:</p><ul>{failed}</ul>"
