"""Your side of the plan: the profile YAML and the contacts CSV, read and checked.

The documented example is ``data/demo/profile.yaml``. Every field is optional except ``name``;
a wrong type or an unknown field is an error naming the file and the field, so a typo never
silently drops what you wrote.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path

import pandas as pd
import yaml

from ..errors import SchemaError
from ..names import clean_space, normalize_company, normalize_name

OFFER_KINDS = ("skill", "resource", "introduction", "help")
STRENGTHS = {"strong": 3, "medium": 2, "weak": 1, "3": 3, "2": 2, "1": 1, "close": 3, "acquaintance": 1}


@dataclass(frozen=True)
class Offer:
    kind: str      # skill | resource | introduction | help
    what: str      # "Kafka and stream processing"
    detail: str = ""  # "happy to review a streaming design ..."

    @property
    def text(self) -> str:
        return f"{self.what} {self.detail}".strip()


@dataclass(frozen=True)
class Profile:
    name: str
    headline: str = ""
    linkedin: str = ""
    email: str = ""
    goals: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    offers: tuple[Offer, ...] = ()
    industries: tuple[str, ...] = ()
    target_companies: tuple[str, ...] = ()
    target_people: tuple[str, ...] = ()
    skip_companies: tuple[str, ...] = ()
    skip_people: tuple[str, ...] = ()
    location: str = ""
    languages: tuple[str, ...] = ()
    schools: tuple[str, ...] = ()
    past_employers: tuple[str, ...] = ()
    communities: tuple[str, ...] = ()
    min_outside_industry: int = 3
    source: str = field(default="", compare=False)

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name else ""

    def skips(self, name: str, company: str) -> bool:
        return (normalize_name(name) in {normalize_name(p) for p in self.skip_people}
                or (bool(company) and normalize_company(company) in {normalize_company(c) for c in self.skip_companies}))


_LISTS = ("goals", "interests", "industries", "languages", "schools", "past_employers", "communities")
_TEXT = ("name", "headline", "linkedin", "email", "location")


def load_profile(path: str | Path | dict) -> Profile:
    """Read and check a profile YAML file (or an already-loaded mapping)."""
    source = "profile" if isinstance(path, dict) else str(path)
    if isinstance(path, dict):
        data = path
    else:
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except OSError as err:
            raise SchemaError(f"{source}: cannot read the profile: {err.strerror or err}") from err
        except yaml.YAMLError as err:
            raise SchemaError(f"{source}: not valid YAML: {err}") from err
    if not isinstance(data, dict):
        raise SchemaError(f"{source}: a profile is a mapping of fields (name:, interests:, ...), got {type(data).__name__}")
    known = set(_LISTS) | set(_TEXT) | {"offers", "targets", "skip", "min_outside_industry"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise SchemaError(f"{source}: unknown field(s) {', '.join(unknown)}; known fields: {', '.join(sorted(known))}")
    values: dict = {"source": source}
    for key in _TEXT:
        value = data.get(key)
        if value is not None and not isinstance(value, (str, int, float)):
            raise SchemaError(f"{source}: '{key}' must be text, got {type(value).__name__}")
        values[key] = clean_space(str(value)) if value is not None else ""
    if not values["name"]:
        raise SchemaError(f"{source}: 'name' is required (used to sign outreach drafts)")
    if values["linkedin"] and "linkedin.com/" not in values["linkedin"]:
        raise SchemaError(f"{source}: 'linkedin' should be your LinkedIn profile URL, got {values['linkedin']!r}")
    for key in _LISTS:
        values[key] = _list(data.get(key), key, source)
    for group, prefix in (("targets", "target_"), ("skip", "skip_")):
        block = data.get(group) or {}
        if not isinstance(block, dict):
            raise SchemaError(f"{source}: '{group}' must have 'companies:' and/or 'people:' lists")
        values[prefix + "companies"] = _list(block.get("companies"), f"{group}.companies", source)
        values[prefix + "people"] = _list(block.get("people"), f"{group}.people", source)
    values["offers"] = tuple(_offer(item, i, source) for i, item in enumerate(data.get("offers") or []))
    minimum = data.get("min_outside_industry", 3)
    if not isinstance(minimum, int) or minimum < 0:
        raise SchemaError(f"{source}: 'min_outside_industry' must be a whole number >= 0, got {minimum!r}")
    values["min_outside_industry"] = minimum
    allowed = {f.name for f in fields(Profile)}
    return Profile(**{k: v for k, v in values.items() if k in allowed})


def _list(value, key: str, source: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise SchemaError(f"{source}: '{key}' must be a list of text items")
    return tuple(clean_space(str(v)) for v in value if clean_space(str(v)))


def _offer(item, index: int, source: str) -> Offer:
    where = f"{source}: offers[{index}]"
    if isinstance(item, str):
        return Offer("help", clean_space(item))
    if not isinstance(item, dict):
        raise SchemaError(f"{where} must be text or a mapping like 'skill: ...' with an optional 'detail: ...'")
    kinds = [k for k in OFFER_KINDS if k in item]
    if len(kinds) != 1:
        raise SchemaError(f"{where} needs exactly one of {', '.join(OFFER_KINDS)}; got {', '.join(item) or 'nothing'}")
    extra = set(item) - {kinds[0], "detail"}
    if extra:
        raise SchemaError(f"{where}: unknown field(s) {', '.join(sorted(extra))} (allowed: {kinds[0]}, detail)")
    return Offer(kinds[0], clean_space(str(item[kinds[0]])), clean_space(str(item.get("detail") or "")))


CONTACT_COLUMNS = ("name", "company", "relationship", "email", "last_contact", "past_companies")


def load_contacts(path: str | Path | pd.DataFrame | None) -> pd.DataFrame:
    """Your contacts: name, company, relationship (strong/medium/weak or 3/2/1), e-mail, last contact,
    past companies (separated by ``;`` or ``|``). Adds ``strength`` (1-3) and normalised keys."""
    if path is None:
        frame = pd.DataFrame(columns=list(CONTACT_COLUMNS))
        source = "contacts"
    elif isinstance(path, pd.DataFrame):
        frame, source = path.copy(), "contacts"
    else:
        source = str(path)
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as err:
            raise SchemaError(f"{source}: cannot read the contacts CSV: {err}") from err
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in ("name", "company") if c not in frame.columns]
    if missing:
        raise SchemaError(f"{source}: contacts need a {' and a '.join(repr(m) for m in missing)} column; "
                          f"it has {list(frame.columns)}")
    for column in CONTACT_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame.fillna("")
    bad = [r for r in frame["relationship"] if r and str(r).strip().lower() not in STRENGTHS]
    if bad:
        raise SchemaError(f"{source}: relationship must be strong, medium or weak (or 3/2/1); got {bad[0]!r}")
    frame["strength"] = [STRENGTHS.get(str(r).strip().lower(), 1) for r in frame["relationship"]]
    frame["company_key"] = [normalize_company(c) for c in frame["company"]]
    frame["past_keys"] = [tuple(normalize_company(p) for p in str(v).replace("|", ";").split(";") if p.strip())
                          for v in frame["past_companies"]]
    return frame
