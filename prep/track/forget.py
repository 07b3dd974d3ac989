"""Forget a person everywhere prep keeps them: each stage purges its own data (the tracker its rows,
render the frames of stored briefs, fetch the cached pages about them), and the user reads what went."""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import PrepError
from ..fetch.client import forget_pages
from ..names import normalize_name
from ..render.exports import forget_people
from .store import Tracker


def forget(name: str, *, tracker: Tracker | None = None, briefs: str | Path | None = None,
           cache_path: str | Path | None = None, company: str | None = None) -> list[str]:
    """Remove a person from the tracker, from the frames of stored briefs and from the HTTP cache.

    Returns what was removed, one line each, for the user to read.
    """
    if not re.search(r"[^\W\d_]", normalize_name(name)):  # "???" and "" would match every name without letters
        raise PrepError(f"{name!r}: a name needs letters")
    report, urls = [], set()
    if tracker is not None:
        for row in tracker.forget_contact(name, company):
            urls.update(row["urls"])
            report.append(f"tracker: {row['name']} ({row['company'] or 'no company'}) with {row['interactions']} "
                          f"interaction(s) and {row['followups']} follow-up(s)")
    if briefs:
        lines, found = forget_people(Path(briefs), name, company)
        report += lines
        urls |= found
    if cache_path and urls:
        report += forget_pages(Path(cache_path), urls)
    return report
