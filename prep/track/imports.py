"""A brief's planned people into the tracker: idempotent, and never over what you wrote."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SchemaError

if TYPE_CHECKING:
    from .store import Tracker


def import_brief(tracker: Tracker, folder: str | Path) -> dict[str, int]:
    """Add a brief's planned people (``priorities.csv``, details from ``people.csv``), idempotently.

    Existing contacts only get fields that are still empty; your notes, strength and history
    are never overwritten. All rows go in one transaction.
    """
    import pandas as pd

    folder = Path(folder)
    plan_path, people_path = folder / "priorities.csv", folder / "people.csv"
    if not plan_path.is_file():
        raise SchemaError(f"{folder}: no priorities.csv here; is it a brief folder (made by prep brief)?")
    plan = pd.read_csv(plan_path, dtype=str, keep_default_na=False)
    missing = {"person_id", "name"} - set(plan.columns)
    if missing:
        raise SchemaError(f"{plan_path}: missing column(s) {', '.join(sorted(missing))}")
    people = pd.read_csv(people_path, dtype=str, keep_default_na=False) if people_path.is_file() else pd.DataFrame()
    details = {r["person_id"]: r for r in people.to_dict("records")} if "person_id" in people else {}
    slug = folder.resolve().name
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    with tracker.transaction() as db:
        for row in plan.to_dict("records"):
            person = details.get(row["person_id"], {})
            record = {"person_id": row["person_id"], "name": row["name"], "company": row.get("company", ""),
                      "title": person.get("title", ""), "email": person.get("email", ""),
                      "linkedin": person.get("linkedin", ""),
                      "links": "\n".join(person.get(k, "") for k in ("website", "x", "github", "mastodon", "profile_url")
                                         if person.get(k, "")),
                      "why": row.get("why") or row.get("reasons", "").split("\n")[0],  # briefs before 'why': the first line
                      "where_met": "", "source": f"brief:{slug}"}
            counts[tracker.upsert_contact(db, record)] += 1
    return counts
