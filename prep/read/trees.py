"""Structured data files of any syntax -> one plain tree of dicts, lists and strings.

JSON (read leniently when strict JSON fails), JavaScript object literals (``var speakers = {...};``,
read with chompjs, never evaluated), YAML, TOML and any XML. The people in the tree are found by
:mod:`prep.read.data_people`, whatever the syntax was.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..errors import ParseError
from ._json import load_json, without_lone_surrogates

_JS_ASSIGNMENT = re.compile(r"^\s*(?:(?:var|let|const|export\s+(?:default\s+)?|module\.exports\s*=)\s*)?"
                            r"(?:[\w$.\[\]'\"]+\s*=\s*)?[{\[]")
_TOML_TABLE = re.compile(r"^\s*\[{1,2}[\w.\"' -]+\]{1,2}\s*$", re.M)
_TOML_PAIR = re.compile(r"^\s*[\w\"'.-]+\s*=\s*\S", re.M)
_YAML_ITEM = re.compile(r"^\s*-\s+[\w\"']+\s*:\s", re.M)


def syntax(text: str, url: str, kind: str) -> str:
    """Which syntax a document is written in: json, js, yaml, toml, xml, or "" (none of these)."""
    ext = urlsplit(url).path.lower().rsplit(".", 1)[-1] if "." in urlsplit(url).path[-6:] else ""
    head = text[:2000].lstrip("\ufeff \t\r\n")
    if ext in ("yml", "yaml"):
        return "yaml"
    if ext == "toml":
        return "toml"
    if ext in ("js", "mjs"):
        return "js"
    if kind == "json" or head.startswith(("{", "[")):
        return "json"
    if kind in ("xml",) or (head.startswith("<?xml") and kind not in ("html", "feed")):
        return "xml"
    if kind in ("html", "csv", "ics", "feed"):
        return ""
    if _JS_ASSIGNMENT.match(head):
        return "js"
    if _TOML_TABLE.search(head) and _TOML_PAIR.search(head):
        return "toml"
    if head.startswith("---") or _YAML_ITEM.search(head):
        return "yaml"
    return ""


def load_tree(text: str, url: str, kind: str = ""):
    """The document as plain data; :class:`ParseError` naming the source when it cannot be read."""
    how = syntax(text, url, kind)
    try:
        if how == "json":
            try:
                return load_json(text, url)
            except ParseError:
                return _js(text)  # comments, trailing commas, single quotes: what people hand-write
        if how == "js":
            return _js(text)
        if how == "yaml":
            import yaml  # the parsers of the rarer syntaxes load with the first file that needs them

            return without_lone_surrogates(yaml.safe_load(text))
        if how == "toml":
            import tomllib

            return tomllib.loads(text)
        if how == "xml":
            return xml_tree(text)
    except ParseError:
        raise
    except RecursionError as err:
        raise ParseError(url, f"{how} nested too deeply to read") from err
    except Exception as err:  # every parser's own error type: the message names the source
        raise ParseError(url, f"unreadable {how.upper()}: {type(err).__name__}: {str(err)[:200]}") from err
    raise ParseError(url, "not JSON, JavaScript data, YAML, TOML or XML")


def _js(text: str):
    import chompjs  # only for JavaScript data files

    return without_lone_surrogates(chompjs.parse_js_object(text))


def xml_tree(text: str):
    """Any XML as nested dicts: attributes and child elements by local name, repeated children as lists,
    text-only elements as strings (``<first>G. H.</first>`` -> ``{"first": "G. H."}``)."""
    from defusedxml import ElementTree  # refuses entity bombs and external entities

    root = ElementTree.fromstring(text.encode("utf-8") if text.lstrip().startswith("<?xml") else text)
    return {_local(root.tag): _element(root)}


def _local(tag) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _element(element):
    children = [c for c in element if isinstance(c.tag, str)]  # comments and processing instructions are not data
    text = " ".join((element.text or "").split())
    if not children and not element.attrib:
        return text
    node: dict = {_local(k): v for k, v in element.attrib.items()}
    if text:
        node["#text"] = text
    grouped: dict[str, list] = {}
    for child in children:
        grouped.setdefault(_local(child.tag), []).append(_element(child))
    for key, values in grouped.items():
        node[key] = values[0] if len(values) == 1 else values
    return node
