"""Names of the files that make a brief folder, shared by the stage that writes briefs (render) and the
ones that later read or edit them (track's ``forget``)."""
from __future__ import annotations

BRIEF_MARK = ".prep-brief"  # in every brief folder: only a folder holding it is ever replaced or edited by prep
