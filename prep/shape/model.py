"""The Event record: everything read about one event (kept free of heavy imports, so notebooks load it fast)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from ..names import slugify


@dataclass
class Event:
    """Everything read about one event. Frames follow :mod:`prep.schema`."""

    info: dict
    people: pd.DataFrame
    sessions: pd.DataFrame
    organizations: pd.DataFrame
    sources: list[str] = field(default_factory=list)
    failures: list[dict] = field(default_factory=list)  # {"source", "error"} for each source that failed

    @property
    def slug(self) -> str:
        base = self.info.get("name") or (Path(urlsplit(self.sources[0]).path).stem if self.sources else "event")
        return slugify(base)

    def __repr__(self) -> str:
        return (f"<Event {self.info.get('name') or self.slug!r}: {len(self.people)} people, "
                f"{len(self.sessions)} sessions, {len(self.organizations)} organizations>")
