"""No code names a page, site or host of the real-world material: the readers must generalise."""
from __future__ import annotations

import re

import pytest
from conftest import REALWORLD, ROOT

REALSITES = REALWORLD.parent / "realsites"


def _names() -> set[str]:
    names = set()
    if REALSITES.is_dir():
        names |= {host.name.lower() for host in REALSITES.glob("*/web/*") if host.is_dir()}
        names |= {site.name.lower() for site in REALSITES.iterdir() if site.is_dir()}
    if REALWORLD.is_dir():
        names |= {p.name.split(".")[0].lower() for p in REALWORLD.rglob("*.expected.*")}
    return {n for n in names if len(n) >= 8}  # long enough to be a name, not a word


@pytest.mark.skipif(not (REALWORLD.is_dir() or REALSITES.is_dir()), reason="../shared is not present")
def test_the_package_names_no_corpus_page_site_or_host():
    names = _names()
    assert names
    found = []
    for path in (ROOT / "prep").rglob("*.py"):
        text = path.read_text(encoding="utf-8").lower()
        found += [f"{path.relative_to(ROOT)}: {name}" for name in names if re.search(re.escape(name), text)]
    assert not found, found
