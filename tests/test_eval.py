"""Accuracy floors on the real-world corpus in ../shared/realworld (skipped when it is absent).

The floors are per corpus folder, re-based on the figures `python -m prep.eval` printed when the
corpus grew to 41 people sources (2026-12-01), and raised as the readers improve. Once reached, a
figure may only go up: a change that lowers one fails here.
"""
from __future__ import annotations

import pytest
from conftest import REALWORLD

from prep.eval import by_folder, score_corpus, totals

pytestmark = pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld is not present")

# folder: (name F1, title agreement, company agreement)
FOLDER_FLOORS = {
    "attendee_csv": (1.0, 1.0, 1.0),
    "conference_data": (1.0, 1.0, 1.0),
    "conference_html": (1.0, 1.0, 1.0),
    "data_formats": (0.99, 0.94, 0.97),
    "frab": (1.0, 1.0, 1.0),
    "html_pages": (0.99, 0.88, 0.96),
    "jsonld_event": (1.0, 1.0, 1.0),
    "microformats": (1.0, 1.0, 1.0),
    "pretalx": (1.0, 1.0, 1.0),
    "sessionize": (1.0, 1.0, 1.0),
}
OVERALL_FLOOR = (0.995, 0.945, 0.975)
MAX_FILES_WITHOUT_PEOPLE = 0


@pytest.fixture(scope="module")
def scores():
    found = score_corpus(REALWORLD)
    assert found, "no *.expected.csv files found"
    return found


def _check(figures: dict, floor: tuple, where: str) -> list[str]:
    return [f"{where}: {metric} {figures[metric]:.3f} fell below {low}"
            for metric, low in zip(("f1", "title", "company"), floor) if figures[metric] < low - 1e-9]


def test_every_folder_stays_above_its_floor(scores):
    folders = by_folder(scores)
    assert set(FOLDER_FLOORS) <= set(folders), f"corpus folders missing: {set(FOLDER_FLOORS) - set(folders)}"
    problems = [p for folder, floor in FOLDER_FLOORS.items() for p in _check(folders[folder], floor, folder)]
    assert not problems, problems


def test_overall_figures_stay_above_the_floor(scores):
    assert not _check(totals(scores), OVERALL_FLOOR, "overall")
    failing = [s.file for s in scores if s.error or not s.matched]
    assert len(failing) <= MAX_FILES_WITHOUT_PEOPLE, failing


def test_company_pages_through_the_cli_links_names_and_descriptions():
    """`prep company FILE --format json` on the 8 saved company pages; raised 2026-12-01 to what was reached."""
    from prep.eval import score_companies

    scores = score_companies(REALWORLD)
    assert scores, "no company *.expected.json files found"
    assert not [s.error for s in scores if s.error]
    links = sum(s.links_found for s in scores) / sum(s.links_expected for s in scores)
    assert links >= 1.0, f"only {links:.3f} of expected company links found"
    assert all(s.name_ok for s in scores), [s.file for s in scores if not s.name_ok]
    assert all(s.description_ok for s in scores), [s.file for s in scores if not s.description_ok]
    assert sum(s.feeds_found for s in scores) == sum(s.feeds_expected for s in scores)


REALSITES = REALWORLD.parent / "realsites"
# Whole sites through the real CLI (prep.eval_sites), re-based 2026-12-01; floors only go up.
SITE_FLOORS = {"people_f1": 0.99, "title": 0.95, "company": 0.96, "sessions_recall": 0.90, "orgs_recall": 0.93,
               "orgs_precision": 0.91, "events_right": 6}
MAX_SITE_NOT_PEOPLE = 0  # lowered 2026-12-01 (from 24, then 2): names found that are not people of the event


@pytest.mark.skipif(not REALSITES.is_dir(), reason="../shared/realsites is not present")
def test_real_sites_through_the_cli_stay_above_the_floor():
    from prep.eval_sites import score_sites, site_totals

    scores = score_sites(REALSITES)
    assert len(scores) >= 6
    totals = site_totals(scores)
    low = {k: round(totals[k], 3) for k, floor in SITE_FLOORS.items() if totals[k] < floor}
    assert not low, low
    assert totals["not_people"] <= MAX_SITE_NOT_PEOPLE, [n for s in scores for n in s.not_people]


@pytest.mark.skipif(not REALSITES.is_dir(), reason="../shared/realsites is not present")
def test_the_home_page_alone_finds_the_people():
    """A user often pastes only the home page: prep follows its links to the speakers, schedule and sponsors."""
    from prep.eval_sites import score_sites, site_totals

    totals = site_totals(score_sites(REALSITES, home_only=True))
    assert totals["people_f1"] >= 0.98, round(totals["people_f1"], 3)
