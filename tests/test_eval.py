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
