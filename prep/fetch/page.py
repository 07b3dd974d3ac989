"""A fetched (or explicitly read local) document, and what kind of document it is: pure functions of its
bytes and headers, shared by the fetcher and every reader."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import charset_normalizer

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@dataclass
class Page:
    """A fetched (or explicitly read local) document."""

    url: str  # final URL after redirects (or file path)
    status: int
    content_type: str  # the media type, e.g. "text/html"
    content: bytes = field(repr=False)
    encoding: str | None = None
    from_cache: bool = False
    fetched_at: str = ""

    @property
    def text(self) -> str:
        return self.content.decode(self.encoding or "utf-8", errors="replace")

    @property
    def kind(self) -> str:
        """One of html, json, xml, feed, csv, ics, text: what kind of document this is."""
        return sniff_kind(self.content_type, self.content, self.url)


def sniff_kind(content_type: str, content: bytes, url: str = "") -> str:
    """Classify a document by media type, then file extension, then its first bytes."""
    ct = content_type.lower()
    path = urlsplit(url).path.lower()
    kind = next((k for k, marks in _TYPE_MARKS if any(m in ct for m in marks)), None)
    kind = kind or next((k for k, exts in _EXTENSIONS if path.endswith(exts)), None)
    head = content[:2048].lstrip().lower()
    if kind is None:
        if head.startswith((b"{", b"[")):
            kind = "json"
        elif b"<html" in head[:512] or head.startswith(b"<!doctype html"):
            kind = "html"
        elif head.startswith(b"<"):
            kind = "xml"
        elif head.startswith(b"begin:vcalendar"):
            kind = "ics"
        else:
            kind = "text"
    if kind == "xml" and (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head):
        kind = "feed"
    return kind


_TYPE_MARKS = (("json", ("json",)), ("feed", ("rss", "atom")), ("csv", ("csv",)), ("ics", ("calendar",)),
               ("html", ("html",)), ("xml", ("xml",)))
_EXTENSIONS = (("json", (".json",)), ("feed", (".rss", ".atom")), ("csv", (".csv", ".tsv")), ("ics", (".ics",)),
               ("html", (".html", ".htm")), ("xml", (".xml",)))


def decode_charset(content: bytes, content_type: str) -> str:
    """The text encoding: the HTTP header's charset, then ``<meta charset>``, then detection."""
    match = re.search(r"charset=([\w.:-]+)", content_type or "", re.I)
    candidates = [match.group(1)] if match else []
    meta = _META_CHARSET.search(content[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "ignore"))
    for name in candidates:
        if _text_codec(name):
            return name
    try:
        content.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(content[:200_000]).best()
        return best.encoding if best else "utf-8"


def _text_codec(name: str) -> bool:
    """Is ``name`` a codec that turns bytes into text? ("idna", "undefined" and "rot13" are not)."""
    try:
        info = codecs.lookup(name)
        b"".decode(info.name, "replace")
    except (LookupError, UnicodeError, ValueError):
        return False
    return getattr(info, "_is_text_encoding", True) and info.name not in ("idna", "punycode", "undefined")
