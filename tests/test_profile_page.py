"""A speaker's own page: the bio and the talk the listing cut, never the card's lines or an interview."""
from __future__ import annotations

from prep.read.profile_page import read_profile

PAGE = """<html><body><nav><h2>Speakers</h2></nav><article>
<div class="head"><img src="/p.jpg"><div class="tip">eng</div><h2>Dominika Zając</h2><p>GDE | Engineer at Qualtrics</p></div>
<div class="body"><h3>How to make the Internet accessible for everyone</h3>
<p>Did you know that millions of people experience color blindness?<br><br>Accessibility is about reaching everyone.</p>
<h3>Speaker Bio:</h3><p>Full-stack developer who loves sharing knowledge and singing, senior engineer at Qualtrics.</p>
</div></article><footer><h3>Other speakers</h3><p>Ann Lee, Bob Ray and many more wonderful people.</p></footer></body></html>"""

TAGLINE_HEADINGS = """<html><body><main><h2>Eric Evans</h2><h3>Author of “Domain-Driven Design”</h3>
<p>Eric Evans is the author of a book and leads a consultancy that helps teams model their domains.</p></main></body></html>"""

INTERVIEW = """<html><body><main><h1>Ana Ruiz</h1><p>Engineer</p>""" + "".join(
    f"<h4>Question {i}?</h4><p>{'A long and thoughtful answer to the question asked here. ' * 2}</p>" for i in range(4)) + \
    "</main></body></html>"


def test_the_talk_and_the_bio_from_a_speakers_page():
    found = read_profile(PAGE, "Dominika Zając")
    assert found["talks"] == ["How to make the Internet accessible for everyone"]
    assert found["abstracts"][0].startswith("Did you know") and "color blindness? Accessibility" in found["abstracts"][0]
    assert found["bio"].startswith("Full-stack developer")


def test_headings_under_the_name_are_the_card_and_a_lone_paragraph_is_the_bio():
    found = read_profile(TAGLINE_HEADINGS, "Eric Evans")
    assert found["talks"] == [] and found["bio"].startswith("Eric Evans is the author")


def test_an_interview_of_many_headed_answers_gives_no_talks():
    assert read_profile(INTERVIEW, "Ana Ruiz")["talks"] == []


def test_a_page_that_does_not_name_the_person_gives_nothing():
    assert read_profile(PAGE, "Someone Else") == {"bio": "", "talks": [], "abstracts": [], "lines": []}


def test_a_profile_page_that_shows_the_person_twice_gives_the_links_of_both_views():
    from prep.read.html_cards import read_person

    page = ("<html><body><div class='sidenav'><h1 class='speaker-name'>Ivan Lozano</h1>"
            "<h2 class='speaker-info-1'>Airspace Systems Inc</h2><p>Builds rescue drones.</p></div>"
            "<main><div class='speaker-details'><h1 class='speaker-name'>Ivan Lozano</h1>"
            "<h2 class='speaker-info-1'>Airspace Systems Inc</h2><p>Builds rescue drones and teaches robotics.</p>"
            "<a href='http://linkedin.com/in/ivanovishx'>in</a><a href='https://twitter.com/ivanovishx'>x</a></div></main>"
            "</body></html>")
    record = read_person(page, "http://conf.example/speakers/ivan-lozano/", "Ivan Lozano")
    assert record["links"]["linkedin"] == "http://linkedin.com/in/ivanovishx"
