"""Small text tools shared by scoring and drafting: stemmed tokens, sentences, phrase matching."""
from __future__ import annotations

import functools
import math
import re
from collections import Counter

import numpy as np
import snowballstemmer

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[a-z0-9+#]+")
_ABBREVIATION = re.compile(r"(\b[A-Z]\.|\b(?:e\.g|i\.e|Dr|Mr|Mrs|Ms|Mx|Prof|vs|etc|St|No|approx|Inc|Ltd|Co|Sr|Jr|"
                           r"Dept|Univ|Assoc|Mgr|Eng|Ph\.D|Mt|Ave)\.)$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"“'‘(]?[A-Z0-9À-Þ])")
#: English function words (the Snowball project's list, plus contractions' leftovers). Content words such as
#: "system" or "interest", which some stop lists drop, stay: they carry meaning in talks and bios.
STOP = frozenset("""
a about above after again against all am an and any are aren as at be because been before being below between
both but by can cannot could couldn did didn do does doesn doing don down during each few for from further had
hadn has hasn have haven having he her here hers herself him himself his how i if in into is isn it its itself let
me more most mustn my myself no nor not of off on once only or other ought our ours ourselves out over own same
shan she should shouldn so some such than that the their theirs them themselves then there these they this those
through to too under until up very was wasn we were weren what when where which while who whom why with won would
wouldn you your yours yourself yourselves also just via per s t ll ve re d m
""".split())


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    stem = _STEMMER.stemWord(word)
    # Snowball keeps agent nouns apart ("processor" vs "processing"); join them for matching topics.
    return stem[:-2] if len(stem) >= 7 and stem.endswith("or") else stem


def stems(text: str | None) -> list[str]:
    """Lower-cased, stop-word-free Snowball stems: "Testing data pipelines" -> ["test", "data", "pipelin"]."""
    return list(_stems(text)) if text else []


@functools.lru_cache(maxsize=100_000)
def _stems(text: str) -> tuple[str, ...]:  # the same sentences are stemmed for every interest: remember them
    return tuple(_stem(w) for w in _WORD.findall(text.lower()) if w not in STOP and (len(w) > 1 or w.isdigit()))


def sentences(text: str | None) -> list[str]:
    """Split prose into sentences, keeping "N.V.", "e.g." and "Dr." inside theirs."""
    if not text:
        return []
    if "\n" in text:  # separate fields (a title and its abstract) never run into one sentence
        return [s for line in text.split("\n") for s in sentences(line)]
    parts, out = _SENTENCE_END.split(text.strip()), []
    for part in parts:
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return [p.strip() for p in out if p.strip()]


def phrase_in(phrase_stems: list[str], text_stems: list[str], *, window: int = 2) -> bool:
    """Does a phrase occur in a text, its stems close together ("open data" is not "open-source ... data")?

    Up to three stems: all of them within ``len(phrase) + window`` consecutive tokens; longer
    phrases: three in four of them anywhere in the text.
    """
    wanted = list(dict.fromkeys(phrase_stems))
    if not wanted:
        return False
    present = set(text_stems)
    if len(wanted) <= 3 and not present.issuperset(wanted):
        return False  # the quick answer for most sentences
    if len(wanted) > 3:
        return len(set(wanted) & set(text_stems)) >= -(-3 * len(wanted) // 4)
    span = len(wanted) + window
    positions = [i for i, s in enumerate(text_stems) if s == wanted[0]]
    return any(set(wanted) <= set(text_stems[max(0, i - span + 1): i + span]) for i in positions)


def whole_phrase(sentence: str, limit: int = 120) -> str:
    """The sentence itself when short enough to quote, else its first clause when that reads whole
    ("Ada builds compilers, and ..." -> "Ada builds compilers"); "" when neither fits: a quote is
    never cut mid-sentence ("Mike Goeke is a Sr.")."""
    sentence = " ".join(str(sentence).split()).rstrip(".")
    if len(sentence) <= limit:
        return sentence
    clause = re.split(r",\s+|;\s+|\s+[–—-]\s+|\s+(?:and|but|where|which|who)\s+", sentence, maxsplit=1)[0]
    return clause if 20 <= len(clause) <= limit and len(clause.split()) >= 4 else ""


def clip(text: str, limit: int = 160) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def similarity(documents: list[list[str]], query: list[str]) -> np.ndarray:
    """Cosine similarity of each tokenised document with the query, as TF-IDF vectors.

    The weighting is scikit-learn's ``TfidfVectorizer(sublinear_tf=True)`` (sublinear tf, smoothed
    idf, L2 norm), with the query counted among the documents. Only documents that share a word with
    the query are weighed at all, so a few dictionaries do it: no scikit-learn (0.8 s to import) and
    no sparse matrices.
    """
    counts = [Counter(tokens) for tokens in documents]
    wanted = Counter(query)
    scores = np.zeros(len(documents))
    if not wanted:
        return scores
    frequency = Counter(token for count in (*counts, wanted) for token in count)
    n = len(counts) + 1
    idf = {token: math.log((1 + n) / (1 + df)) + 1 for token, df in frequency.items()}

    def weights(count: Counter) -> tuple[dict[str, float], float]:
        w = {token: (1 + math.log(k)) * idf[token] for token, k in count.items()}
        return w, math.sqrt(sum(v * v for v in w.values()))

    q, q_norm = weights(wanted)
    for i, count in enumerate(counts):
        if not q.keys() & count.keys():
            continue
        w, norm = weights(count)
        scores[i] = sum(w[token] * q[token] for token in q.keys() & w.keys()) / (norm * q_norm)
    return scores

