"""Readers on hand-written fixtures: each format, the tagline rules, and bad input."""
from __future__ import annotations

import json

import pytest

from prep.errors import NoPeopleFound, ParseError
from prep.fetch.client import Page
from prep.fetch.localweb import Reply
from prep.names import split_name_org
from prep.read import candidates
from prep.read.taglines import split_tagline
from prep.schema import PEOPLE, SESSIONS, empty
from prep.shape.event import parse_page, read_event


def page(text: str, url: str = "http://event.example/speakers/", content_type: str = "text/html") -> Page:
    return Page(url=url, status=200, content_type=content_type, content=text.encode("utf-8"), encoding="utf-8")


@pytest.mark.parametrize("tagline, expected", [
    ("Principal Engineer at Tidewater Analytics", ("Principal Engineer", "Tidewater Analytics")),
    ("Developer Advocate, Tidewater Analytics", ("Developer Advocate", "Tidewater Analytics")),
    ("Staff Data Engineer @ Fernbank", ("Staff Data Engineer", "Fernbank")),
    ("Head Trainer @ DATA story LAB", ("Head Trainer", "DATA story LAB")),
    ("Data Scientist, cubido business solutions GmbH", ("Data Scientist", "cubido business solutions GmbH")),
    ("ACME GmbH, Lead Cloud Architect", ("Lead Cloud Architect", "ACME GmbH")),
    ("MVP | ACME GmbH, Lead Cloud Architect", ("Lead Cloud Architect", "ACME GmbH")),
    ("AI Enthusiast | HTL Leonding", ("AI Enthusiast", "HTL Leonding")),
    ("Lehrer für Mathematik an der HTL Leonding", ("Lehrer für Mathematik", "HTL Leonding")),
    ("CEO atwork, MVP Azure", ("CEO", "atwork")),
    ("Dynatrace", ("", "Dynatrace")),
    ("Founder & Social Media Enthusiast", ("Founder & Social Media Enthusiast", "")),
    ("Software Engineer - Google", ("Software Engineer", "Google")),
    ("Acme — CTO", ("CTO", "Acme")),
    ("Engineer at Acme (Berlin)", ("Engineer", "Acme")),
    ("Head of Data at Lumen Analytics, former Google", ("Head of Data", "Lumen Analytics")),
    ("Developer Advocate @ Acme, Google Developer Expert", ("Developer Advocate", "Acme")),
    ("CEO of Acme", ("CEO", "Acme")),
    ("Director of Engineering", ("Director of Engineering", "")),
    ("Director - API Architecture @ WSO2", ("Director - API Architecture", "WSO2")),
    ("Anaconda, Inc", ("", "Anaconda, Inc")),  # a legal form after a comma is part of the name
    ("EPAM, Chief Software Engineer, Flutter and Dart GDE", ("Chief Software Engineer", "EPAM")),
    ("Mother, Engineer, Runner", ("Mother, Engineer, Runner", "")),
    ("Inventor of EventStorming", ("Inventor of EventStorming", "")),
    ("Web developer - Angular SpringBoot", ("Web developer - Angular SpringBoot", "")),  # technologies, no company
    ("Microsoft MVP & Partner & Solution Architect at CRMK Deutschland", ("Partner & Solution Architect", "CRMK Deutschland")),
    ("Managing Director and Microsoft MVP", ("Managing Director", "")),  # an award worn with the job
    ("Chairman & CEO Kony, Inc.", ("Chairman & CEO", "Kony, Inc.")),
    ("Manager at the Harvard Center for Geographic Analysis", ("Manager", "Harvard Center for Geographic Analysis")),
    ("Editor at The Guardian", ("Editor", "The Guardian")),
    ("", ("", "")),
])
def test_split_tagline(tagline, expected):
    assert split_tagline(tagline) == expected


@pytest.mark.parametrize("raw, expected", [
    ("Ali Jelveh (Protonet)", ("Ali Jelveh", "Protonet")),
    ("Aday Bujeda [Harvard]", ("Aday Bujeda", "Harvard")),
    ("Mehdi Medjaoui (oAuth.io) <3", ("Mehdi Medjaoui", "oAuth.io")),
    ("Zoë van den Berg", ("Zoë van den Berg", "")),
])
def test_split_name_org(raw, expected):
    assert split_name_org(raw) == expected


CARDS = """<html><body><nav><a href="/">Home</a><a href="/speakers/">Speakers</a></nav>
<h1>Our speakers</h1><div class="grid">
<article class="person"><img src="/p/1.jpg"><h3>Dr. Amara Okafor</h3><p class="tagline">Alderman for Digital Affairs at City of Havenstad</p>
 <p>Amara champions open data in the city council and started the air-quality sensor network of the city.</p>
 <a href="https://www.linkedin.com/in/amara">in</a><a href="https://github.com/amara">gh</a></article>
<article class="person"><img src="/p/2.jpg"><h3>王芳</h3><p class="tagline"><span class="job">Data Engineer</span><span class="org">Quayside Logistics</span></p></article>
<article class="person"><img src="/p/3.jpg"><h3>Søren Kjær</h3><p class="tagline">Associate Professor, Delft University of Technology</p>
 <ul class="talks"><li>Testing exactly-once claims</li></ul><a href="https://social.example/@soren">m</a></article>
<article class="person"><img src="/p/4.jpg"><h3>ليلى حداد</h3><p class="tagline">Researcher @ Kelp Climate Labs</p></article>
</div><footer><a href="/imprint">Imprint</a></footer></body></html>"""


def test_generic_cards_reader_reads_each_card():
    parsed = parse_page(page(CARDS))
    people = {p["name"]: p for p in parsed.people}
    assert list(people) == ["Dr. Amara Okafor", "王芳", "Søren Kjær", "ليلى حداد"]  # Unicode untouched
    amara = people["Dr. Amara Okafor"]
    assert (amara["title"], amara["company"]) == ("Alderman for Digital Affairs", "City of Havenstad")
    assert amara["links"]["linkedin"] == "https://www.linkedin.com/in/amara"
    assert amara["image_url"] == "http://event.example/p/1.jpg"
    assert "air-quality sensor network" in amara["bio"]
    assert (people["王芳"]["title"], people["王芳"]["company"]) == ("Data Engineer", "Quayside Logistics")
    assert people["Søren Kjær"]["talks"] == ["Testing exactly-once claims"]
    assert people["Søren Kjær"]["links"]["mastodon"] == "https://social.example/@soren"


LINEUP = [("Amara Okafor", "Head of Data", "Lumen Analytics"), ("Benedikt Strauss", "Staff Engineer", "Kettle Labs"),
          ("Chiara Romano", "VP Product", "Orbital Foods")]
LAYOUTS = {  # speaker lists as site builders write them, none with a class that names a field
    "table rows": lambda n, t, c, i: f"<tr><td><img src='/p/{i}.jpg' alt=''></td><td><strong>{n}</strong><br>{t}, {c}</td></tr>",
    "title and company apart": lambda n, t, c, i: (f"<div class='w-dyn-item'><img src='/p/{i}.jpg' class='image-17'>"
                                                   f"<div class='text-block-12'>{n}</div><div class='text-block-13'>{t}</div>"
                                                   f"<div class='text-block-14'>{c}</div></div>"),
    "definition list": lambda n, t, c, i: f"<dt>{n}</dt><dd>{t}, {c}</dd>",
    "list items": lambda n, t, c, i: f"<li><a href='/speakers/{i}'>{n}</a> — {t}, {c}</li>",
    "title and company on lines": lambda n, t, c, i: f"<div class='item'><img src='/p/{i}.jpg'><h4>{n}</h4><p>{t}<br>{c}</p></div>",
    "company before title": lambda n, t, c, i: f"<div class='card'><img src='/p/{i}.jpg'><h3>{n}</h3><span>{c}</span><span>{t}</span></div>",
    "links as cards": lambda n, t, c, i: f"<a class='card' href='/speakers/{i}'><img src='/p/{i}.jpg'><div>{n}</div><div>{t}</div><div>{c}</div></a>",
    "name on two lines": lambda n, t, c, i: (f"<div class='sp'><img src='/p/{i}.jpg'><h3>{n.split()[0]}<br>{n.split()[1]}</h3>"
                                             f"<p>{t}, {c}</p></div>"),
    "name in a paragraph": lambda n, t, c, i: f"<div class='sp'><img src='/p/{i}.jpg'><p>{n}</p><p>{t}, {c}</p></div>",
    "one line each": lambda n, t, c, i: f"<li>{n} – {t} at {c}</li>",
    "badge above the name": lambda n, t, c, i: (f"<div class='sp'><span class='badge'>Keynote</span><img src='/p/{i}.jpg'>"
                                                f"<h3>{n}</h3><p>{t}</p><p>{c}</p></div>"),
    "inline title and company": lambda n, t, c, i: f"<div class='sp'><img src='/p/{i}.jpg'><h3>{n}</h3><em>{t}</em> at <strong>{c}</strong></div>",
    "company in the heading": lambda n, t, c, i: f"<div class='sp'><img src='/p/{i}.jpg'><h3>{n}, {c}</h3><p>{t}</p></div>",
    "spans styled as lines": lambda n, t, c, i: f"<div class='m'><img src='/p/{i}.jpg'><h4>{n}</h4><span>{t}</span><span>{c}</span></div>",
    "headings in a row": lambda n, t, c, i: f"<h3>{n}</h3><p>{t} at {c}</p><p>{n.split()[0]} builds data products "
                                            "for harbours and will talk about them with anyone who asks.</p>",
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_generic_cards_reader_reads_lists_without_field_classes(layout):
    items = "".join(LAYOUTS[layout](n, t, c, i) for i, (n, t, c) in enumerate(LINEUP))
    wrapper = {"table rows": "table", "definition list": "dl", "list items": "ul", "one line each": "ul"}.get(layout, "section")
    parsed = parse_page(page(f"<html><body><h1>Speakers</h1><{wrapper}>{items}</{wrapper}></body></html>"))
    assert [(p["name"], p["title"], p["company"]) for p in parsed.people] == LINEUP
    assert all(p["talks"] == [] for p in parsed.people)  # the card's own line is not a talk
    if layout == "headings in a row":
        assert parsed.people[0]["bio"].startswith("Amara builds data products")
    if layout in ("list items", "links as cards"):
        assert parsed.people[1]["profile_url"] == "http://event.example/speakers/1"


@pytest.mark.parametrize("items", [
    "<ul>" + "".join(f"<li>{t}</li>" for t in ("Data Pipelines, Part 2", "Scaling Joins: A Story", "Edge Inference – Lessons")) + "</ul>",
    "".join(f"<div class='t'><p>{t}</p><p>Learn about {t.lower()} with hands-on sessions and experts.</p></div>"
            for t in ("Machine Learning", "Cloud Native", "Data Engineering")),
    "".join(f"<div class='c'><img src='/{i}.jpg'><p>{c}</p></div>" for i, c in enumerate(("New York", "Buenos Aires", "Hong Kong"))),
    "".join(f"<div class='s'><p>{c}</p></div>" for c in ("Lumen Analytics", "Kettle Labs", "Orbital Foods")),
], ids=["talk titles", "topics", "cities with pictures", "sponsor names"])
def test_lists_that_read_like_names_but_name_nobody(items):
    with pytest.raises(NoPeopleFound):
        parse_page(page(f"<html><body><div class='grid'>{items}</div></body></html>"))


def test_keynote_cards_above_the_grid_are_read_too():
    def card(cls, n, t, c):
        return f"<div class='{cls}'><img src='/p.jpg'><h3 class='speaker-name'>{n}</h3><p class='speaker-title'>{t}, {c}</p></div>"

    keynotes = "".join(card("keynote-card big", *person) for person in LINEUP[:1])
    grid = "".join(card("speaker-card", *person) for person in LINEUP[1:])
    sponsors = "".join(f"<div class='tile'><img src='/img/{c}.png'><h3>{c} Group</h3></div>" for c in ("Lumen", "Kettle", "Orbital"))
    parsed = parse_page(page(f"<html><body><section>{keynotes}</section><section><div class='grid'>{grid}</div></section>"
                             f"<section id='sponsors'><div class='row'>{sponsors}</div></section></body></html>"))
    assert [(p["name"], p["title"], p["company"]) for p in parsed.people] == LINEUP  # in page order, no sponsors


def test_page_sections_under_headings_are_not_people():
    sections = "".join(f"<h2>{h}</h2><p>{p}</p>" for h, p in [("About", "The yearly gathering of data people."),
                                                              ("Venue", "Harbor Hall, Pier 4"), ("Tickets", "From 120 EUR.")])
    with pytest.raises(NoPeopleFound):
        parse_page(page(f"<html><body>{sections}</body></html>"))


def test_sponsor_tiles_are_not_people():
    tiles = "".join(f'<li class="sponsor"><a href="http://c{i}.example/"><img src="/logo{i}.png" alt="Logo"> Acme {i} Group</a></li>'
                    for i in range(5))
    parsed = parse_page(page(f"<html><body><ul>{tiles}</ul></body></html>"))
    assert not parsed.people
    assert [o["name"] for o in parsed.organizations] == [f"Acme {i} Group" for i in range(5)]


def test_recipe_overrides_heuristics(tmp_path):
    recipe = tmp_path / "site.yaml"
    recipe.write_text('card: "article.person"\nname: "h3"\ntagline: ".tagline"\nimage: "img@src"\n')
    source = tmp_path / "speakers.html"
    source.write_text(CARDS, encoding="utf-8")
    event = read_event(str(source), recipe=recipe)
    assert len(event.people) == 4
    with pytest.raises(ParseError, match="unknown recipe keys: nmae"):
        recipe.write_text('card: "x"\nname: "h3"\nnmae: "y"\n')
        read_event(str(source), recipe=recipe)


def test_frab_xml(tmp_path):
    xml = """<?xml version="1.0"?><schedule><conference><title>Camp</title><start>2027-01-01</start></conference>
    <day index="1" date="2027-01-01"><room name="A"><event id="1"><date>2027-01-01T10:00:00+01:00</date>
    <start>10:00</start><duration>00:45</duration><room>A</room><title>Talk one</title><type>talk</type>
    <persons><person id="7">erdgeist</person><person id="8"> Laura Poitras</person></persons></event>
    <event id="2"><date>2027-01-01T11:00:00+01:00</date><duration>01:00</duration><title>Talk two</title>
    <persons><person id="9">Laura Poitras</person></persons></event></room></day></schedule>"""
    parsed = parse_page(page(xml, "http://camp.example/schedule.xml", "application/xml"))
    assert sorted(p["name"] for p in parsed.people) == ["Laura Poitras", "erdgeist"]
    assert parsed.sessions[0]["end"] == "2027-01-01T10:45:00+01:00"


CALENDAR = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:{prodid}\r
X-WR-CALNAME:DemoCon 2027\r
BEGIN:VEVENT\r
UID:talk-1\r
SUMMARY:Scaling joins - Data Science - Amara Okafor, Benedikt Strauss\r
DTSTART;TZID=Europe/Berlin:20270301T100000\r
DTEND;TZID=Europe/Berlin:20270301T104500\r
LOCATION:Room A\r
DESCRIPTION:How we made joins fast.\r
END:VEVENT\r
BEGIN:VEVENT\r
SUMMARY:Opening\r
DTSTART:20270301T080000Z\r
DURATION:PT15M\r
DESCRIPTION:Speaker: Chiara Romano\\nWelcome to the conference\r
END:VEVENT\r
BEGIN:VEVENT\r
SUMMARY:Workshop: edge ML\r
DTSTART:20270302T090000Z\r
DTEND:20270302T120000Z\r
ATTENDEE;CN="Dmitri Volkov";ROLE=CHAIR:mailto:d@example.org\r
ATTENDEE;CN=Room Booking;ROLE=NON-PARTICIPANT:mailto:r@example.org\r
CATEGORIES:Workshop,ML\r
END:VEVENT\r
BEGIN:VEVENT\r
SUMMARY:Community day\r
DTSTART;VALUE=DATE:20270303\r
DTEND;VALUE=DATE:20270304\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_ical_schedule_sessions_and_speakers():
    text = CALENDAR.format(prodid="-//pretalx//cfp.example//democon")
    parsed = parse_page(page(text, url="http://cfp.example/schedule.ics", content_type="text/calendar"))
    assert parsed.reader == "ical" and parsed.info["name"] == "DemoCon 2027"
    talk, opening, workshop, day = parsed.sessions
    assert (talk["title"], talk["speakers"], talk["room"]) == ("Scaling joins - Data Science",
                                                               ["Amara Okafor", "Benedikt Strauss"], "Room A")
    assert (talk["start"], talk["end"], talk["day"]) == ("2027-03-01T10:00:00+01:00", "2027-03-01T10:45:00+01:00", "2027-03-01")
    assert (opening["speakers"], opening["end"]) == (["Chiara Romano"], "2027-03-01T08:15:00+00:00")
    assert (workshop["speakers"], workshop["track"]) == (["Dmitri Volkov"], "Workshop, ML")
    assert (day["start"], day["end"], day["speakers"]) == ("2027-03-03", "2027-03-03", [])
    assert [p["name"] for p in parsed.people] == ["Amara Okafor", "Benedikt Strauss", "Chiara Romano", "Dmitri Volkov"]


def test_ical_summary_names_only_in_pretalx_form():
    parsed = parse_page(page(CALENDAR.format(prodid="-//Example Corp//Calendar//EN"), url="http://x.example/cal.ics",
                             content_type="text/calendar"))
    assert parsed.sessions[0]["title"] == "Scaling joins - Data Science - Amara Okafor, Benedikt Strauss"
    assert parsed.sessions[0]["speakers"] == []  # "Data Science" and the rest could be anything here


def test_malformed_ical_names_the_source_and_one_bad_time_costs_only_that_time():
    with pytest.raises(ParseError, match="cal.ics.*malformed iCalendar"):
        parse_page(page("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:not-a-date\r\nEND:VCALENDAR\r\n",
                        url="http://x.example/cal.ics", content_type="text/calendar"))
    events = "".join(f"BEGIN:VEVENT\r\nSUMMARY:{t}\r\nDTSTART:{d}\r\nEND:VEVENT\r\n"
                     for t, d in [("Broken", "not-a-date"), ("Fine", "20270101T100000Z")])
    parsed = parse_page(page(f"BEGIN:VCALENDAR\r\n{events}END:VCALENDAR\r\n", url="http://x.example/cal.ics",
                             content_type="text/calendar"))
    assert [(s["title"], s["start"]) for s in parsed.sessions] == [("Broken", ""), ("Fine", "2027-01-01T10:00:00+00:00")]


def test_ical_links_are_http_only():
    events = "".join(f"BEGIN:VEVENT\r\nSUMMARY:{t}\r\nURL:{u}\r\nEND:VEVENT\r\n"
                     for t, u in [("Bad", "javascript:alert(1)"), ("Local", "file:///etc/passwd"), ("Good", "https://a.example/t/1")])
    parsed = parse_page(page(f"BEGIN:VCALENDAR\r\n{events}END:VCALENDAR\r\n", url="http://x.example/cal.ics",
                             content_type="text/calendar"))
    assert [s["source_url"] for s in parsed.sessions] == ["http://x.example/cal.ics"] * 2 + ["https://a.example/t/1"]


def test_xml_entity_bomb_is_refused():
    bomb = """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>
    <schedule><conference><title>&lol2;</title></conference><day date="2027-01-01"></day></schedule>"""
    with pytest.raises(ParseError, match="entities"):
        parse_page(page(bomb, "http://camp.example/schedule.xml", "application/xml"))


def test_malformed_json_names_file_and_position():
    with pytest.raises(ParseError, match=r"sessionize.json at line 1, column \d+: malformed JSON"):
        parse_page(page('{"speakers": [{"fullName": "A B",}]}', "http://x.example/sessionize.json", "application/json"),
                   kind="sessionize")


def test_csv_without_name_column_lists_columns():
    with pytest.raises(ParseError, match="no name column.*'Ticket', 'Price'"):
        parse_page(page("Ticket,Price,Date\nA,1,2\n", "file.csv", "text/csv"))


def test_csv_columns_are_found_by_their_words():
    text = ("Order #,Ticket Name,Registrant First Name,Registrant Last Name,Email opt-in,E-mail Address,"
            "Company / Organization,Company Website,Job Title (optional),Attendee LinkedIn profile URL\n"
            "1001,Early bird,Chidi,Okafor,yes,chidi@example.org,Harbor Data,https://harbordata.example,"
            "Staff Engineer,https://www.linkedin.com/in/chidi\n")
    person = parse_page(page(text, url="http://event.example/export.csv", content_type="text/csv")).people[0]
    assert (person["name"], person["email"], person["company"], person["title"]) == (
        "Chidi Okafor", "chidi@example.org", "Harbor Data", "Staff Engineer")
    assert person["links"] == {"website": "https://harbordata.example", "linkedin": "https://www.linkedin.com/in/chidi"}


JSON_SHAPES = {  # person lists as site APIs and static-site generators write them
    "nested company": lambda: {"data": {"speakers": [{"id": i, "name": n, "jobTitle": t, "company": {"name": c}}
                                                     for i, (n, t, c) in enumerate(LINEUP)]}},
    "first and last names": lambda: [{"firstName": n.split()[0], "lastName": n.split()[1], "position": t,
                                      "organization": c} for n, t, c in LINEUP],
    "capitalised keys": lambda: {"Speakers": [{"Name": n, "Title": t, "Company": c} for n, t, c in LINEUP]},
    "graphql edges": lambda: {"data": {"event": {"speakers": {"edges": [
        {"node": {"fullName": n, "jobTitle": t, "companyName": c}} for n, t, c in LINEUP]}}}},
    "tagline and socials": lambda: [{"name": n, "headline": f"{t} at {c}", "image": {"url": f"/img/{i}.jpg"},
                                     "social": {"linkedin": f"https://www.linkedin.com/in/p{i}"}}
                                    for i, (n, t, c) in enumerate(LINEUP)],
}


@pytest.mark.parametrize("shape", list(JSON_SHAPES))
def test_json_people_in_any_shape(shape):
    text = json.dumps(JSON_SHAPES[shape]())
    parsed = parse_page(page(text, url="http://event.example/api/speakers.json", content_type="application/json"))
    assert parsed.reader == "data-people"
    assert [(p["name"], p["title"], p["company"]) for p in parsed.people] == LINEUP
    if shape == "tagline and socials":
        assert parsed.people[1]["image_url"] == "http://event.example/img/1.jpg"
        assert parsed.people[1]["links"] == {"other": ["https://www.linkedin.com/in/p1"]}


def _lineup_files():
    """The same three people in each data syntax and shape that conference sites keep them in."""
    (n1, t1, c1), (n2, t2, c2), (n3, t3, c3) = LINEUP
    yaml_text = "".join(f"- name: {n.split()[0]}\n  surname: {n.split()[1]}\n  title: {t}\n  company: {c}\n"
                        "  bio: >\n    Builds things.\n" for n, t, c in LINEUP)
    toml_text = "".join(f'[speakers.{i:02}]\nname = "{n}"\nposition = "{t}"\naffiliation = "{c}"\n'
                        f'title = "Why small tools win the long game"\n\n' for i, (n, t, c) in enumerate(LINEUP))
    js_text = ("// generated\nvar speakerData = {records: [" + ",".join(
        f"{{speaker_name: '{n}', job_title: '{t}', company: '{c}', sessions: [{{session_name: 'Room talk'}}],}}"
        for n, t, c in LINEUP) + "]};")
    xml_text = ("<?xml version='1.0'?><archive>" + "".join(
        f"<meeting><venue><name>Main Hall</name><city>Oslo</city></venue><sub><title>On proofs</title>"
        f"<speaker><stitle>Dr</stitle><first>{n.split()[0]}</first><last>{n.split()[1]}</last>"
        f"<affiliation>{c}</affiliation><position>{t}</position></speaker></sub></meeting>" for n, t, c in LINEUP)
        + "</archive>")
    schedule = {"2027-05-04 09:00": {"title_en": "Opening", "speakers": [None]},
                **{f"2027-05-04 1{i}:00": {"title_en": f"Talk {i}", "room": {"name": "Keynote Hall"},
                                           "speakers": [{"id": n.split()[0].lower(), "name_en": n, "name_ja": "ー",
                                                         "speaker_title_en": t, "company_en": c}]}
                   for i, (n, t, c) in enumerate(LINEUP)}}
    lenient = "{\n // a comment\n 'speakers': [" + ",".join(
        f'{{"name": "{n}", "role": "{t}", "organisation": "{c}",}}' for n, t, c in LINEUP) + "],\n}"
    return {"speakers.yml": yaml_text, "speakers.toml": toml_text, "speakers.js": js_text, "meetings.xml": xml_text,
            "schedule.json": json.dumps(schedule), "lenient.json": lenient}


@pytest.mark.parametrize("name", list(_lineup_files()))
def test_data_files_of_any_syntax_and_nesting(name):
    text = _lineup_files()[name]
    parsed = parse_page(page(text, url=f"http://event.example/data/{name}", content_type=""))
    assert parsed.reader == "data-people", name
    assert [(p["name"], p["title"], p["company"]) for p in parsed.people] == LINEUP


def test_names_in_plain_lists_and_references_by_slug():
    data = {"speakers": [{"id": "ann-lee", "name": "ann lee", "bio": "Writes compilers."}],
            "sessions": [{"title": "Fast parsers", "speakers": ["ann-lee"]},
                         {"title": "Panel", "speakers": ["Bob Ray", "TBA"], "room": {"name": "Hall Two"}}]}
    parsed = parse_page(page(json.dumps(data), url="http://event.example/all.json", content_type="application/json"))
    assert [p["name"] for p in parsed.people] == ["ann lee", "Bob Ray"]


def test_luma_style_csv_names():
    csv_text = "name,first_name,last_name,email,approval_status\n,Hana,Sato,h@x.example,approved\n\"Okafor, Chidi\",,,c@x.example,waitlist\nAlex,,,,declined\n"
    names = [p["name"] for p in parse_page(page(csv_text, "guests.csv", "text/csv")).people]
    assert names == ["Hana Sato", "Chidi Okafor", "Alex"]


def test_sessionize_all(tmp_path):
    data = {"speakers": [{"id": "u1", "fullName": "Katharina Sick", "tagLine": "Software Engineer at Dynatrace",
                          "sessions": [1], "links": [{"linkType": "LinkedIn", "url": "https://linkedin.com/in/ks"}]}],
            "sessions": [{"id": 1, "title": "Platforms", "startsAt": "2027-05-01T10:00:00", "roomId": 3, "speakers": ["u1"]}],
            "rooms": [{"id": 3, "name": "Hall 1"}]}
    parsed = parse_page(page(json.dumps(data), "http://x.example/all.json", "application/json"))
    assert parsed.people[0]["title"] == "Software Engineer" and parsed.people[0]["talks"] == ["Platforms"]
    assert parsed.sessions[0]["room"] == "Hall 1" and parsed.sessions[0]["speakers"] == ["Katharina Sick"]


def test_sessionize_speakers_without_tagline_answer_custom_questions():
    data = [{"id": "u2", "fullName": "Ana Lima", "tagLine": "", "questionAnswers": [
        {"question": "Company", "answer": "Quayside Logistics"}, {"question": "Job Title", "answer": "Data Engineer"},
        {"question": "T-shirt size", "answer": "M"}]}]
    person = parse_page(page(json.dumps(data), "http://x.example/speakers.json", "application/json")).people[0]
    assert (person["title"], person["company"]) == ("Data Engineer", "Quayside Logistics")


def test_pretalx_api_pagination(web, fetcher):
    base = "http://pretalx.example/api/events/demo/speakers/"
    web.route(base, Reply(200, json.dumps(
        {"count": 2, "next": base + "?page=2", "results": [{"code": "A", "name": "Ana Lima", "biography": "Builds things."}]}),
        {"Content-Type": "application/json"}))
    web.route(base + "?page=2", Reply(200, json.dumps(
        {"count": 2, "next": None, "results": [{"code": "B", "name": "Bo Chen [Acme]"}]}), {"Content-Type": "application/json"}))
    event = read_event(base, fetcher=fetcher)
    assert list(event.people["name"]) == ["Ana Lima", "Bo Chen"]
    assert event.people.set_index("name").loc["Bo Chen", "company"] == "Acme"


def test_a_paginated_speaker_list_is_read_page_by_page(web, fetcher):
    base = "http://paged.example/speakers/"

    def listing(people, next_href):
        cards = "".join(f"<div class='speaker'><img src='/p.jpg'><h3>{n}</h3><p>{t}, {c}</p></div>" for n, t, c in people)
        more = f"<nav class='pagination'><a href='/speakers/'>1</a> <a href='{next_href}'>Next ›</a></nav>" if next_href else ""
        return Reply(200, f"<html><body><div class='grid'>{cards}</div>{more}</body></html>", {"Content-Type": "text/html"})

    web.route(base, listing(LINEUP[:2], "/speakers/page/2/"))
    web.route(base + "page/2/", listing(LINEUP[2:], "/speakers/page/3/"))  # one on the last page; page 3 is missing
    web.route("http://paged.example/speakers/page/3/", Reply(404, "gone", {"Content-Type": "text/plain"}))
    event = read_event(base, fetcher=fetcher)
    assert sorted(event.people["name"]) == sorted(n for n, _, _ in LINEUP)


def test_page_without_people_is_an_error_naming_readers():
    with pytest.raises(NoPeopleFound, match="readers tried"):
        parse_page(page("<html><body><p>Tickets on sale soon.</p></body></html>"))


def _ld(data) -> str:
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


def test_json_ld_people_in_an_item_list():
    items = [{"@type": "ListItem", "position": i, "item": {"@type": "Person", "name": n, "jobTitle": t,
                                                           "worksFor": {"@type": "Organization", "name": c}}}
             for i, (n, t, c) in enumerate(LINEUP, 1)]
    parsed = parse_page(page(f"<html><head>{_ld({'@context': 'https://schema.org', '@type': 'ItemList', 'itemListElement': items})}"
                             "</head><body></body></html>"))
    assert [(p["name"], p["title"], p["company"]) for p in parsed.people] == LINEUP


def test_a_page_authors_json_ld_person_does_not_hide_the_speaker_grid():
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage", "name": "Speakers"},
                                                          {"@type": "Person", "name": "Site Admin"}]}
    cards = "".join(f"<div class='speaker'><img src='/p/{i}.jpg'><h3>{n}</h3><p>{t}, {c}</p></div>"
                    for i, (n, t, c) in enumerate(LINEUP))
    parsed = parse_page(page(f"<html><head>{_ld(graph)}</head><body><div class='grid'>{cards}</div></body></html>"))
    assert [(p["name"], p["title"], p["company"]) for p in parsed.people] == LINEUP
    # people of an Event are not loose items: they stand even beside a bigger grid
    event = {"@context": "https://schema.org", "@type": "Event", "name": "Summit", "performer": {"@type": "Person", "name": "Site Admin"}}
    parsed = parse_page(page(f"<html><head>{_ld(event)}</head><body><div class='grid'>{cards}</div></body></html>"))
    assert [p["name"] for p in parsed.people] == ["Site Admin"]


def test_detection_prefers_structured_readers():
    html = '<html><script type="application/ld+json">{"@type": "Event"}</script><body></body></html>'
    names = [r.name for r in candidates(html, "http://x.example/", "html")]
    assert names.index("schema.org") < names.index("html-cards")


def test_empty_frames_have_all_columns():
    assert list(empty("people").columns) == list(PEOPLE)
    assert list(empty("sessions").columns) == list(SESSIONS)


def test_schedule_page_follows_its_machine_readable_data(fetcher, web):
    event = read_event("http://harbordata.example/schedule/", fetcher=fetcher)
    assert len(event.sessions) == 29 and "Ava Jansen" in set(event.people["name"])
    assert ("harbordata.example", "/schedule.xml") in web.log


def test_pretalx_schedule_widget_page_reads_widget_json(fetcher, web):
    widget = {"talks": [{"code": "T1", "title": {"en": "Open data"}, "speakers": ["S1"], "room": 1,
                         "start": "2027-05-01T10:00:00+02:00"}],
              "rooms": [{"id": 1, "name": {"en": "Hall"}}], "speakers": [{"code": "S1", "name": "Ana Lima [Acme]"}]}
    web.route("http://pretalx.example/conf/schedule/", Reply(200, '<html><body><pretalx-schedule event-url="/conf/">'
                                                                  "</pretalx-schedule></body></html>"))
    web.route("http://pretalx.example/conf/schedule/widgets/schedule.json",
              Reply(200, json.dumps(widget), {"Content-Type": "application/json"}))
    event = read_event("http://pretalx.example/conf/schedule/", fetcher=fetcher)
    assert event.people.iloc[0]["company"] == "Acme" and event.sessions.iloc[0]["room"] == "Hall"


def _calendar(organizers):
    events = "".join(f"BEGIN:VEVENT\r\nUID:{i}@camp\r\nDTSTART:2027060{i % 3 + 1}T10{i}000Z\r\nSUMMARY:Talk {i}\r\n"
                     f"ORGANIZER;CN={cn}:MAILTO:info@camp.example\r\nEND:VEVENT\r\n" for i, cn in enumerate(organizers))
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//camp//EN\r\n{events}END:VCALENDAR\r\n"


def test_calendar_hosts_in_organizer_when_they_change_per_session():
    text = _calendar(["Ann Lee", '"Bob Ray, Chiara Romano"', "fabio rossi aka Ryuw", "TBA"])
    parsed = parse_page(page(text, "http://camp.example/schedule.ics", "text/calendar"))
    assert [p["name"] for p in parsed.people] == ["Ann Lee", "Bob Ray", "Chiara Romano", "fabio rossi aka Ryuw"]
    assert parsed.sessions[1]["speakers"] == ["Bob Ray", "Chiara Romano"]
    one_owner = _calendar(["Camp Team"] * 4)  # the calendar's owner, not its speakers
    assert not parse_page(page(one_owner, "http://camp.example/all.ics", "text/calendar")).people


def test_ticket_exports_name_the_ticket_holder_not_the_buyer():
    text = ("Number,Ticket,Ticket Full Name,Ticket First Name,Ticket Last Name,Order Name,Order Email\n"
            "1,Learner,Jonas Weber,Jonas,Weber,Jonas Weber,j@x.example\n"
            "2,Learner,Aylin Demir,Aylin,Demir,Jonas Weber,j@x.example\n"
            "3,Learner,,,,Sophie Martin,s@x.example\n"
            "4,Mentor,Dr. Priya Natarajan,Priya,Natarajan,Priya Natarajan,p@x.example\n"
            "5,Mentor,Ben Okafor (Acme GmbH),Ben,Okafor (Acme GmbH),Ben Okafor,b@x.example\n")
    people = parse_page(page(text, "tickets.csv", "text/csv")).people
    assert [(p["name"], p["company"]) for p in people] == [("Jonas Weber", ""), ("Aylin Demir", ""),
                                                           ("Priya Natarajan", ""), ("Ben Okafor", "Acme GmbH")]


def test_the_name_column_decides_and_heading_permalinks_are_not_names():
    cards = "".join(f"<div class='prof'><h3 class='who'>{n}<a class='headerlink' href='#p{i}'>¶</a></h3>"
                    f"<p class='card-title'>{t} @ <a href='https://{c.split()[0].lower()}.example'>{c}</a></p></div>"
                    for i, (n, t, c) in enumerate(LINEUP + [("dana lowe", "Data Engineer", "Kettle Labs")]))
    people = parse_page(page(f"<html><body><h1>Speakers</h1>{cards}</body></html>")).people
    assert [(p["name"], p["title"], p["company"]) for p in people] == LINEUP + [("dana lowe", "Data Engineer",
                                                                                "Kettle Labs")]


def test_a_job_word_in_another_language_under_a_vague_class_is_the_title():
    cards = "".join(f"<a class='portrait' href='/p/{i}'><span class='portrait-name'>{n}</span>"
                    f"<span class='portrait-description'>Relatrice</span><span class='portrait-affiliation'>{c}</span></a>"
                    for i, (n, _, c) in enumerate(LINEUP))
    people = parse_page(page(f"<html><body>{cards}</body></html>")).people
    assert [(p["title"], p["company"]) for p in people] == [("Relatrice", c) for _, _, c in LINEUP]


SPONSOR_PAGE = """<html><head><title>Sponsors | Data Days</title></head><body>
<nav><a href="/">Home</a><a href="/speakers/">Speakers</a></nav>
<h2>Gold Sponsors</h2>
<div class="grid"><a href="https://www.acme.example/"><img src="/img/acme.png" alt="Acme Analytics logo"></a>
<a href="https://kettle.example/"><img src="/img/kettle-labs_logo.svg"></a></div>
<h2>Community Partners</h2>
<ul><li><a href="https://pyladies.example/">PyLadies Oslo</a></li>
<li><a href="https://twitter.com/datadays">Follow us</a></li></ul>
<a href="/sponsorship/"><img src="/img/you.png" alt="Become a sponsor"></a>
<h2>Our speakers</h2><h3>Ann Lee</h3><p>CTO, <a href="https://zed.example/">Zed</a></p>
<footer><div class="organizers"><h4>Organized by</h4><a href="https://gdg.example/"><img src="/g.png" alt="GDG Oslo"></a></div></footer>
</body></html>"""


def test_sponsors_partners_and_organisers_from_logo_grids_and_link_lists():
    orgs = parse_page(page(SPONSOR_PAGE, url="http://datadays.example/sponsors/")).organizations
    assert [(o["name"], o["kind"], o["url"]) for o in orgs] == [
        ("Acme Analytics", "sponsor", "https://www.acme.example/"), ("Kettle Labs", "sponsor", "https://kettle.example/"),
        ("PyLadies Oslo", "partner", "https://pyladies.example/"), ("GDG Oslo", "organizer", "https://gdg.example/")]
    assert orgs[0]["tier"] == "Gold Sponsors"


def test_a_logo_without_alt_text_is_named_by_the_file_or_folder_that_spells_its_site():
    tiles = "".join(f'<a href="{href}"><img src="{src}"></a>' for href, src in (
        ("https://www.growthaccelerationpartners.example/", "/sponsors/growth-acceleration-partners/GAP.svg"),
        ("https://www.ibm.example/co/", "/sponsors/e-ibm/ibm.svg"),
        ("https://landing.ai/", "/sponsors/landing-ai/logo.svg"),
        ("https://www.javeriana.edu.co/", "/sponsors/pontificia-universidad-javeriana/javeriana.svg")))
    html = f"<html><body><h1>Sponsors</h1><h2>Gold</h2>{tiles}</body></html>"
    orgs = parse_page(page(html, url="http://conf.example/sponsors/")).organizations
    assert [o["name"] for o in orgs] == ["Growth Acceleration Partners", "IBM", "Landing AI",
                                         "Pontificia Universidad Javeriana"]


def test_an_unnamed_logo_takes_the_company_name_of_people_who_link_its_site(settings, web):
    web.route("http://fest.example/speakers/", Reply(200, "<html><body><h1>Speakers</h1>" + "".join(
        f'<div class="speaker"><a href="{site}"><img src="/p{i}.jpg"></a><h3>{name}</h3><div class="more">{company}</div></div>'
        for i, (name, company, site) in enumerate((("Sylwia Nowak", "Progressive Partners", "http://progressivepartners.example"),
                                                   ("Tom Kay", "encode.org", "https://encode.org/"),
                                                   ("Ada Lind", "Kettle Labs", "https://kettle.example/"))))
        + "</body></html>"))
    web.route("http://fest.example/partners/", Reply(200, '<html><body><h1>Partners</h1>'
                                                          '<a href="http://progressivepartners.example/"><img src="/up/progressive.png"></a>'
                                                          '<a href="https://encode.org/"><img src="/up/encode-1.png"></a>'
                                                          '<a href="http://mttp.example/"><img src="/up/think.png"></a></body></html>'))
    event = read_event(["http://fest.example/speakers/", "http://fest.example/partners/"], settings=settings,
                       max_site_pages=0)
    assert list(event.organizations["name"]) == ["Progressive Partners", "encode.org", "Think"]


@pytest.mark.parametrize("raw, expected", [
    ("Daniel Lange (DLange)", ("Daniel Lange (DLange)", "")),  # a handle that spells the name
    ("Guido Schmitz (gtrs)", ("Guido Schmitz (gtrs)", "")),  # a lower-case handle
    ("_Adora_Belle_", ("_Adora_Belle_", "")),
    ("Ali Jelveh (Protonet)", ("Ali Jelveh", "Protonet")),
    ("Bob Ray (predic8)", ("Bob Ray", "predic8")),  # digits: a company's name
    ("Ann Lee (VisionMobile)", ("Ann Lee", "VisionMobile")),
    ("Lim Ci Wen (Charles)", ("Lim Ci Wen (Charles)", "")),  # a given name in brackets: their other name
    ("Amar Agarwal (India)", ("Amar Agarwal", "India")),  # a country is where they come from, not a name
])
def test_split_name_org_keeps_handles_in_the_name(raw, expected):
    assert split_name_org(raw) == expected


def test_a_speakers_table_with_a_talks_column_gives_talks_not_companies_and_drops_the_cancelled(settings, web):
    rows = "".join(f'<tr><td><a href="/people/{i}.html">{name}</a></td><td><ul>'
                   + "".join(f'<li><a href="/events/{i}{k}.html">{t}</a></li>' for k, t in enumerate(talks))
                   + "</ul></td></tr>"
                   for i, (name, talks) in enumerate((("Ada Lind", ["Streams at scale"]),
                                                      ("kirschju", ["Back to the 16bit Era -- CANCELLED"]),
                                                      ("Ravi Menon", ["Space Flyers", "Open ledgers"]),
                                                      ("Maria Ortiz", ["Kind code reviews"]))))
    web.route("http://camp.example/speakers.html", Reply(200, f"<html><body><h1>Speakers</h1><table>{rows}</table></body></html>"))
    event = read_event("http://camp.example/speakers.html", settings=settings, max_site_pages=0)
    people = event.people.set_index("name")
    assert sorted(people.index) == ["Ada Lind", "Maria Ortiz", "Ravi Menon"]  # kirschju's only talk is cancelled
    assert people["company"].isna().all() and "Open ledgers" in people.loc["Ravi Menon", "talks"]


def test_a_featured_speaker_whose_text_says_they_cancelled_is_not_planned(tmp_path):
    cards = "".join(f"<article><h2>{name}</h2><p>{bio}</p></article>" for name, bio in (
        ("Ann Lee", "Ann builds streaming systems at Kettle Labs and writes about them."),
        ("Chris Doe", "Chris wrote a web framework. Cancelled: It looks like Chris won't be able to join us this year."),
        ("Ben Ray", "Ben maintains a popular testing library and teaches it.")))
    source = tmp_path / "featured.html"
    source.write_text(f"<html><body><h1>Featured speakers</h1>{cards}</body></html>", encoding="utf-8")
    assert sorted(read_event(str(source)).people["name"]) == ["Ann Lee", "Ben Ray"]


def test_a_card_that_is_one_big_link_still_has_its_lines_read():
    cards = "".join(f"<div class='col'><a href='/speakers/p{i}/'><article class='post'><img src='/p{i}.jpg' alt='x'>"
                    f"<div class='post-content'><h3>{n}</h3><p>{t} @ {c}</p><h3><b>Why small tools win</b></h3></div>"
                    f"</article></a></div>" for i, (n, t, c) in enumerate(LINEUP))
    people = parse_page(page(f"<html><body>{cards}</body></html>")).people
    assert [(p["name"], p["title"], p["company"]) for p in people] == LINEUP


def test_a_logo_class_on_the_page_body_does_not_make_every_card_a_sponsor_tile():
    cards = "".join(f"<div class='speaker'><img class='speaker-photo' src='/p{i}.jpg'><div class='info'>"
                    f"<div class='col'>{n}<div class='long-desc'>{'Builds teams and tools. ' * 5}</div></div></div>"
                    f"<div class='more'>{c}</div></div>" for i, (n, _, c) in enumerate(LINEUP))
    html = f"<html><body class='archive wp-custom-logo'><div class='speakers'>{cards}</div></body></html>"
    people = parse_page(page(html)).people
    assert [(p["name"], p["company"]) for p in people] == [(n, c) for n, _, c in LINEUP]


@pytest.mark.parametrize("lines, expected", [
    (["Co-Organizador (Speakers)", "Voluntaria", "(Coordinadora de Logística)"],
     [("Co-Organizador (Speakers)", ""), ("Voluntaria", ""), ("Coordinadora de Logística", "")]),
    (["Eurobits", "Guide Smiths", "Cloudappi"], [("", "Eurobits"), ("", "Guide Smiths"), ("", "Cloudappi")]),
])
def test_the_page_decides_what_its_job_marked_line_holds(lines, expected):
    cards = "".join(f"<div class='team'><img src='/p{i}.jpg' alt=''><div class='speaker-name'>{n}</div>"
                    f"<div class='speaker-position'>{line}</div></div>" for i, ((n, _, _), line) in enumerate(zip(LINEUP, lines)))
    people = parse_page(page(f"<html><body>{cards}</body></html>")).people
    assert [(p["title"], p["company"]) for p in people] == expected


@pytest.mark.parametrize("tagline", ["Curiosity is everything", "Javascript Junkie", "I like to make stuff",
                                     "Guy that's learning stuff", "Salty Spaghetti - Dev by day, gamer by night",
                                     "Wandering Mind, Reformed Designer", "Faster by Habit, Kinder by Choice"])
def test_a_slogan_gives_neither_title_nor_company(tagline):
    assert split_tagline(tagline) == ("", "")


@pytest.mark.parametrize("tagline, expected", [
    ("Head of Data, Head of AI", ("Head of Data, Head of AI", "")), ("Managing Partner, Leading Edge", ("Managing Partner", "Leading Edge")),
    ("Staff Engineer, Kettle Labs", ("Staff Engineer", "Kettle Labs")),
])
def test_two_roles_or_a_role_and_its_firm_are_no_motto_however_alike_their_halves(tagline, expected):
    assert split_tagline(tagline) == expected


@pytest.mark.parametrize("company", ["This American Life", "Free Your Birds", "CSC - IT Center for Science",
                                     "Brumbrum.it/Aqquadro.it", "University at Buffalo", "heart hands"])
def test_names_of_firms_are_not_slogans(company):
    assert split_tagline(company)[1]


def test_a_label_on_many_cards_is_not_a_company_and_companies_are_not_people(tmp_path):
    cards = "".join(f"<div class='card'><img src='/p{i}.jpg' alt=''><h3>{n}</h3><p>{t} @ {c}</p>"
                    f"<div class='tip'>eng</div></div>" for i, (n, t, c) in enumerate(LINEUP))
    cards += "".join(f"<div class='card'><img src='/c{i}.jpg' alt=''><h3>{c}</h3><p>Company track</p>"
                     f"<div class='tip'>eng</div></div>" for i, (_, _, c) in enumerate(LINEUP[:2]))
    cards += "<div class='card'><img src='/x.jpg' alt=''><h3>Dana Lowe</h3><div class='tip'>eng</div></div>"
    source = tmp_path / "speakers.html"
    source.write_text(f"<html><body>{cards}</body></html>", encoding="utf-8")
    people = read_event(str(source)).people
    assert people["name"].tolist() == [n for n, _, _ in LINEUP] + ["Dana Lowe"]
    assert people["company"].fillna("").tolist()[-1] == ""


def test_a_class_of_lower_case_tags_on_the_cards_is_a_label_column():
    tags = ["workshop - it", "eng", "workshop - eng"]
    cards = "".join(f"<div class='card'><img src='/p{i}.jpg' alt=''><h3>{n}</h3><p>{t}</p>"
                    f"<div class='blog-tip'>{tag}</div></div>" for i, ((n, t, _), tag) in enumerate(zip(LINEUP, tags)))
    people = parse_page(page(f"<html><body>{cards}</body></html>")).people
    assert [(p["title"], p["company"]) for p in people] == [(t, "") for _, t, _ in LINEUP]


COMMITTEE = """<html><body><h2>Organising committee</h2><table><thead><tr><th>Position</th><th>Name</th>
<th>Affiliation</th></tr></thead><tbody>
<tr><td rowspan="2">PC Chairs <a href="mailto:pc@conf.example">pc@conf.example</a></td><td class="name">Ann Lee</td><td>NVIDIA</td></tr>
<tr><td class="name">Bob Ray</td><td>Sandia National Laboratories</td></tr>
<tr><td>General Chair</td><td class="name">Cy Ng</td><td>Esperanto Technologies</td></tr></tbody></table>
<table><tr><th colspan="2">Steering Committee</th></tr>
<tr><td class="name">Dana Lowe (Chair)</td><td class="name">Fujitsu Limited</td></tr>
<tr><td class="name">Eve Park</td><td class="name">Intel Labs</td></tr>
<tr><td class="name">Ann Lee</td><td class="name">IBM Research</td></tr></table></body></html>"""


def test_committee_tables_are_read_by_their_columns_with_spans_and_no_affiliation_is_a_person():
    people = parse_page(page(COMMITTEE)).people
    assert [(p["name"], p["title"], p["company"]) for p in people] == [
        ("Ann Lee", "PC Chairs", "NVIDIA"), ("Bob Ray", "PC Chairs", "Sandia National Laboratories"),
        ("Cy Ng", "General Chair", "Esperanto Technologies"), ("Dana Lowe", "Chair", "Fujitsu Limited"),
        ("Eve Park", "", "Intel Labs")]


def test_a_list_of_name_and_affiliation_items_is_read_beside_the_cards():
    cards = "".join(f"<div class='member'><img src='/p{i}.jpg' alt=''><h3>{n}</h3><h4>{c}</h4></div>"
                    for i, (n, _, c) in enumerate(LINEUP))
    members = ["Mario Berta (AWS & Imperial College London, US/GB)", "Yanbao Zhang (NTT, JP)", "Anna Pappa (TU Berlin, DE)",
               "Ernest Tan (University of Waterloo, CA)", "Liang Jiang (University of Chicago, US)"]
    programme = "".join(f"<div class='slot'><strong>TALK {i}</strong><br>Ann Lee, Bob Ray (Acme)</div>" for i in range(6))
    html = f"<html><body>{cards}<h2>Programme committee</h2><ul>{''.join(f'<li>{m}</li>' for m in members)}</ul>" \
           f"{programme}</body></html>"
    people = parse_page(page(html)).people
    assert [p["name"] for p in people][len(LINEUP):] == ["Mario Berta", "Yanbao Zhang", "Anna Pappa", "Ernest Tan",
                                                         "Liang Jiang"]
    assert people[len(LINEUP)]["company"] == "AWS & Imperial College London"


def test_people_under_a_past_editions_heading_are_kept_and_marked(tmp_path):
    from prep.plan.meetings import plan_meetings

    now = "".join(f"<div class='s'><img src='/a{i}.jpg' alt=''><h3>{n}</h3><p>Data Engineer at Acme</p></div>"
                  for i, n in enumerate(["Ann Lee", "Bob Ray", "Cy Ng"]))
    before = "".join(f"<div class='s'><img src='/b{i}.jpg' alt=''><h3>{n}</h3><p>Data Engineer at Acme</p></div>"
                     for i, n in enumerate(["Dana Lowe", "Eve Park"]))
    html = (f"<html><head><title>Data Days 2020</title></head><body><h1>Data Days 2020</h1><p>March 3, 2020</p>"
            f"<h2>Speakers 2020</h2>{now}<h2>2019 speakers</h2>{before}</body></html>")
    source = tmp_path / "speakers.html"
    source.write_text(html, encoding="utf-8")
    event = read_event(str(source))
    editions = dict(zip(event.people["name"], event.people["edition"].fillna("")))
    assert editions == {"Ann Lee": "", "Bob Ray": "", "Cy Ng": "", "Dana Lowe": "2019", "Eve Park": "2019"}
    plan = plan_meetings(event, profile={"name": "Me", "interests": ["data engineering"]}, top=5).priorities
    assert plan["name"].tolist()[-2:] == ["Dana Lowe", "Eve Park"]  # this edition's people first


def test_an_app_shell_page_says_it_needs_javascript():
    shell = ('<html><head><title>Conf</title><script src="/a.js"></script><script src="/b.js"></script></head>'
             '<body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>')
    with pytest.raises(NoPeopleFound, match="builds its content with JavaScript"):
        parse_page(page(shell))


def test_organisers_named_in_running_text_and_placeholder_logos():
    html = ("<html><body><p>Speakers and talks.</p><h2>Sponsors</h2><a href='https://acme.example/'>"
            "<img src='/img/acme.png' alt='Acme'></a><a href='https://x.example/'><img src='/img/placeholder.png'></a>"
            "<a href='https://homeadvisor.example/'><img src='/img/home-advisor.png'></a>"
            "<p>Find HomeAdvisor at <a href='https://homeadvisor.example/'>HomeAdvisor</a></p>"
            "<footer><p>Organized by <a href='https://gdg.example/'>GDG Venezia</a>.</p></footer></body></html>")
    orgs = parse_page(page(html, url="http://conf.example/")).organizations
    assert {(o["name"], o["kind"]) for o in orgs} == {("Acme", "sponsor"), ("HomeAdvisor", "sponsor"),
                                                      ("GDG Venezia", "organizer")}


def test_a_second_view_of_the_same_people_fills_what_the_cards_left_out():
    cards = "".join(f"<div class='speaker'><img src='/p{i}.jpg' alt=''><h3 class='name'>{n}</h3><p class='company'>{c}</p></div>"
                    for i, (n, _, c) in enumerate(LINEUP))
    modals = "".join(f"<div class='modal'><h4 class='modal-title'>{n}</h4><h5 class='position'>{t}</h5>"
                     f"<p>{n.split()[0]} has built teams and data systems for over a decade and speaks about them at meetups.</p></div>"
                     for n, t, _ in LINEUP)
    people = parse_page(page(f"<html><body><div class='grid'>{cards}</div>{modals}</body></html>")).people
    assert [(p["name"], p["title"], p["company"]) for p in people] == LINEUP
    assert all(p["bio"] for p in people)


def test_a_page_with_nobody_says_what_each_reader_saw():
    with pytest.raises(NoPeopleFound, match=r"html-cards \(\d+ repeated blocks, none looked like people\)"):
        parse_page(page("<html><body><ul><li>Home</li><li>About</li><li>Contact</li></ul></body></html>"))


@pytest.mark.parametrize("tagline, expected", [
    ("《故事FM》声音设计", ("声音设计", "故事FM")), ("Himalaya Media内容总监", ("内容总监", "Himalaya Media")),
    ("轻芒联合创始人 CEO", ("联合创始人 CEO", "轻芒")), ("“This American Life”制作人", ("制作人", "This American Life")),
    ("看理想内容总监", ("内容总监", "看理想")),
])
def test_organisation_and_title_written_together_are_split(tagline, expected):
    assert split_tagline(tagline) == expected


def test_one_person_under_a_nickname_is_one_person_but_two_names_of_a_kind_stay_two():
    from prep.shape.frames import person_aliases

    records = [{"name": "Michael Bayer", "bio": "Author of SQLAlchemy."}, {"name": "Mike Bayer"},
               {"name": "Iván Roa", "title": "Design"}, {"name": "John Roa"},
               {"name": "Ivan Lozano", "links": {"linkedin": "http://linkedin.com/in/ivanovishx"}},
               {"name": "Jose Ivan Lozano Cabral", "links": {"linkedin": "http://linkedin.com/in/ivanovishx/"}}]
    assert person_aliases(records) == {"mike bayer": "Michael Bayer", "jose ivan lozano cabral": "Ivan Lozano"}
    respelled = [{"name": "John Roa"}, {"name": "Jhon Jairo Roa", "title": "Organizador"}, {"name": "Nicolas Roa"},
                 {"name": "Mario Diaz"}, {"name": "Maria Elena Diaz"}, {"name": "Ivan Petrov"}, {"name": "Ivna Sofia Petrov"}]
    assert person_aliases(respelled) == {"john roa": "Jhon Jairo Roa", "ivan petrov": "Ivna Sofia Petrov"}


def test_a_listed_speaker_a_full_programme_leaves_out_is_not_planned_but_a_partial_one_decides_nothing():
    from prep.shape.identity import who_is_who

    def records():
        people = [{"name": f"Speaker {chr(65 + i)}{chr(65 + i)}", "role": "speaker", "talks": [f"Talk number {i}"]}
                  for i in range(20)]
        return people + [{"name": "Rae Quill", "role": "speaker", "talks": ["Space Flyers"]},
                         {"name": "Ola Keynote", "role": "speaker", "talks": ["Opening keynote"]}]

    sessions = [{"title": f"Talk number {i}!", "speakers": [f"Speaker {chr(65 + i)}{chr(65 + i)}"]} for i in range(20)]
    sessions.append({"title": "Welcome", "speakers": ["Ola Keynote"]})  # in the programme under another title
    kept = {p["name"] for p in who_is_who(records(), sessions)}
    assert "Rae Quill" not in kept and "Ola Keynote" in kept and len(kept) == 21
    partial = sessions[:8]  # most listed talks missing: the schedule is not the whole programme
    assert len(who_is_who(records(), partial)) == 22


def test_text_every_speaker_page_repeats_is_the_sites_not_a_bio(settings, web):
    footer = ("<div class='foot'><p>© 2019 Python Example. Todos los derechos reservados. Código de Conducta | "
              "hello@python.example | Hecho con amor</p></div>")  # longer than the one real bio, on every page
    cards = "".join(f"<div class='speaker'><a href='/p/{i}/'><h3>{n}</h3></a><p>{c}</p></div>"
                    for i, (n, _, c) in enumerate(LINEUP))
    web.route("http://conf.example/speakers/", Reply(200, f"<html><body><h1>Speakers</h1>{cards}</body></html>"))
    for i, (n, t, c) in enumerate(LINEUP):
        bio = "<p>Builds stream processors and teaches them to new data teams every spring in Lagos and Accra.</p>" if i == 0 else ""
        web.route(f"http://conf.example/p/{i}/", Reply(200, f"<html><body><article><h1>{n}</h1><p>{t} at {c}</p>{bio}"
                                                          f"</article>{footer}</body></html>"))
    people = read_event("http://conf.example/speakers/", settings=settings, follow_profiles=True,
                        max_site_pages=0).people.set_index("name")
    assert people.loc[LINEUP[0][0], "bio"].startswith("Builds stream processors")
    assert people["bio"].fillna("").str.contains("derechos").sum() == 0


def test_a_modal_that_writes_the_job_inside_the_name_line_fills_the_cards_titles():
    people = (("Ann Lee", "CTO", "Acme"), ("Bo Chen", "Data Engineer", "Kettle Labs"), ("Cy Diaz", "Founder", "Quay"))
    cards = "".join(f"<div class='speaker'><h3>{n}</h3><p class='position'>{c}</p>"
                    f"<ul class='tags'><li>Nivel: Expert</li></ul></div>" for n, _, c in people)
    modals = "".join(f"<div class='modal'><div class='details'><p class='name'>{n} <span class='position'>{t}, {c}</span></p>"
                     f"<p class='about'>{n.split()[0]} has worked on data systems for many years and enjoys teaching.</p>"
                     f"</div><div class='level'><span>Nivel: Expert</span></div></div>" for n, t, c in people)
    found = parse_page(page(f"<html><body><div class='grid'>{cards}</div>{modals}</body></html>")).people
    assert [(p["name"], p["title"], p["company"]) for p in found] == list(people)


def test_an_affiliation_line_then_a_role_line_give_company_and_title():
    cards = "".join(f"<div class='member'><h3>{n}</h3><h4>{a}</h4><h4>{r}</h4><a href='https://x.example/{i}'>Site</a></div>"
                    for i, (n, a, r) in enumerate((("Bo-Yin Yang", "IIS, Academia Sinica", "General chair"),
                                                   ("Serge Fehr", "CWI Cryptology group, Leiden University", "SC member"),
                                                   ("Chell Chien", "IIS, Academia Sinica", "support"))))
    found = parse_page(page(f"<html><body><h1>Committees</h1>{cards}</body></html>")).people
    assert [(p["title"], p["company"]) for p in found] == [
        ("General chair", "IIS, Academia Sinica"), ("SC member", "CWI Cryptology group, Leiden University"),
        ("support", "IIS, Academia Sinica")]


def test_a_data_column_that_glues_company_to_title_is_split_throughout(tmp_path):
    rows = [("Ada Lind", "Managing Director Slalom"), ("Bo Chen", "Chief Revenue Officer Kasisto"),
            ("Cy Diaz", "President & CEO Partners Federal Credit Union"), ("Di Fox", "CTO, Temenos"),
            ("Ed Gray", "Golf Hall of Fame Member")]
    source = tmp_path / "speakers.js"
    source.write_text("speakerData = " + json.dumps({"records": [{"speaker_name": n, "speaker_title": t} for n, t in rows]})
                      + ";", encoding="utf-8")
    people = {p["name"]: (p["title"], p["company"]) for p in read_event(str(source)).people.fillna("").to_dict("records")}
    assert people == {"Ada Lind": ("Managing Director", "Slalom"), "Bo Chen": ("Chief Revenue Officer", "Kasisto"),
                      "Cy Diaz": ("President & CEO", "Partners Federal Credit Union"), "Di Fox": ("CTO", "Temenos"),
                      "Ed Gray": ("Golf Hall of Fame Member", "")}


def test_one_line_mottos_are_no_employers_but_bare_employers_stay():
    def cards(lines):
        return "".join(f"<div class='speaker'><a class='speaker-name' href='/s/{i}.html'>{n}</a>"
                       f"<p class='speaker-details'>{t}</p></div>" for i, (n, t) in enumerate(lines))
    names = ["Ann Lee", "Bo Chen", "Cy Diaz", "Di Fox", "Ed Gray"]
    mottos = ["Passionate software craftsman", "Event Stormer", "Grizzled Optimist", "Jessitron", "Accidental DDDer"]
    firms = ["Nexmo", "Universidad del Norte", "Geotab", "Kiwi Campus", "Python Barranquilla"]
    motto_page = parse_page(page(f"<html><body>{cards(zip(names, mottos))}</body></html>")).people
    firm_page = parse_page(page(f"<html><body>{cards(zip(names, firms))}</body></html>")).people
    assert [p["company"] for p in motto_page] == [""] * 5
    assert [p["company"] for p in firm_page] == firms


@pytest.mark.parametrize("packed, expected", [
    ("騰雲科技總經理 暨 Foo Labs 董事長 & 合夥人 陳美玲", ("陳美玲", "總經理", "騰雲科技")),  # the first current role
    ("前 Acme 台灣 董事總經理 王大明", ("王大明", "", "")),  # a former role is none
    ("主持人 - 林小華律師 台灣開源協會秘書長", ("林小華", "秘書長", "台灣開源協會")),  # a panel label and an honorific
    ("與談人 - 周志遠教授 清華大學資訊學院助理教授", ("周志遠", "助理教授", "清華大學資訊學院")),
    ("星河科技 Amy Lin 林雅婷 資深鍵盤俠", ("Amy Lin 林雅婷", "", "星河科技")),  # an English name before; a joke after
    ("吳建宏 Kevin88", None), ("王芳", None), ("DJ / 李小龍", None),  # plain names stay as given
])
def test_a_chinese_name_field_that_packs_roles_gives_the_name_and_the_first_current_role(packed, expected):
    from prep.read.taglines import unpack_cjk_name

    assert unpack_cjk_name(packed) == expected


def test_handles_are_speakers_names_where_the_data_lists_speakers_but_not_elsewhere():
    from prep.names import display_name
    from prep.read.data_people import people_in

    given = ("Ann Lee", "Bo Chen", "Cy Diaz", "Di Fox", "eri24816", "JustinLin099", "吳建宏 Kevin88", "TBA", "DJ / 李小龍")
    speakers = [{"name": n, "bio": "Builds things."} for n in given]
    rooms = [{"name": n, "capacity": 80} for n in ("Room2A", "Hall3", "Main Hall")]
    names = [p["name"] for p in people_in({"speakers": speakers, "rooms": rooms}, "http://conf.example/data.json")]
    assert names == [n for n in given if n != "TBA"]  # the rooms' "Room2A" and "Hall3" are no one's handles
    assert display_name("DJ / 李小龍") == "DJ / 李小龍" and display_name("ANN LEE") == "Ann Lee"


def test_a_data_column_that_glues_titles_to_employers_is_split_where_the_employer_starts():
    from prep.read.data_people import people_in

    lines = ["SVP, Strategy & Marketing Quillon Labs", "VP of Financial Services R.T. Marsh", "Chairman & CEO Quillon, Inc.",
             "Global Head of Commercial, Business and Retail Banking Arvenda", "VP, Information Technology Services NWECU",
             "Technical Advisor, Software Engineering", "VP, Quillon Product Marketing", "Principal Consultant, Brightmoor.",
             "Manager Integration & Mobility, Halvard", "Director, IT - eCommerce & Mobile at The Lindqvist Companies"]
    records = [{"name": f"Person {chr(65 + i)}{chr(97 + i)}", "speaker_title": t} for i, t in enumerate(lines)]
    got = [(p["title"], p["company"]) for p in people_in({"speakers": records}, "http://conf.example/speakers.js")]
    assert got == [("SVP, Strategy & Marketing", "Quillon Labs"), ("VP of Financial Services", "R.T. Marsh"),
                   ("Chairman & CEO", "Quillon, Inc."), ("Global Head of Commercial, Business and Retail Banking", "Arvenda"),
                   ("VP, Information Technology Services", "NWECU"), ("Technical Advisor, Software Engineering", ""),
                   ("VP, Quillon Product Marketing", ""), ("Principal Consultant", "Brightmoor"),
                   ("Manager Integration & Mobility", "Halvard"),
                   ("Director, IT - eCommerce & Mobile", "The Lindqvist Companies")]
