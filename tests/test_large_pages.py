"""Very large pages are streamed card by card: the same people as reading the page whole, in bounded memory
(the memory figure is measured by tests/bench/bench_people.py --big, not here)."""
from __future__ import annotations

from prep.read import html_cards, large_pages

FIRST = ["Ava", "Ruben", "Chiara", "Bo", "Dana", "Emeka", "Farah", "Goran", "Hana", "Ivo"]
LAST = ["Jansen", "Okoye", "Romano", "Chen", "Whitfield", "Obi", "Haddad", "Petrov", "Sato", "Novak"]


def grid(n: int, *, past_from: int | None = None) -> str:
    cards = []
    for i in range(n):
        if i == past_from:
            cards.append("</div><h2>Speakers 2019</h2><div class='grid'>")
        name = f"{FIRST[i % 10]} {LAST[(i // 10) % 10]}{'' if i < 100 else ' ' + chr(65 + i // 100) + 'a'}"
        cards.append(f"<div class='speaker-card'><img src='/p/{i}.jpg' alt=''><h3 class='name'>"
                     f"<a href='/s/{i}/'>{name}</a></h3><p class='role'>Data Engineer at Firm {i}</p>"
                     f"<p class='bio'>Builds pipelines for public transport data and writes about it, talk {i}.</p></div>")
    return f"<html><body><h1>Speakers 2020</h1><div class='grid'>{''.join(cards)}</div></body></html>"


def test_a_streamed_page_gives_the_same_people_as_the_whole_page(monkeypatch):
    text = grid(600, past_from=550)
    whole = html_cards.parse(text, "http://conf.example/speakers/")
    monkeypatch.setattr(large_pages, "HEAD", 20_000)
    monkeypatch.setattr(html_cards, "LARGE_PAGE", 50_000)
    streamed = html_cards.parse(text, "http://conf.example/speakers/")
    assert len(streamed.people) == 600 and streamed.people == whole.people
    assert streamed.profile_pages == whole.profile_pages
    # each card keeps the year of the heading above it (the event's own year decides later which is past)
    assert [p["edition_hint"] for p in streamed.people[549:551]] == ["2020", "2019"]


def test_a_large_page_without_a_regular_list_at_its_start_is_read_whole(monkeypatch):
    monkeypatch.setattr(large_pages, "HEAD", 2_000)  # the start holds fewer cards than a list to stream
    assert large_pages.parse_large(grid(60), "http://conf.example/speakers/") is None
