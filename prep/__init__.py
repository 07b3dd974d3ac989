"""prep: walk into a conference or meetup prepared.

fetch -> read -> shape -> research -> plan -> render -> track. The public API is small:

>>> import prep
>>> event = prep.read_event(["https://example.org/speakers"])        # doctest: +SKIP
>>> event.people.head()                                               # doctest: +SKIP

Names are imported on first use, so ``from prep import report`` in a notebook kernel stays fast.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "build_brief": "brief", "load_event": "brief", "prepare": "brief",
    "Event": "model", "read_event": "event",
    "Fetcher": "fetch", "Page": "fetch", "Settings": "settings",
    "Research": "research", "research_companies": "research", "research_company": "research",
    "Plan": "plan", "plan_meetings": "plan", "load_profile": "profile", "load_contacts": "profile",
    "lint_outreach": "outreach", "run_batch": "batch", "read_events_file": "batch",
    **{name: "errors" for name in ("PrepError", "FetchError", "RobotsDisallowed", "TooLarge", "OfflineMiss",
                                   "UnsafeURL", "ParseError", "NoPeopleFound", "SchemaError", "RenderError")},
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'prep' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
