"""URL rules: which addresses prep fetches, and how a link found in a page is followed. Pure functions."""
from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from .errors import UnsafeURL


def check_url(url: str) -> str:
    """Raise :class:`UnsafeURL` unless ``url`` is an absolute http(s) URL with a valid host name."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
    except (ValueError, TypeError, AttributeError) as err:
        raise UnsafeURL(str(url), f"not a URL: {err}") from err
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UnsafeURL(url, "only absolute http(s) URLs are fetched")
    try:
        ascii_host = host.encode("idna").decode("ascii") if host and not host.isascii() else host
    except UnicodeError as err:
        raise UnsafeURL(url, "the host name is not a valid domain name") from err
    if not ascii_host or len(ascii_host) > 253 or any(not 0 < len(label) <= 63 for label in ascii_host.rstrip(".").split(".")):
        raise UnsafeURL(url, "the host name is not a valid domain name (empty, or a part longer than 63 characters)")
    return url


def follow(link: str, base: str) -> str | None:
    """Resolve a link found inside a fetched page; ``None`` unless it is http(s).

    Scraped links never lead to local files or other schemes, whatever the page says.
    """
    if not link:
        return None
    absolute = urljoin(base, link.strip())
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return parts._replace(fragment="").geturl()


def bare_host(url: str) -> str:
    """The host of ``url`` as people say it: lower-case, without a leading ``www.`` ("" when there is none)."""
    return (urlsplit(url or "").hostname or "").removeprefix("www.")
