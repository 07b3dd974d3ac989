"""What Wikipedia and Wikidata say about a company (summary, founded, headquarters, size), for companies
whose own site says little; read through the same polite, cached fetcher."""
from __future__ import annotations

import json
import logging
from urllib.parse import quote

from ..fetch.client import Fetcher
from ..names import normalize_company
from ..urls import bare_host
from .targets import Target

log = logging.getLogger("prep")


WIKIPEDIA = "https://en.wikipedia.org/api/rest_v1/page/summary/{title}"


WIKIDATA_ENTITY = "https://www.wikidata.org/wiki/Special:EntityData/{qid}.json"


WIKIDATA_LABELS = "https://www.wikidata.org/w/api.php?action=wbgetentities&props=labels&languages=en&format=json&ids={ids}"


def read_wikipedia(fetcher: Fetcher, targets: list[Target]) -> None:
    """Wikipedia summary + Wikidata facts, kept only when the article is about this company."""
    titles = {t.key: WIKIPEDIA.format(title=quote(t.name.replace(" ", "_"), safe="")) for t in targets}
    pages, _ = fetcher.fetch_many(titles.values(), desc="wikipedia")
    entities = {}
    for target in targets:
        page = pages.get(titles[target.key])
        try:
            summary = json.loads(page.text) if page else {}
        except ValueError:
            continue
        if summary.get("type") == "disambiguation" or not summary.get("extract"):
            continue
        if normalize_company(summary.get("title", "")) != target.key:
            continue
        target.parsed["wikipedia"] = {"summary": summary}
        if summary.get("wikibase_item"):
            entities[target.key] = WIKIDATA_ENTITY.format(qid=summary["wikibase_item"])
    pages, _ = fetcher.fetch_many(entities.values(), desc="wikidata")
    wanted: set[str] = set()
    for target in targets:
        page = pages.get(entities.get(target.key, ""))
        if page is None:
            continue
        try:
            facts = _wikidata_facts(json.loads(page.text))
        except (ValueError, KeyError):
            continue
        site = facts.get("website", "")
        if target.home and site and bare_host(site) != bare_host(target.home):
            log.info("%s: Wikipedia article's official website %s is not %s; ignored", target.name, site, target.home)
            target.parsed.pop("wikipedia", None)
            continue
        target.parsed["wikipedia"]["facts"] = facts
        wanted |= {q for k in ("industry", "headquarters") for q in facts.get(k, [])}
    labels = {}
    if wanted:
        ids = sorted(wanted)
        urls = [WIKIDATA_LABELS.format(ids="|".join(ids[i:i + 50])) for i in range(0, len(ids), 50)]
        label_pages, _ = fetcher.fetch_many(urls, desc="wikidata labels")
        for page in label_pages.values():
            try:
                for qid, entity in json.loads(page.text).get("entities", {}).items():
                    labels[qid] = entity.get("labels", {}).get("en", {}).get("value", "")
            except ValueError:
                continue
    for target in targets:
        facts = target.parsed.get("wikipedia", {}).get("facts")
        if facts:
            for key in ("industry", "headquarters"):
                facts[key] = ", ".join(labels[q] for q in facts.get(key, []) if labels.get(q))


def _wikidata_facts(data: dict) -> dict:
    entity = next(iter(data["entities"].values()))
    claims = entity.get("claims", {})

    def values(prop: str) -> list:
        return [c["mainsnak"].get("datavalue", {}).get("value") for c in claims.get(prop, [])
                if c.get("mainsnak", {}).get("datavalue")]

    employees = [v.get("amount") for v in values("P1128") if isinstance(v, dict)]
    inception = [v.get("time", "") for v in values("P571") if isinstance(v, dict)]
    return {"industry": [v["id"] for v in values("P452") if isinstance(v, dict) and "id" in v],
            "headquarters": [v["id"] for v in values("P159") if isinstance(v, dict) and "id" in v],
            "employees": int(float(employees[-1])) if employees else None,
            "founded": inception[0].lstrip("+")[:4] if inception else "",
            "website": next((v for v in values("P856") if isinstance(v, str)), "")}
