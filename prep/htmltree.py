"""One robust way to turn HTML text into an lxml tree, shared by every parser.

libxml2 stops building the tree at the first ``</html>``, which drops the rest of pages that
embed a whole document (an iframe's inline HTML, a pasted template). When text continues past
the first ``</html>``, the page is re-read through BeautifulSoup's lxml builder, which keeps
going, and converted back into an lxml tree so callers see one API.
"""
from __future__ import annotations

import re
import threading

import lxml.html
from lxml import etree

_END = re.compile(rb"</html\s*>", re.I)
_LOCAL = threading.local()  # an lxml parser may not be shared between threads


def _parser():
    """huge_tree: libxml2 otherwise stops at 256 levels of nesting, and a page's people below that are lost."""
    if not hasattr(_LOCAL, "parser"):
        _LOCAL.parser = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)
    return _LOCAL.parser


def html_tree(text: str | bytes):
    """The document element of ``text`` (never raises on broken markup; empty text gives <html/>)."""
    if isinstance(text, str) and text[:200].lstrip().startswith("<?xml"):  # XHTML's declaration: lxml refuses it in a str
        text = text[text.index("?>") + 2:]
    data = text.encode("utf-8", errors="replace") if isinstance(text, str) else text
    if not data.strip():
        return lxml.html.fromstring("<html></html>")
    end = _END.search(data)
    if end and len(data[end.end():].strip()) > 64:
        from lxml.html import soupparser

        return soupparser.fromstring(data.decode("utf-8", errors="replace"), features="lxml")
    try:
        return lxml.html.document_fromstring(data, parser=_parser())
    except (etree.ParserError, ValueError):
        return lxml.html.fromstring("<html></html>")
