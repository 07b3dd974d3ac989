"""People in the data a page carries for its scripts (Next.js, Nuxt, inline JSON), merged with its cards."""
from __future__ import annotations

import json

from prep.fetch.client import Page
from prep.shape.event import parse_page

SPEAKERS = [{"fullName": "Ada Lovelace", "jobTitle": "Analyst", "company": "Engines", "bio": "Writes programs."},
            {"fullName": "Grace Hopper", "jobTitle": "Admiral", "company": "Navy", "bio": "Writes compilers."}]


def page(text: str) -> Page:
    return Page(url="http://conf.example/speakers", status=200, content_type="text/html", content=text.encode(),
                encoding="utf-8")


def test_a_next_js_shell_without_cards_gives_its_data():
    data = {"props": {"pageProps": {"speakers": SPEAKERS}}, "page": "/speakers"}
    html = f'<html><body><div id="__next"></div><script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script></body></html>'
    people = parse_page(page(html)).people
    assert [(p["name"], p["title"], p["company"]) for p in people] == [
        ("Ada Lovelace", "Analyst", "Engines"), ("Grace Hopper", "Admiral", "Navy")]


def test_nuxt_state_in_its_function_form_fills_the_cards():
    cards = "<div class='s'><h3>Ada Lovelace</h3></div><div class='s'><h3>Grace Hopper</h3></div>"
    state = ('window.__NUXT__=(function(a,b){return {data:[{speakers:[{fullName:"Ada Lovelace",company:"Engines"},'
             '{fullName:"Grace Hopper",company:"Navy"}]}]}}(1,2));')
    people = parse_page(page(f"<html><body>{cards}<script>{state}</script></body></html>")).people
    assert [(p["name"], p["company"]) for p in people] == [("Ada Lovelace", "Engines"), ("Grace Hopper", "Navy")]


def test_blog_authors_in_a_pages_state_are_not_added_to_its_speakers():
    cards = "".join(f"<div class='s'><h3>{n}</h3><p>{t}, {c}</p></div>" for n, t, c in
                    [("Ada Lovelace", "Analyst", "Engines"), ("Grace Hopper", "Admiral", "Navy"), ("Alan Turing", "Fellow", "Bletchley")])
    state = {"posts": [{"author": {"name": "Pat Blogger", "bio": "Writes posts.", "avatar": "/a.png"}},
                       {"author": {"name": "Sam Editor", "bio": "Edits posts.", "avatar": "/b.png"}}]}
    html = f'<html><body>{cards}<script type="application/json">{json.dumps(state)}</script></body></html>'
    assert [p["name"] for p in parse_page(page(html)).people] == ["Ada Lovelace", "Grace Hopper", "Alan Turing"]
