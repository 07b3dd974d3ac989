"""Where prep's files are: its package data (notebooks, templates, the demo web, data lists), and the names
of the files that make a brief folder, shared by the stage that writes briefs (render) and the ones that
later read or edit them (track's ``forget``)."""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

BRIEF_MARK = ".prep-brief"  # in every brief folder: only a folder holding it is ever replaced or edited by prep


def package_data(*parts: str) -> Path:
    """A file or folder shipped in the package (in the wheel too), found with importlib.resources."""
    return Path(str(files("prep").joinpath(*parts)))
