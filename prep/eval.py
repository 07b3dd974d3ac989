"""Score the readers against hand-checked real pages: ``python -m prep.eval [CORPUS_DIR]``
(and whole event websites with ``--sites``, see :mod:`prep.eval_sites`).

For every data file with a ``*.expected.csv`` beside it, reads the file with
:func:`prep.read_event` (kind="auto", offline, no network) and prints precision and recall of
people's names and agreement of title and company where the truth states them.

For every company page with a ``*.expected.json`` beside it, runs ``prep company FILE --format json``
(the real CLI, offline) and prints the share of expected links (website and social profiles) found,
whether the main feed is one of the page's, and whether the name (or one of its variants) and the
description match (an empty expected description means the page has none, so none may be reported).
"""
from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .names import clean_space
from .settings import Settings

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "realworld"


@dataclass
class Score:
    file: str
    expected: int
    found: int
    matched: int
    title_total: int
    title_agree: int
    company_total: int
    company_agree: int
    error: str = ""
    folder: str = ""

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def _key(text) -> str:
    return clean_space(str(text or "")).casefold()


def score_file(data_file: Path, expected_file: Path) -> Score:
    from .shape.event import read_event  # late import keeps `--help` fast

    with expected_file.open(encoding="utf-8", newline="") as fh:
        truth = {_key(r["name"]): r for r in csv.DictReader(fh)}
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(cache_path=Path(tmp) / "cache.sqlite", offline=True, progress=False)
        try:
            people = read_event(str(data_file), settings=settings).people
        except Exception as err:  # report and go on: the scorer itself must not stop at one file
            return Score(data_file.name, len(truth), 0, 0, 0, 0, 0, 0, error=f"{type(err).__name__}: {err}",
                         folder=data_file.parent.name)
    found = {_key(n): r for n, r in zip(people["name"], people.to_dict("records"))}
    matched = set(found) & set(truth)
    s = Score(data_file.name, len(truth), len(found), len(matched), 0, 0, 0, 0, folder=data_file.parent.name)
    for name in matched:
        for field in ("title", "company"):
            want = _key(truth[name].get(field))
            if want:
                setattr(s, f"{field}_total", getattr(s, f"{field}_total") + 1)
                if _key(found[name].get(field)) == want:
                    setattr(s, f"{field}_agree", getattr(s, f"{field}_agree") + 1)
    return s


def score_corpus(corpus: Path = DEFAULT_CORPUS) -> list[Score]:
    scores = []
    for expected in sorted(corpus.rglob("*.expected.csv")):
        stem = expected.name.removesuffix(".expected.csv")
        data = [p for p in expected.parent.glob(stem + ".*") if not p.name.endswith((".expected.csv", ".expected.json"))]
        if data:
            scores.append(score_file(data[0], expected))
    return scores


def totals(scores: list[Score]) -> dict[str, float]:
    found = sum(s.found for s in scores)
    expected = sum(s.expected for s in scores)
    matched = sum(s.matched for s in scores)
    t_total, t_agree = sum(s.title_total for s in scores), sum(s.title_agree for s in scores)
    c_total, c_agree = sum(s.company_total for s in scores), sum(s.company_agree for s in scores)
    precision = matched / found if found else 0.0
    recall = matched / expected if expected else 0.0
    return {"precision": precision, "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "title": t_agree / t_total if t_total else 1.0, "company": c_agree / c_total if c_total else 1.0}


def by_folder(scores: list[Score]) -> dict[str, dict[str, float]]:
    """:func:`totals` per corpus folder (``html_pages``, ``data_formats``, ...), in name order."""
    folders = sorted({s.folder for s in scores})
    return {f: totals([s for s in scores if s.folder == f]) for f in folders}


def _figures(t: dict[str, float]) -> str:
    return (f"name F1 {t['f1']:.3f} (precision {t['precision']:.3f}, recall {t['recall']:.3f}); "
            f"title agreement {t['title']:.3f}, company agreement {t['company']:.3f}")


@dataclass
class CompanyScore:
    file: str
    links_expected: int
    links_found: int
    feeds_expected: int
    feeds_found: int  # the main feed ``prep company`` reports is one of the page's feeds (0 or 1 of at most 1)
    description_ok: bool
    name_ok: bool = False
    error: str = ""


def _url_key(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(str(url or "").strip())
    return (parts.hostname or "").removeprefix("www.") + parts.path.rstrip("/").lower()


def score_company_file(page_file: Path, expected_file: Path) -> CompanyScore:
    """One saved company page through the real CLI, as a user runs it: ``prep company FILE --format json``
    (with ``--url`` when the truth says where the page was saved from), offline."""
    import json
    import os
    import subprocess

    truth = json.loads(expected_file.read_text(encoding="utf-8"))
    want = {_url_key(u) for u in truth.get("links", {}).values()}
    want_feeds = {_url_key(u) for u in truth.get("feeds", [])}
    command = [sys.executable, "-m", "prep.cli", "company", str(page_file), "--format", "json", "--offline"]
    if truth.get("page_url"):
        command += ["--url", truth["page_url"]]
    with tempfile.TemporaryDirectory() as cache:
        done = subprocess.run(command + ["--cache", str(Path(cache) / "c.sqlite")], capture_output=True, text=True,
                              timeout=120, env={**os.environ, "PREP_PROGRESS": "0"})
    try:
        found = json.loads(done.stdout)["company"]
    except (ValueError, KeyError, TypeError):
        return CompanyScore(page_file.name, len(want), 0, min(1, len(want_feeds)), 0, False,
                            error=(done.stderr.strip().splitlines() or ["no output"])[-1])
    links = [found.get(k) for k in ("website", "linkedin", "x", "github")]
    links += (found.get("other_socials") or "").splitlines()
    ours = {_url_key(u) for u in links if u}
    names = {clean_space(n).casefold() for n in [truth.get("name", ""), *truth.get("name_variants", [])]}
    description_ok = clean_space(found.get("description") or "") == clean_space(truth.get("description", ""))
    return CompanyScore(page_file.name, len(want), len(want & ours), min(1, len(want_feeds)),
                        int(_url_key(found.get("feed_url")) in want_feeds), description_ok,
                        name_ok=clean_space(found.get("name") or "").casefold() in names)


def score_companies(corpus: Path = DEFAULT_CORPUS) -> list[CompanyScore]:
    scores = []
    for expected in sorted(corpus.rglob("*.expected.json")):
        page = expected.with_name(expected.name.removesuffix(".expected.json") + ".html")
        if page.is_file():
            scores.append(score_company_file(page, expected))
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m prep.eval", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=None,
                        help="the corpus folder (default ../shared/realworld, or ../shared/realsites with --sites)")
    parser.add_argument("--sites", action="store_true", help="score whole event websites (see prep.eval_sites)")
    parser.add_argument("--home-only", action="store_true", help="with --sites: give prep only each site's home page")
    args = parser.parse_args(argv)
    if args.sites:
        from .eval_sites import DEFAULT_SITES, report, score_sites

        root = args.corpus or DEFAULT_SITES
        if not root.is_dir():
            print(f"no sites at {root}", file=sys.stderr)
            return 2
        print(report(score_sites(root, home_only=args.home_only)))
        return 0
    args.corpus = args.corpus or DEFAULT_CORPUS
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    scores = score_corpus(args.corpus)
    print(f"{'file':58} {'exp':>4} {'found':>5} {'prec':>6} {'recall':>6} {'title':>9} {'company':>9}")
    for s in scores:
        print(f"{s.file[:58]:58} {s.expected:4} {s.found:5} {s.precision:6.3f} {s.recall:6.3f} "
              f"{s.title_agree:>4}/{s.title_total:<4} {s.company_agree:>4}/{s.company_total:<4} {s.error[:60]}")
    print()
    for folder, t in by_folder(scores).items():
        print(f"{folder + ':':17} {_figures(t)}")
    failing = sum(1 for s in scores if s.error or not s.matched)
    print(f"\noverall: {_figures(totals(scores))}; {failing} of {len(scores)} files with no person found")
    companies = score_companies(args.corpus)
    if companies:
        print(f"\n{'company page (prep company FILE --format json)':58} {'links':>7} {'feed':>5} name  description")
        for c in companies:
            print(f"{c.file[:58]:58} {c.links_found:>3}/{c.links_expected:<3} {c.feeds_found:>2}/{c.feeds_expected:<2} "
                  f"{'ok' if c.name_ok else 'WRONG':5} {'ok' if c.description_ok else 'WRONG'} {c.error[:60]}")
        links = sum(c.links_found for c in companies) / max(1, sum(c.links_expected for c in companies))
        print(f"\ncompanies: links found {links:.3f}, names right {sum(c.name_ok for c in companies)}/{len(companies)}, "
              f"descriptions right {sum(c.description_ok for c in companies)}/{len(companies)}, main feed found "
              f"{sum(c.feeds_found for c in companies)}/{sum(c.feeds_expected for c in companies)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
