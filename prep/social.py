"""Which social network a link belongs to: one table for people's and companies' links."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

#: host suffix -> network name (people's columns use linkedin, x, github and mastodon)
SOCIAL_HOSTS = {"linkedin.com": "linkedin", "twitter.com": "x", "x.com": "x", "github.com": "github",
                "facebook.com": "facebook", "instagram.com": "instagram", "youtube.com": "youtube",
                "plus.google.com": "google_plus", "pinterest.com": "pinterest", "tiktok.com": "tiktok",
                "medium.com": "medium", "gitlab.com": "gitlab", "bsky.app": "bluesky", "threads.net": "threads",
                "crunchbase.com": "crunchbase", "wikipedia.org": "wikipedia", "vimeo.com": "vimeo"}


def social_network(url: str) -> str:
    """The network a URL belongs to (linkedin, x, github, ..., mastodon) or ""."""
    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower()
    for suffix, network in SOCIAL_HOSTS.items():
        if host == suffix or host.endswith("." + suffix):
            return network
    if re.match(r"^/@[\w.]+/?$", parts.path) and host:
        return "mastodon"
    return ""
