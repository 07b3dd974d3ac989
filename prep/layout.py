"""Where prep's files are: its package data (notebooks, templates, the demo web, data lists), and the names
of the files that make a brief folder, shared by the stage that writes briefs (render) and the ones that
later read or edit them (track's ``forget``)."""
from __future__ import annotations

import os
from pathlib import Path

BRIEF_MARK = ".prep-brief"  # in every brief folder: only a folder holding it is ever replaced or edited by prep


def package_data(*parts: str) -> Path:
    """A file or folder shipped in the package (in the wheel too), found with importlib.resources."""
    from importlib.resources import files  # ~10 ms to import: only when a file is wanted

    return Path(str(files("prep").joinpath(*parts)))


def write_atomically(path: str | Path, data: bytes) -> None:
    """Write a whole file or nothing: a reader never sees half of it, a crash leaves the old one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(data)
    os.replace(partial, path)
