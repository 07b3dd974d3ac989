"""One error tree for everything prep raises.

Every error carries the data a caller needs (``url``, ``status``, ``position``) and a message
that names the input and what went wrong. Third-party errors are translated at the boundary
with ``raise ... from err`` so the original stays visible in tracebacks.
"""
from __future__ import annotations


class PrepError(Exception):
    """Root of every error prep raises on purpose."""


class FetchError(PrepError):
    """A URL could not be fetched (network error, HTTP error status, redirect loop, timeout)."""

    def __init__(self, url: str, reason: str, *, status: int | None = None):
        self.url, self.reason, self.status = url, reason, status
        super().__init__(f"{url}: {reason}")


class RobotsDisallowed(FetchError):
    """robots.txt of the host forbids our user agent to fetch the URL."""

    def __init__(self, url: str, robots_url: str):
        self.robots_url = robots_url
        super().__init__(url, f"disallowed by {robots_url} (--ignore-robots or PREP_OBEY_ROBOTS=0 only with the site's "
                              "permission)")


class TooLarge(FetchError):
    """The response body exceeded the configured size cap."""

    def __init__(self, url: str, limit: int):
        self.limit = limit
        super().__init__(url, f"response is larger than the {limit:,}-byte cap (raise PREP_MAX_BYTES to allow it)")


class OfflineMiss(FetchError):
    """Offline mode is on and the URL is not in the cache."""

    def __init__(self, url: str):
        super().__init__(url, "not in the cache, and offline mode forbids fetching it")


class UnsafeURL(FetchError):
    """A URL with a scheme prep will not follow (file:, javascript:, data:, ...) or a missing local file."""


class ParseError(PrepError):
    """A source could not be parsed; ``position`` says where when it is known."""

    def __init__(self, source: str, reason: str, *, position: str | None = None):
        self.source, self.reason, self.position = source, reason, position
        where = f" at {position}" if position else ""
        super().__init__(f"{source}{where}: {reason}")


class NoPeopleFound(ParseError):
    """No reader found any person in a source."""

    def __init__(self, source: str, tried: list[str], hint: str = ""):
        self.tried = list(tried)
        found = "no people found" + ("; readers tried: " + ", ".join(tried) if tried else
                                     " (no speakers, attendees, sessions or sponsors on it)")
        super().__init__(source, f"{found}. {hint}" if hint else found)


class SchemaError(PrepError):
    """A frame or input file does not have the columns or values it must have."""


class RenderError(PrepError):
    """A brief could not be rendered; ``notebook`` is the executed notebook holding the error."""

    def __init__(self, message: str, *, notebook: str | None = None):
        self.notebook = notebook
        super().__init__(message + (f" (executed notebook with the error: {notebook})" if notebook else ""))
