"""The meeting plan's rules, each checked: title-blind, diversity, traceable facts, open starters, approach, outreach."""
from __future__ import annotations

import dataclasses
import math
import re
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from conftest import DEMO
from synthetic import generated_event

from prep import schema
from prep.demo import DEMO_CONTACTS, DEMO_PROFILE, DEMO_SOURCES
from prep.errors import SchemaError
from prep.fetch.client import Fetcher
from prep.plan.index import speaks
from prep.plan.meetings import plan_meetings
from prep.plan.outreach import lint_outreach
from prep.plan.profile import load_contacts, load_profile
from prep.plan.timing import holiday_notes
from prep.research.companies import research_companies
from prep.schema import SOURCE
from prep.shape.event import read_event

PROFILE = load_profile(DEMO_PROFILE)
INTERESTS = PROFILE.interests + PROFILE.goals


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from prep.fetch.localweb import LocalWeb
    from prep.settings import Settings

    with LocalWeb(DEMO) as web:
        settings = Settings(cache_path=tmp_path_factory.mktemp("c") / "c.sqlite", proxy=web.proxy, delay=0.0,
                            progress=False, guess_urls="http://{slug}.example/")
        with Fetcher(settings) as fetcher:
            event = read_event(DEMO_SOURCES, fetcher=fetcher)
            research = research_companies(event, domains=DEMO / "domains.csv", fetcher=fetcher)
    return event, research


@pytest.fixture(scope="module")
def demo_plan(demo):
    event, research = demo
    return plan_meetings(event, research, PROFILE, DEMO_CONTACTS, top=len(event.people))


@pytest.fixture(scope="module")
def big():
    return generated_event(2000)


def _by_name(plan, name: str) -> dict:
    rows = plan.priorities[plan.priorities["name"] == name]
    assert len(rows) == 1, name
    return rows.iloc[0].to_dict()


# -- title-blind ------------------------------------------------------------------------------------
@pytest.mark.parametrize("rewrite", ["junior", "ceo", "shuffle"])
def test_ranking_ignores_job_titles(big, rewrite):
    event, companies, news = big
    before = plan_meetings(event, companies, PROFILE, DEMO_CONTACTS, news=news, top=50)
    people = event.people.copy()
    if rewrite == "junior":
        people["title"] = "Junior Analyst"
    elif rewrite == "ceo":
        people["title"] = "CEO"
    else:
        people["title"] = people["title"].sample(frac=1, random_state=3).to_numpy()
    after = plan_meetings(dataclasses.replace(event, people=people), companies, PROFILE, DEMO_CONTACTS, news=news, top=50)
    assert after.ranking["person_id"].tolist() == before.ranking["person_id"].tolist()
    assert np.allclose(after.ranking["score"], before.ranking["score"])
    assert after.priorities["person_id"].tolist() == before.priorities["person_id"].tolist()


def test_ranking_ignores_titles_on_the_demo(demo):
    event, research = demo
    before = plan_meetings(event, research, PROFILE, DEMO_CONTACTS, top=15)
    people = event.people.assign(title="Junior Analyst")
    after = plan_meetings(dataclasses.replace(event, people=people), research, PROFILE, DEMO_CONTACTS, top=15)
    assert after.priorities["person_id"].tolist() == before.priorities["person_id"].tolist()


# -- diversity ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("minimum", [3, 8])
def test_top_list_holds_people_outside_your_industries_by_relevance(big, minimum):
    event, companies, news = big
    inside = dataclasses.replace(PROFILE, industries=tuple(companies["industry"].dropna().unique()[:10]))
    plan = plan_meetings(event, companies, inside, news=news, top=20, min_outside=minimum)
    assert len(plan.priorities) == 20
    assert plan.priorities["outside_industry"].sum() >= minimum
    # the outside picks are the best-scoring outside people, not random ones
    ranked_outside = plan.ranking[plan.ranking["outside_industry"]]["person_id"].tolist()
    picks = plan.outside_industry["person_id"].tolist()
    assert set(picks) == set(ranked_outside[:len(picks)])


def test_demo_plan_meets_the_profile_minimum_outside(demo):
    event, research = demo
    plan = plan_meetings(event, research, PROFILE, DEMO_CONTACTS, top=10)
    assert plan.priorities["outside_industry"].sum() >= PROFILE.min_outside_industry
    assert "Ava Jansen" in set(plan.priorities["name"])  # a named target stays in


def test_the_plan_says_industry_and_why_in_columns_of_their_own(demo_plan):
    """Structured columns, so no later step reads them back out of the sentences."""
    outside = demo_plan.outside_industry
    assert len(outside) and outside["industry"].notna().all()
    for industry, reasons in zip(outside["industry"], outside["reasons"]):
        assert f"Outside your industries ({industry})" in reasons
    rows = demo_plan.priorities
    assert rows["why"].notna().all() and not rows["why"].str.contains(SOURCE, regex=False).any()
    firsts = rows["reasons"].str.split("\n").str[0]
    assert all(line.startswith(why) and (not src or line.endswith(src))
               for line, why, src in zip(firsts, rows["why"], rows["why_source"].fillna("")))


# -- traceable facts ---------------------------------------------------------------------------------------
def test_every_reason_starter_and_offer_cites_its_source(demo_plan):
    for row in demo_plan.priorities.to_dict("records"):
        for column in ("reasons", "starters"):
            for line in str(row[column]).split("\n"):
                if line.startswith("No facts found to ground"):
                    continue
                assert SOURCE in line, f"{row['name']} {column}: {line}"
                assert line.split(SOURCE)[1].strip(), line
        offer = str(row["offer"])
        assert SOURCE in offer or offer.startswith("No specific need found"), offer


def test_quoted_facts_are_really_in_the_sources(demo, demo_plan):
    event, research = demo
    corpus = " ".join(event.people["bio"].dropna()) + " ".join(event.sessions["title"].dropna()) + \
        " ".join(event.sessions["abstract"].dropna()) + " ".join(research.companies["description"].dropna()) + \
        " ".join(research.news["title"].dropna()) + " ".join(research.news["summary"].dropna()) + \
        " ".join(research.companies["open_roles"].dropna())
    corpus = " ".join(corpus.split())
    for text in demo_plan.priorities["reasons"].tolist() + demo_plan.priorities["starters"].tolist():
        for quote in re.findall(r"“([^”]+)”", text):
            assert quote.rstrip("…") in corpus, quote


def test_no_facts_means_saying_so(demo):
    event, research = demo
    lonely = schema.conform([{"person_id": "x1", "name": "Kim Nobody", "source_url": "http://harbordata.example/"}], "people")
    plan = plan_meetings(dataclasses.replace(event, people=lonely), research, PROFILE, top=5)
    row = plan.priorities.iloc[0]
    assert row["reasons"].startswith("No facts found about Kim Nobody")
    assert row["starters"].startswith("No facts found to ground a starter")
    assert pd.isna(row["outreach_body"]) and row["offer"].startswith("No specific need found")


# -- starters -----------------------------------------------------------------------------------------
def test_starters_are_open_curious_questions(demo_plan, big):
    event, companies, news = big
    plan = plan_meetings(event, companies, PROFILE, news=news, top=100)
    starters = [s.split(SOURCE)[0] for frame in (demo_plan.priorities, plan.priorities)
                for text in frame["starters"].dropna() for s in text.split("\n")
                if not s.startswith("No facts found")]
    assert len(starters) > 50
    for starter in starters:
        assert starter.endswith("?"), starter
        assert re.match(r"^(What|How|Which|Why|Where|Who|Your bio says)", starter), starter
        assert not re.match(r"^(Do|Did|Does|Is|Are|Can|Could|Would|Will|Have|Has)\b", starter), starter
        assert not re.search(r"\b(coffee|introduce me|hire|job for me|meet me|call me)\b", starter, re.I), starter


# -- approach -----------------------------------------------------------------------------------------
def test_approach_warm_intro_new_role_difficult_news(demo_plan):
    willem = _by_name(demo_plan, "Willem Smit")  # CEO at Fernbank; Marco Bianchi (strong contact) works there
    assert "seek a warm introduction through Marco Bianchi (strong contact) works at Fernbank N.V." in willem["approach"]
    hugo = _by_name(demo_plan, "Hugo Martin")  # CEO, no contact at Kelp Climate Labs
    assert "seek a warm introduction. None of your contacts is at Kelp Climate Labs" in hugo["approach"]
    fatima = _by_name(demo_plan, "Fatima El Amrani")
    assert "New in role" in fatima["approach"] and "congratulate Fatima" in fatima["approach"]
    lotte = _by_name(demo_plan, "Lotte Bakker")
    assert "Be considerate: Lumen Grid announced “Lumen Grid announces restructuring and layoffs”" in lotte["approach"]
    assert "layoffs" not in lotte["starters"]  # difficult news is never a conversation starter
    priya = _by_name(demo_plan, "Priya Raman")  # not senior, but a contact works at Fernbank
    assert priya["approach"].startswith("Warm path: Marco Bianchi")


def test_holidays_near_the_event_are_flagged(demo_plan):
    assert any("King's Day (Tuesday 27 April 2027)" in note and "4 days after the event" in note
               for note in demo_plan.timing)
    assert holiday_notes({"country": "Atlantis", "start": "2027-04-22"}) == []
    assert any("Christmas" in n for n in holiday_notes({"country": "Germany", "start": "2027-12-27"}))


def test_where_to_meet_names_sessions_with_time_and_room(demo_plan):
    ava = _by_name(demo_plan, "Ava Jansen")
    assert "Talk “Exactly-once sinks without the magic”, Thu 22 Apr 10:30, Room Kade" in ava["where_to_meet"]
    assert "sponsor of the event" in ava["where_to_meet"]


def test_where_to_meet_follows_the_role_when_no_session_says_more():
    from prep.shape import frames as shape
    from prep.shape.model import Event

    records = [{"name": name, "role": role, "source_url": "http://meetup.example/e/1"}
               for name, role in (("Megan Ortiz", "organizer"), ("Ruth Okoye", "attendee"))]
    people = shape.merge_people(records)
    event = Event(info={"name": "Python Night"}, people=people, sessions=shape.sessions_frame([], people),
                  organizations=shape.organizations_frame([]))
    plan = plan_meetings(event, None, PROFILE, top=2)
    where = dict(zip(plan.priorities["name"], plan.priorities["where_to_meet"]))
    assert where["Megan Ortiz"].startswith("One of the organisers") and "introduction" in where["Megan Ortiz"]
    assert where["Ruth Okoye"].startswith("On the attendee list")


def test_a_bio_that_shares_words_but_no_whole_interest_says_which_words_and_quotes_a_whole_sentence():
    from prep.plan.profile import load_profile
    from prep.shape import frames as shape
    from prep.shape.model import Event

    me = load_profile({"name": "Lucía Herrera", "interests": ["python education"],
                       "goals": ["find mentors in data engineering"]})
    bio = "Soy desarrollador y mentor Python en Medellín. Me gusta el café."
    people = shape.merge_people([{"name": "Carlos Martinez", "role": "speaker", "bio": bio,
                                  "source_url": "http://conf.example/speakers/"}])
    event = Event(info={"name": "PyCon"}, people=people, sessions=shape.sessions_frame([], people),
                  organizations=shape.organizations_frame([]))
    row = plan_meetings(event, None, me, top=1).priorities.iloc[0]
    assert row["why"] == ("Their bio shares words with your interests and goals (mentors, python): "
                          "“Soy desarrollador y mentor Python en Medellín”")
    assert row["why_source"] == "http://conf.example/speakers/"


def test_offers_answer_a_need(demo_plan):
    ines = _by_name(demo_plan, "Samir Haddad")  # moved a spreadsheet pipeline to dbt models
    assert ines["offer"].startswith("dbt:")


def test_skip_list_and_yourself_are_left_out(demo):
    event, research = demo
    profile = dataclasses.replace(PROFILE, skip_people=("Ava Jansen",), skip_companies=("Northwind Health",))
    plan = plan_meetings(event, research, profile, top=len(event.people))
    assert "Ava Jansen" not in set(plan.priorities["name"])
    assert "Northwind Health" not in set(plan.priorities["company"].dropna())


# -- outreach -----------------------------------------------------------------------------------------
def test_every_generated_draft_passes_the_lint(demo_plan, big):
    event, companies, news = big
    plans = [demo_plan, plan_meetings(event, companies, PROFILE, news=news, top=200)]
    drafts = [(r["outreach_subject"], r["outreach_body"]) for p in plans for r in p.priorities.to_dict("records")
              if isinstance(r["outreach_body"], str)]
    assert len(drafts) > 100
    for subject, body in drafts:
        assert lint_outreach(subject, body, interests=INTERESTS, linkedin=PROFILE.linkedin) == [], (subject, body)
        assert PROFILE.linkedin in body and "coffee" not in body.lower()


GOOD = ("Stream processing: your talk “Exactly-once sinks”",
        "Hi Ava, I'm Jamie, a data engineer. I'm looking forward to your talk, because stream processing is what I work on too. "
        "I'm happy to share my checklist for replays, if that is useful. "
        "Could I say hello after your session, or would a 15-minute call suit you better?\n\n"
        "Jamie Rivera\nhttps://www.linkedin.com/in/jamie-rivera-example")


@pytest.mark.parametrize("subject, body, problem", [
    ("Quick question", GOOD[1], "subject"),
    (GOOD[0], GOOD[1].replace("Could I", "I also ran a meetup. I wrote a book. Could I"), "sentences"),
    (GOOD[0], GOOD[1].replace("https://www.linkedin.com/in/jamie-rivera-example", ""), "LinkedIn"),
    (GOOD[0], GOOD[1].replace("a data engineer.", "a data engineer (CV attached)."), "attachments"),
    (GOOD[0], GOOD[1].replace("or would a 15-minute call suit you better", "or shall we grab a coffee"), "coffee"),
    (GOOD[0], GOOD[1].replace("a 15-minute call", "a 30-minute call"), "too big"),
    (GOOD[0], GOOD[1].replace("I'm happy to share my checklist for replays, if that is useful. ", "Thanks. "), "offer"),
    (GOOD[0], GOOD[1].replace("stream processing", "cooking"), "interest"),
])
def test_lint_catches_each_rule(subject, body, problem):
    assert lint_outreach(*GOOD, interests=INTERESTS, linkedin=PROFILE.linkedin) == []
    problems = lint_outreach(subject, body, interests=INTERESTS, linkedin=PROFILE.linkedin)
    assert any(problem.lower() in p.lower() for p in problems), problems


def test_lint_wants_the_offer_before_the_ask():
    body = ("Hi Ava, I'm Jamie. Stream processing is what I work on too. Could I say hello at the event? "
            "I'm happy to share my checklist.\n\nJamie\nhttps://www.linkedin.com/in/jamie")
    assert "offer: put your offer before the ask" in lint_outreach("Stream processing at Harbor Data", body)


def test_cli_lint(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(f"Subject: {GOOD[0]}\n{GOOD[1]}\n", encoding="utf-8")
    ok = subprocess.run([sys.executable, "-m", "prep.cli", "lint", str(draft), "--profile", str(DEMO_PROFILE)],
                        capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stdout.startswith("ok"), ok.stdout + ok.stderr
    draft.write_text("Subject: Hello\nCan we grab a coffee?\n", encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "prep.cli", "lint", str(draft)], capture_output=True, text=True)
    assert bad.returncode == 1 and "coffee" in bad.stdout and "LinkedIn" in bad.stdout


def test_cli_rank_writes_the_priorities(tmp_path, web):
    out = tmp_path / "plan.csv"
    done = subprocess.run([sys.executable, "-m", "prep.cli", "rank", *DEMO_SOURCES, "--profile", str(DEMO_PROFILE),
                           "--contacts", str(DEMO_CONTACTS), "--top", "8", "-o", str(out), "--proxy", web.proxy,
                           "--cache", str(tmp_path / "c.sqlite"), "--delay", "0", "--guess-urls", "http://{slug}.example/"],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    plan = pd.read_csv(out)
    assert list(plan.columns) == list(schema.PRIORITIES) and len(plan) == 8
    assert plan.iloc[0]["name"] == "Ava Jansen"
    assert "King's Day" in done.stderr


# -- inputs -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, message", [
    ("headline: x\n", "'name' is required"),
    ("name: A\nintrests: [x]\n", "unknown field(s) intrests"),
    ("name: A\noffers: [{skill: x, color: red}]\n", "offers[0]: unknown field(s) color"),
    ("name: A\nlinkedin: jamie\n", "LinkedIn profile URL"),
    ("name: A\nmin_outside_industry: lots\n", "whole number"),
    ("- just a list\n", "a profile is a mapping"),
])
def test_profile_errors_name_the_file_and_field(tmp_path, text, message):
    path = tmp_path / "me.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as err:
        load_profile(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_contacts_errors(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text("name,company,relationship\nA,B,best friend\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="contacts.csv: relationship must be strong, medium or weak"):
        load_contacts(path)
    path.write_text("who,where\nA,B\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="need a 'name' and a 'company' column"):
        load_contacts(path)


def test_similarity_is_tfidf_cosine():
    from prep.text import similarity

    docs = [["kafka", "data"], ["kafka", "data", "data"], ["data", "farm"], ["farm"], []]
    sims = similarity(docs, ["kafka", "data"])
    # scikit-learn's TfidfVectorizer(sublinear_tf=True), query counted among the documents, by hand:
    n, df = 6, {"kafka": 3, "data": 4, "farm": 2}
    idf = {t: math.log((1 + n) / (1 + d)) + 1 for t, d in df.items()}

    def vector(count):
        v = np.array([(1 + math.log(count[t])) * idf[t] if count.get(t) else 0.0 for t in ("kafka", "data", "farm")])
        return v / np.linalg.norm(v)

    query = vector({"kafka": 1, "data": 1})
    expected = [vector({"kafka": 1, "data": 1}) @ query, vector({"kafka": 1, "data": 2}) @ query,
                vector({"data": 1, "farm": 1}) @ query, 0.0, 0.0]
    assert np.allclose(sims, expected)
    assert np.isclose(sims[0], 1) and 0 < sims[2] < sims[1] < 1
    assert not similarity(docs, []).any()


def test_a_starter_quotes_whole_sentences_or_clauses_never_a_cut_one():
    from prep.text import sentences, whole_phrase

    bio = "Mike Goeke is a Sr. Agile Coach at Acme. He helps teams deliver."
    assert sentences(bio)[0] == "Mike Goeke is a Sr. Agile Coach at Acme."
    long = ("Ruben is a Google Developer Expert in Cloud and the EMEA Head of Infrastructure and App Modernization "
            "at Devoteam G Cloud with six years of experience in the cloud")
    assert whole_phrase(long) == "Ruben is a Google Developer Expert in Cloud"
    assert whole_phrase("x" * 200) == ""


def test_no_reason_offer_or_starter_quotes_a_cut_sentence(tmp_path):
    from prep.demo import DEMO_CONTACTS, DEMO_PROFILE, DEMO_SOURCES
    from prep.render.brief import prepare

    prepared = prepare(DEMO_SOURCES, profile=str(DEMO_PROFILE), contacts=str(DEMO_CONTACTS), demo=True, progress=False,
                       cache_dir=str(tmp_path / "cache"))
    for column in ("reasons", "offer", "approach", "starters"):
        for text in prepared.priorities[column].fillna(""):
            assert "…”" not in text and "...”" not in text, (column, text)


def test_a_language_counts_only_when_used_as_one():
    assert speaks("Dutch", "She speaks English, Italian and Dutch.")
    assert speaks("Dutch", "Gives the talk in Dutch")
    assert speaks("Dutch", "A Dutch-speaking team lead")
    assert speaks("Spanish", "Native Spanish speaker")
    assert not speaks("Dutch", "a senior Flutter developer in a Dutch company (remote)")
    assert not speaks("Dutch", "Moved from Rotterdam; loves Dutch design.")


def test_no_starter_is_asked_about_a_ceremony_slot():
    from prep.shape import frames as shape
    from prep.shape.model import Event

    people = shape.merge_people([{"name": n, "role": "speaker", "source_url": "http://conf.example/"}
                                 for n in ("Jhon Roa", "Ada Lind")])
    sessions = shape.sessions_frame([{"title": "Opening", "speakers": ["Jhon Roa"], "start": "2031-02-08T09:00"},
                                     {"title": "Streams at scale", "speakers": ["Ada Lind"], "start": "2031-02-08T10:00"}],
                                    people)
    event = Event(info={"name": "Conf"}, people=people, sessions=sessions, organizations=shape.organizations_frame([]))
    plan = plan_meetings(event, None, PROFILE, top=2)
    starters = dict(zip(plan.priorities["name"], plan.priorities["starters"].fillna("")))
    assert "Opening" not in starters["Jhon Roa"] and "Streams at scale" in starters["Ada Lind"]
