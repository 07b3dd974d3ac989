"""Accuracy floor on the real-world corpus in ../shared/realworld (skipped when it is absent)."""
from __future__ import annotations

import pytest

from conftest import REALWORLD
from prep.eval import score_corpus, totals

pytestmark = pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld is not present")

# Once reached, these floors may only go up: a change that lowers them fails here.
FLOORS = {"precision": 0.95, "recall": 0.95, "title": 0.90, "company": 0.90}


def test_corpus_scores_stay_above_the_floor():
    scores = score_corpus(REALWORLD)
    assert scores, "no *.expected.csv files found"
    errors = [f"{s.file}: {s.error}" for s in scores if s.error]
    assert not errors
    overall = totals(scores)
    for metric, floor in FLOORS.items():
        assert overall[metric] >= floor, f"{metric} {overall[metric]:.3f} fell below {floor}"


def test_company_pages_links_and_descriptions():
    from prep.eval import score_companies

    scores = score_companies(REALWORLD)
    assert scores, "no company *.expected.json files found"
    assert not [s.error for s in scores if s.error]
    links = sum(s.links_found for s in scores) / sum(s.links_expected for s in scores)
    assert links >= 0.9, f"only {links:.3f} of expected company links found"
    assert all(s.description_ok for s in scores), [s.file for s in scores if not s.description_ok]
    assert sum(s.feeds_found for s in scores) == sum(s.feeds_expected for s in scores)
