"""Benchmark: the generic HTML reader on a generated 1 MB page of 1,000 speaker cards.

    .venv/bin/python tests/bench/bench_parse.py

Goal (issue: event readers): well under a second on this machine, parse + extract + DataFrame.
"""
from __future__ import annotations

import statistics
import time
from html import escape

from prep.fetch.client import Page
from prep.shape.event import parse_page
from prep.shape.frames import merge_people

FIRST = ["Ava", "Ruben", "Marieke", "Samir", "Lotte", "Inês", "Priya", "Jonas", "Fatima", "Noor", "Sofia", "Kwame"]
LAST = ["Jansen", "Okoye", "de Vries", "Haddad", "Bakker", "Carvalho", "Raman", "Claes", "El Amrani", "Visser"]


def page(n: int = 1000) -> str:
    cards = []
    for i in range(n):
        name = f"{FIRST[i % len(FIRST)]} {chr(65 + i % 26)}{chr(97 + (i // 26) % 26)}{chr(97 + (i // 676) % 26)} {LAST[i % len(LAST)]}"
        cards.append(
            f'<div class="speaker-card"><img src="/img/{i}.jpg" alt=""><h3 class="name"><a href="/s/{i}/">{escape(name)}</a></h3>'
            f'<p class="role">Senior Engineer at Company {i % 97}</p><p class="bio">{"Builds reliable data systems and writes about them. " * 12}</p>'
            f'<ul class="links"><li><a href="https://github.com/u{i}">GitHub</a></li></ul>'
            f'<ul class="talks"><li><a href="/t/{i}">Talk number {i}</a></li></ul></div>')
    return "<html><body><div class='grid'>" + "\n".join(cards) + "</div></body></html>"


def main() -> None:
    text = page()
    doc = Page(url="http://bench.example/speakers/", status=200, content_type="text/html",
               content=text.encode(), encoding="utf-8")
    times = []
    for _ in range(5):
        start = time.perf_counter()
        people = merge_people(parse_page(doc).people)
        times.append(time.perf_counter() - start)
    print(f"page {len(text) / 1e6:.2f} MB, {len(people)} people; parse + extract + DataFrame: "
          f"median {statistics.median(times):.3f} s, best {min(times):.3f} s (goal: well under 1 s)")


if __name__ == "__main__":
    main()
