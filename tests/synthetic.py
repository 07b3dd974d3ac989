"""A generated event of any size (fictional people, .example companies) for scale tests and benchmarks."""
from __future__ import annotations

import csv
import random
from pathlib import Path

from prep import schema
from prep.names import normalize_company, stable_id
from prep.shape.event import Event

FIRST = "Ada Bram Chen Dana Eli Fay Gus Hana Ivo Jun Kai Lea Milo Nia Omar Pia Quinn Rosa Sami Tess Uma Vik Wen Xia Yara Zeno".split()
LAST = "Abbott Bakker Chou Diaz Evers Fox Gupta Haddad Ito Jansen Kowalski Lind Meyer Novak Osei Park Quist Rossi Sato Tan Udo Vos Wu Yilmaz Zeller".split()
TITLES = ["Junior Analyst", "Data Engineer", "CEO", "Founder", "VP Engineering", "Research Scientist", "Product Manager",
          "Student", "Head of Data", "Consultant", "Designer", "Chief Data Officer", "Developer Advocate"]
INDUSTRIES = ["Data & analytics software", "Healthcare", "Energy", "Logistics", "Financial services", "Education",
              "Media", "Retail", "Manufacturing", "Public sector", "Developer tools", "Agriculture"]
TOPICS = ["stream processing with Kafka", "exactly-once delivery in pipelines", "testing data pipelines with fixtures",
          "open data for cities", "data quality checks", "climate and energy data", "computer vision for farms",
          "patient-flow forecasting", "route optimisation", "dashboard design", "schema evolution", "cost control for cloud data",
          "podcast analytics", "learning analytics", "demand forecasting", "privacy engineering"]


def generated_event(n_people: int = 2000, n_companies: int = 300, seed: int = 7):
    """(event, companies, news) with ``n_people`` people, their talks and their companies' research."""
    rng = random.Random(seed)
    companies, news = [], []
    for i in range(n_companies):
        name = f"{rng.choice(LAST)} {rng.choice(['Labs', 'Systems', 'Group', 'Analytics', 'Works'])} {i}"
        topic = rng.choice(TOPICS)
        cid = stable_id(normalize_company(name))
        companies.append({"company_id": cid, "name": name, "normalized_name": normalize_company(name),
                          "domain": f"c{i}.example", "website": f"https://c{i}.example/",
                          "description": f"{name} works on {topic} for its customers.",
                          "industry": INDUSTRIES[i % len(INDUSTRIES)], "employees": rng.randint(5, 5000),
                          "open_roles": "Data Engineer" if i % 3 == 0 else None,
                          "careers_url": f"https://c{i}.example/careers/"})
        if i % 4 == 0:
            news.append({"company_id": cid, "title": f"{name} ships a new release for {topic}",
                         "url": f"https://c{i}.example/news/1/", "published": "2027-03-01", "summary": f"About {topic}."})
    people, sessions = [], []
    for i in range(n_people):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        company = companies[rng.randrange(n_companies)]["name"]
        topic_a, topic_b = rng.sample(TOPICS, 2)
        bio = "" if i % 50 == 0 else f"{name.split()[0]} works on {topic_a} and writes about {topic_b}."
        pid = stable_id(name.lower(), normalize_company(company))
        people.append({"person_id": pid, "name": name, "first_name": name.split()[0], "title": rng.choice(TITLES),
                       "company": company if i % 50 else None, "bio": bio, "role": "speaker" if i % 4 == 0 else "attendee",
                       "source_url": "https://generated.example/people/", "profile_url": f"https://generated.example/p/{i}/"})
        if i % 4 == 0:
            sessions.append({"session_id": f"s{i}", "title": f"Lessons from {topic_a}", "abstract": f"We discuss {topic_a}.",
                             "start": f"2027-04-22T{9 + (i // 4) % 8:02d}:00:00+02:00", "day": "2027-04-22",
                             "room": f"Room {i % 6}", "type": "breakout" if i % 12 == 0 else "talk",
                             "speakers": name, "speaker_ids": pid, "source_url": "https://generated.example/schedule/"})
    info = {"name": "Generated Summit", "start": "2027-04-22T09:00:00+02:00", "end": "2027-04-23T17:00:00+02:00",
            "country": "NL", "city": "Havenstad"}
    event = Event(info, schema.conform(people, "people"), schema.conform(sessions, "sessions"), schema.empty("organizations"),
                  sources=["https://generated.example/"])
    return event, schema.conform(companies, "companies"), schema.conform(news, "company_news")


def write_attendee_export(path: Path, n: int, seed: int) -> None:
    """A demo-like event as an attendee CSV export of ``n`` people (names, companies, titles, work e-mail, bios)."""
    rng = random.Random(seed)
    with Path(path).open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["First Name", "Last Name", "Company", "Job Title", "Email", "Bio"])
        for i in range(n):
            company = f"Company {rng.randrange(max(5, n // 8))}"
            out.writerow([f"Person{i}", f"Family{seed}", company, rng.choice(["Engineer", "CEO", "Analyst", "Student"]),
                          f"p{i}@{company.lower().replace(' ', '')}.example",
                          f"Works on {rng.choice(TOPICS)} and {rng.choice(TOPICS)}."])
