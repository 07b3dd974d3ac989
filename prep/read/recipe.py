"""Per-site CSS-selector recipes: a small YAML file that overrides the generic card heuristics.

Example (``my-event.yaml``)::

    card: "div.person"        # one element per person
    name: "h3"                # CSS selectors inside the card
    title: ".role"
    company: ".org"
    tagline: ".subtitle"      # split into title and company when those are not given
    bio: ".bio"
    image: "img@src"          # selector@attribute
    profile: "a@href"
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

from ..errors import ParseError
from ..names import clean_space, split_name_org
from ..urls import follow
from . import Parsed
from .taglines import split_tagline

FIELDS = ("name", "title", "company", "tagline", "bio", "image", "profile", "talks")


def load_recipe(path: str | Path) -> dict:
    import yaml  # only when a recipe is given

    try:
        recipe = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise ParseError(str(path), f"cannot read recipe: {err}") from err
    if not isinstance(recipe, dict) or "card" not in recipe or "name" not in recipe:
        raise ParseError(str(path), "a recipe needs at least 'card' and 'name' selectors")
    unknown = set(recipe) - set(FIELDS) - {"card", "match"}
    if unknown:
        raise ParseError(str(path), f"unknown recipe keys: {', '.join(sorted(unknown))}; known: card, match, {', '.join(FIELDS)}")
    return recipe


def _select(card, selector: str | None) -> str:
    if not selector:
        return ""
    css, _, attribute = selector.partition("@")
    node = card.select_one(css) if css else card
    if node is None:
        return ""
    return clean_space(node.get(attribute, "") if attribute else node.get_text(" "))


def parse_with_recipe(text: str, url: str, recipe: dict) -> Parsed:
    from bs4 import BeautifulSoup  # only when a recipe is given: bs4 costs 0.05 s to import

    soup = BeautifulSoup(text, "lxml")
    people = []
    for card in soup.select(recipe["card"]):
        name, org = split_name_org(_select(card, recipe["name"]))
        if not name:
            continue
        title, company = _select(card, recipe.get("title")), _select(card, recipe.get("company")) or org
        if not title and not company:
            title, company = split_tagline(_select(card, recipe.get("tagline")))
        image = _select(card, recipe.get("image"))
        profile = _select(card, recipe.get("profile"))
        talks = [clean_space(n.get_text(" ")) for n in card.select(recipe["talks"])] if recipe.get("talks") else []
        people.append({"name": name, "title": title, "company": company, "bio": _select(card, recipe.get("bio")),
                       "role": "speaker", "image_url": urljoin(url, image) if image else "", "talks": talks,
                       "profile_url": (follow(profile, url) or "") if profile else "", "source_url": url})
    return Parsed(people=people, reader="recipe")
