"""prep: walk into a conference or meetup prepared.

fetch -> read -> shape -> (research -> plan) -> render -> track. The public API is small:

>>> import prep
>>> event = prep.read_event(["https://example.org/speakers"])        # doctest: +SKIP
>>> event.people.head()                                               # doctest: +SKIP
"""
__version__ = "0.1.0"

from .brief import build_brief, load_event  # noqa: E402
from .errors import (FetchError, NoPeopleFound, OfflineMiss, ParseError, PrepError, RenderError,  # noqa: E402
                     RobotsDisallowed, SchemaError, TooLarge, UnsafeURL)
from .event import Event, read_event  # noqa: E402
from .fetch import Fetcher, Page  # noqa: E402
from .outreach import lint_outreach  # noqa: E402
from .plan import Plan, plan_meetings  # noqa: E402
from .profile import load_contacts, load_profile  # noqa: E402
from .research import Research, research_companies  # noqa: E402
from .settings import Settings  # noqa: E402

__all__ = ["Event", "Fetcher", "Page", "Settings", "build_brief", "load_event", "read_event",
           "Research", "research_companies", "Plan", "plan_meetings", "load_profile", "load_contacts", "lint_outreach",
           "PrepError", "FetchError", "RobotsDisallowed", "TooLarge", "OfflineMiss", "UnsafeURL",
           "ParseError", "NoPeopleFound", "SchemaError", "RenderError"]
