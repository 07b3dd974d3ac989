"""prep: walk into a conference or meetup prepared.

The data walks forward through one folder per stage: fetch -> read -> shape -> research -> plan ->
render -> track, beside a few shared helpers (errors, settings, schema, names, text, urls). The public
API is small:

>>> import prep
>>> event = prep.read_event(["https://example.org/speakers"])        # doctest: +SKIP
>>> event.people.head()                                               # doctest: +SKIP

Names are imported on first use, so ``from prep.render import report`` in a notebook kernel stays fast.
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "Fetcher": "fetch.client", "Page": "fetch.client", "Settings": "settings",
    "Event": "shape.model", "read_event": "shape.event",
    "Research": "research.companies", "research_companies": "research.companies",
    "research_company": "research.companies",
    "Plan": "plan.meetings", "plan_meetings": "plan.meetings", "load_profile": "plan.profile",
    "load_contacts": "plan.profile", "lint_outreach": "plan.outreach",
    "build_brief": "render.brief", "load_event": "render.brief", "prepare": "render.brief",
    "run_batch": "render.batch", "read_events_file": "render.batch",
    "Tracker": "track.store",
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
