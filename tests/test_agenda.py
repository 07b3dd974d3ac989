"""Sessions from HTML agendas of several layouts, with their speakers, times and rooms."""
from __future__ import annotations

from prep.fetch.localweb import Reply
from prep.read.agenda import parse
from prep.shape.event import read_event

TABLE = """<html><head><title>Schedule | Data Days</title></head><body><h1>Schedule</h1>
<h2>Saturday, November 10</h2><table>
<tr><th>9:00am</th><td><strong>Registration and coffee</strong></td></tr>
<tr><th>9:30am</th><td><strong>Morning Keynote by Ada Lovelace</strong> <em>Main Hall</em></td></tr>
<tr><th>10:25am</th><td><a href="talk/1.html"><strong>Parsing - In Depth</strong></a> by <strong>Grace Hopper</strong>
  <span>Main Hall</span> &bull; 5 minute break &bull;
  <a href="talk/2.html"><strong>Configuration management with ZooKeeper</strong></a> by <strong>Alan Turing</strong></td>
  <td><a href="talk/3.html"><strong>Testing with Travis CI</strong></a> by <strong>Edsger Dijkstra</strong></td></tr>
<tr><th>12:00pm</th><td><strong>Lunch</strong></td></tr>
</table></body></html>"""

GRID = """<html><head><title>Programa</title></head><body>
<div class="tab-pane" id="tab-2028-02-08"><div class="row"><div class="col-3"><h2>09:<small>00</small></h2></div>
<div class="col-9"><small><i>Auditorio Central</i></small><a href="/ponentes/ana-ruiz/"><b>Ana Ruiz</b></a>
<h2>Presentación (Inglés): Drones that find people</h2></div></div>
<div class="row"><div class="col-3"><p>10:00 - 10:45</p></div><div class="col-9">
<div class="track"><h4><a href="/speakers/bo-li.html">Bo Li</a></h4><p class="talk-title"><a href="/speakers/bo-li.html">Readable Code</a></p></div>
<div class="track"><h4><a href="/speakers/cy-ng.html">Cy Ng</a></h4><p class="talk-title">Modeling Team Flow</p></div>
</div></div></div></body></html>"""


def _rows(parsed):
    return [(s["title"], s["speakers"], s.get("start") or s.get("_clock"), s["room"]) for s in parsed.sessions]


def test_a_table_agenda_with_two_talks_in_a_cell_and_meals_left_out():
    rows = _rows(parse(TABLE, "http://datadays.example/schedule.html"))
    assert [r[:3] for r in rows] == [
        ("Morning Keynote", ["Ada Lovelace"], "09:30"),
        ("Parsing - In Depth", ["Grace Hopper"], "10:25"),
        ("Configuration management with ZooKeeper", ["Alan Turing"], "10:25"),
        ("Testing with Travis CI", ["Edsger Dijkstra"], "10:25")]
    assert rows[0][3] == "Main Hall"


def test_a_grid_of_divs_with_dated_tabs_labels_and_parallel_tracks():
    rows = _rows(parse(GRID, "http://pyday.example/cronograma/"))
    assert rows == [("Drones that find people", ["Ana Ruiz"], "2028-02-08T09:00", "Auditorio Central"),
                    ("Readable Code", ["Bo Li"], "2028-02-08T10:00", ""),
                    ("Modeling Team Flow", ["Cy Ng"], "2028-02-08T10:00", "")]


def test_the_event_gives_an_agenda_its_year_and_its_speakers_become_people(settings, web):
    web.route("http://datadays.example/", Reply(200, "<title>Data Days</title><h1>Data Days</h1>"
                                                     "<p>November 10 - 11, 2029 in Toronto</p>"))
    web.route("http://datadays.example/schedule.html", Reply(200, TABLE))
    event = read_event(["http://datadays.example/", "http://datadays.example/schedule.html"], settings=settings)
    assert event.sessions["start"].tolist()[:2] == ["2029-11-10T09:30", "2029-11-10T10:25"]
    assert {"Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra"} <= set(event.people["name"])


def test_an_agenda_page_makes_no_people_of_its_slots(tmp_path):
    source = tmp_path / "schedule.html"
    source.write_text(TABLE, encoding="utf-8")
    people = read_event(str(source)).people
    assert set(people["name"]) == {"Ada Lovelace", "Grace Hopper", "Alan Turing", "Edsger Dijkstra"}
    assert not people["company"].fillna("").str.contains("Main Hall|Parsing").any()


def test_a_twelve_hour_agenda_puts_one_to_seven_in_the_afternoon_and_a_24_hour_one_keeps_them():
    from prep.read.agenda import _clock

    assert [_clock(t) for t in ("9:00", "11:45", "1:15", "4:00", "7:30", "07:30", "2.30 pm", "10:25am")] == [
        "09:00", "11:45", "13:15", "16:00", "19:30", "07:30", "14:30", "10:25"]
    day = "<h2>Saturday, November 10, 2029</h2><table>{}</table>"
    twelve = day.format("<tr><th>9:30</th><td><strong>Opening talk</strong></td></tr>"
                        "<tr><th>1:15</th><td><strong>Afternoon talk</strong></td></tr>")
    twenty_four = day.format("<tr><th>7:30</th><td><strong>Early talk</strong></td></tr>"
                             "<tr><th>13:15</th><td><strong>Afternoon talk</strong></td></tr>")
    assert [s["start"] for s in parse(twelve, "http://x.example/schedule").sessions] == ["2029-11-10T09:30",
                                                                                        "2029-11-10T13:15"]
    assert [s["start"] for s in parse(twenty_four, "http://x.example/schedule").sessions] == ["2029-11-10T07:30",
                                                                                             "2029-11-10T13:15"]


def test_a_schedule_that_shortens_a_speakers_name_links_them_to_their_page(settings, web):
    """The agenda writes "Diego Peña Ramirez" and links /speakers/diego-pena/, whose card says "Diego Camilo
    Peña Ramirez": one person, spelled as the speakers page spells them, and the talk is theirs."""
    cards = "".join(f'<div class="speaker"><h3><a href="/speakers/{slug}/">{name}</a></h3><p>{org}</p></div>'
                    for slug, name, org in (("diego-pena", "Diego Camilo Peña Ramirez", "Kiwi Labs"),
                                            ("ana-ruiz", "Ana María Ruiz Gómez", "Datos Abiertos"),
                                            ("li-wei", "Li Wei", "Harbor AI")))
    web.route("http://pyconf.example/speakers/", Reply(200, f"<html><body><h1>Speakers</h1>{cards}</body></html>"))
    rows = "".join(f'<tr><td>{t}</td><td><a href="/talks/{i}/">{title}</a><br>'
                   f'<a href="/speakers/{slug}/">{short}</a></td></tr>'
                   for i, (t, title, slug, short) in enumerate((
                       ("09:00", "Drones that listen", "diego-pena", "Diego Peña Ramirez"),
                       ("10:00", "Open data for cities", "ana-ruiz", "Ana Ruiz"),
                       ("11:00", "Typed pipelines", "li-wei", "Li Wei"))))
    web.route("http://pyconf.example/schedule/", Reply(200, f"<html><body><h1>Schedule</h1><h2>Friday, 8 February 2030"
                                                            f"</h2><table>{rows}<tr><td>12:00</td><td>Lunch</td></tr>"
                                                            "</table></body></html>"))
    event = read_event(["http://pyconf.example/speakers/", "http://pyconf.example/schedule/"], settings=settings,
                       max_site_pages=0)
    assert sorted(event.people["name"]) == ["Ana María Ruiz Gómez", "Diego Camilo Peña Ramirez", "Li Wei"]
    talks = dict(zip(event.sessions["title"], event.sessions["speakers"]))
    assert talks["Drones that listen"] == "Diego Camilo Peña Ramirez" and talks["Open data for cities"] == "Ana María Ruiz Gómez"
