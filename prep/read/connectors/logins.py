"""Platforms whose people are only behind a login: one clear line, naming what to export instead.

Networking apps (Swapcard, Brella, Grip, Whova, LinkedIn events) show attendees to signed-in users
only; ticketing and meetup platforms (Eventbrite, Luma, Meetup) show the event publicly (read from
its schema.org data like any page) but their attendee lists only to the organiser.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from ...urls import bare_host
from . import LoginRequired, connector

APPS = {
    "swapcard.com": "Swapcard", "brella.io": "Brella", "grip.events": "Grip", "whova.com": "Whova",
    "hopin.com": "Hopin", "bizzabo.com": "Bizzabo",
}
EXPORT = ("ask the organiser for the attendee export (CSV) or download yours if you organise it, and pass that "
          "file: prep reads Eventbrite, Luma, Meetup, Tito and other attendee CSVs")


def _app(host: str) -> str:
    return next((name for domain, name in APPS.items() if host == domain or host.endswith("." + domain)), "")


@connector("login-only", matches=lambda host: bool(_app(host)) or host == "linkedin.com")
def links(url: str) -> list[str]:
    host = bare_host(url)
    if host == "linkedin.com" and "/events/" not in urlsplit(url).path:
        return []  # a person's or company's page: not an event (and never scraped)
    raise LoginRequired(url, _app(host) or "LinkedIn Events", EXPORT)


ATTENDEE_PLATFORMS = {"eventbrite": "Eventbrite (Reports > Attendee summary > Export)",
                      "lu.ma": "Luma (Guests > Download as CSV)", "luma.com": "Luma (Guests > Download as CSV)",
                      "meetup.com": "Meetup (the attendee list's Download)"}


def hint(url: str) -> str:
    """For an Eventbrite, Luma or Meetup event page: where its attendee list is (the organiser's export)."""
    host = (urlsplit(url).hostname or "").lower()
    return next((f"{name}: the attendee list is only in the organiser's export; pass that CSV file"
                 for key, name in ATTENDEE_PLATFORMS.items() if key in host), "")
