"""Event pages of Luma and Meetup in their public shape, for tests (the people and events are invented).

Shapes, from the platforms' public event pages as open-source scrapers read them (found with ``search``):
- Luma (lu.ma/<slug>): schema.org ``Event`` JSON-LD with the hosts as ``organizer``, and Next.js
  ``__NEXT_DATA__`` -> ``props.pageProps.initialData.data`` = ``{event: {name, start_at, end_at,
  timezone, geo_address_info: {city, city_state, full_address}}, calendar: {name}, hosts: [{name,
  bio_short, avatar_url, twitter_handle, linkedin_handle: "/in/...", website}], guest_count}``;
- Meetup (meetup.com/<group>/events/<id>/): ``Event`` JSON-LD with the group as ``organizer``, and an
  Apollo client cache in ``__NEXT_DATA__`` -> ``props.pageProps.__APOLLO_STATE__``: records under
  ``"Type:id"`` keys (``Event``, ``Group``, ``Venue``, ``Member``) pointing at each other with
  ``{"__ref": "Member:2140871"}``; an event's ``eventHosts`` name their member records so.
"""

from __future__ import annotations

import json

LUMA_URL = "https://lu.ma/ai-builders-nov"
MEETUP_URL = "https://www.meetup.com/boston-python-users/events/304417582/"


def luma_page() -> str:
    event = {
        "api_id": "evt-7Qm2xP",
        "name": "Applied AI Builders Night",
        "url": "ai-builders-nov",
        "start_at": "2027-03-11T01:00:00.000Z",
        "end_at": "2027-03-11T04:00:00.000Z",
        "timezone": "America/Los_Angeles",
        "location_type": "offline",
        "geo_address_info": {
            "mode": "shown",
            "city": "San Francisco",
            "city_state": "San Francisco, California",
            "country": "United States",
            "full_address": "500 Howard St, San Francisco, CA 94105, USA",
            "place_name": "Foundry Hall",
        },
        "cover_url": "https://images.lumacdn.com/event-covers/x.png",
    }
    hosts = [
        {
            "api_id": "usr-a1",
            "name": "Priya Raman",
            "username": "priya",
            "bio_short": "Staff ML engineer at Northwind Labs; I run the SF applied AI meetup.",
            "avatar_url": "https://images.lumacdn.com/avatars/a1.png",
            "twitter_handle": "priyar",
            "linkedin_handle": "/in/priyaraman",
            "website": "https://priya.example",
            "instagram_handle": None,
            "youtube_handle": None,
            "tiktok_handle": None,
            "timezone": "America/Los_Angeles",
        },
        {
            "api_id": "usr-b2",
            "name": "Tomás Eriksen",
            "username": None,
            "bio_short": None,
            "avatar_url": "https://images.lumacdn.com/avatars/b2.png",
            "twitter_handle": None,
            "linkedin_handle": "/in/teriksen",
            "website": None,
            "instagram_handle": None,
            "youtube_handle": None,
            "tiktok_handle": None,
            "timezone": "Europe/Oslo",
        },
    ]
    data = {
        "props": {
            "pageProps": {
                "initialData": {
                    "kind": "event",
                    "data": {
                        "api_id": "evt-7Qm2xP",
                        "event": event,
                        "calendar": {"api_id": "cal-x", "name": "SF Applied AI", "slug": "sfai"},
                        "hosts": hosts,
                        "featured_guests": [],
                        "guest_count": 184,
                        "ticket_info": {"is_free": True, "require_approval": True},
                    },
                }
            },
            "__N_SSP": True,
        },
        "page": "/[...path]",
        "query": {"path": ["ai-builders-nov"]},
        "buildId": "b1",
        "isFallback": False,
        "gssp": True,
    }
    ld = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Applied AI Builders Night",
        "startDate": "2027-03-10T17:00:00.000-08:00",
        "endDate": "2027-03-10T20:00:00.000-08:00",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": "Foundry Hall",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": "San Francisco",
                "addressRegion": "California",
                "addressCountry": {"@type": "Country", "name": "United States"},
                "streetAddress": "500 Howard St",
            },
        },
        "organizer": [
            {"@type": "Person", "name": "Priya Raman", "url": "https://lu.ma/user/priya"},
            {"@type": "Person", "name": "Tomás Eriksen", "url": "https://lu.ma/user/usr-b2"},
        ],
        "offers": [{"@type": "Offer", "price": 0, "priceCurrency": "USD"}],
    }
    return f"""<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><title>Applied AI Builders Night · Luma</title>
    <meta property="og:title" content="Applied AI Builders Night · Luma"/><meta property="og:site_name" content="Luma"/>
    <script type="application/ld+json">{json.dumps(ld)}</script></head>
    <body><div id="__next"><div class="page-content"><div class="jsx-1 title"><h1 class="title">Applied AI Builders Night</h1></div>
    <div class="hosts"><div class="title">Hosted By</div><a href="/user/priya"><div class="fw-medium">Priya Raman</div></a><a href="/user/usr-b2"><div class="fw-medium">Tomás Eriksen</div></a></div>
    <div class="guests"><div>184 Going</div></div><div class="content"><p>Demos and lightning talks from people shipping LLM apps.</p></div></div></div>
    <script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script></body></html>"""


def meetup_page() -> str:
    apollo = {
        "ROOT_QUERY": {"__typename": "Query", 'event({"id":"304417582"})': {"__ref": "Event:304417582"}},
        "Event:304417582": {
            "__typename": "Event",
            "id": "304417582",
            "title": "Spring Python Night: packaging and profiling",
            "eventUrl": "https://www.meetup.com/boston-python-users/events/304417582/",
            "dateTime": "2027-04-08T18:30:00-04:00",
            "endTime": "2027-04-08T21:00:00-04:00",
            "eventType": "PHYSICAL",
            "status": "ACTIVE",
            "description": "Two talks, pizza, and time to talk.\n\nSpeakers: Dana Whitfield (Senior engineer, Harborline) on wheels; Kofi Asante on py-spy.",
            "group": {"__ref": "Group:1812344"},
            "venue": {"__ref": "Venue:27761190"},
            "eventHosts": [
                {
                    "__typename": "EventHost",
                    "memberId": "2140871",
                    "name": "Megan Ortiz",
                    "member": {"__ref": "Member:2140871"},
                },
                {
                    "__typename": "EventHost",
                    "memberId": "9921330",
                    "name": "Lars Nygaard",
                    "member": {"__ref": "Member:9921330"},
                },
            ],
            "going": {"__typename": "EventAttendeeConnection", "totalCount": 87},
            "featuredEventPhoto": {"__ref": "PhotoInfo:51223"},
        },
        "Group:1812344": {
            "__typename": "Group",
            "id": "1812344",
            "name": "Boston Python Users",
            "urlname": "boston-python-users",
            "city": "Boston",
            "country": "us",
            "timezone": "America/New_York",
        },
        "Venue:27761190": {
            "__typename": "Venue",
            "id": "27761190",
            "name": "Harborline Offices",
            "address": "1 Seaport Ln",
            "city": "Boston",
            "state": "MA",
            "country": "us",
        },
        "Member:2140871": {
            "__typename": "Member",
            "id": "2140871",
            "name": "Megan Ortiz",
            "bio": "Organiser since 2019; data engineer.",
            "memberPhoto": {"__ref": "PhotoInfo:1001"},
        },
        "Member:9921330": {
            "__typename": "Member",
            "id": "9921330",
            "name": "Lars Nygaard",
            "bio": "",
            "memberPhoto": {"__ref": "PhotoInfo:1002"},
        },
        "PhotoInfo:1001": {
            "__typename": "PhotoInfo",
            "id": "1001",
            "baseUrl": "https://secure.meetupstatic.com/photos/member/",
        },
        "PhotoInfo:1002": {
            "__typename": "PhotoInfo",
            "id": "1002",
            "baseUrl": "https://secure.meetupstatic.com/photos/member/",
        },
        "PhotoInfo:51223": {
            "__typename": "PhotoInfo",
            "id": "51223",
            "baseUrl": "https://secure.meetupstatic.com/photos/event/",
        },
    }
    data = {
        "props": {
            "pageProps": {"__APOLLO_STATE__": apollo, "eventId": "304417582", "groupSlug": "boston-python-users"}
        },
        "page": "/[groupSlug]/events/[eventId]",
        "query": {"groupSlug": "boston-python-users", "eventId": "304417582"},
        "buildId": "x",
    }
    ld = [
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": "Spring Python Night: packaging and profiling",
            "url": "https://www.meetup.com/boston-python-users/events/304417582/",
            "startDate": "2027-04-08T18:30:00-04:00",
            "endDate": "2027-04-08T21:00:00-04:00",
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": {
                "@type": "Place",
                "name": "Harborline Offices",
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": "1 Seaport Ln",
                    "addressLocality": "Boston",
                    "addressRegion": "MA",
                    "addressCountry": "us",
                },
            },
            "organizer": {
                "@type": "Organization",
                "name": "Boston Python Users",
                "url": "https://www.meetup.com/boston-python-users/",
            },
            "description": "Two talks, pizza, and time to talk.",
        }
    ]
    return f"""<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>
    <title>Spring Python Night: packaging and profiling, Thu, Apr 8, 2027, 6:30 PM | Meetup</title>
    <meta property="og:site_name" content="Meetup"/><script type="application/ld+json">{json.dumps(ld)}</script></head>
    <body><div id="__next"><header><a href="/login/">Log in</a><a href="/register/">Sign up</a></header><main>
    <h1>Spring Python Night: packaging and profiling</h1><div>Hosted by <span>Megan Ortiz</span> and 1 other</div>
    <div>From <a href="/boston-python-users/">Boston Python Users</a></div>
    <div id="event-details"><h2>Details</h2><p>Two talks, pizza, and time to talk.</p>
    <p>Speakers: Dana Whitfield (Senior engineer, Harborline) on wheels; Kofi Asante on py-spy.</p></div>
    <section><h2>Attendees (87)</h2><a href="/boston-python-users/events/304417582/attendees/">See all</a></section></main>
    <footer><a href="/about/">About</a><a href="/help/">Help</a></footer></div>
    <script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script></body></html>"""
