"""Render the demo web (one folder per hostname) from the hand-written facts in this folder.

Run it after editing people.yaml, companies.yaml or sessions.yaml:

    python data/demo/_source/build.py

The generated folders are committed, so the demo and the tests never need this script.
"""
from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from html import escape
from pathlib import Path

import yaml

HERE = Path(__file__).parent
DEMO = HERE.parent
EVENT_HOST = "harbordata.example"
EVENT = {
    "name": "Harbor Data Summit 2027",
    "start": "2027-04-22", "end": "2027-04-23",
    "venue": "Kade Conference Centre", "street": "Kadeweg 12", "city": "Havenstad", "country": "NL",
    "organizer": "Harbor Data Community",
    "description": "Two days of talks, workshops and breakouts about data engineering, open data and forecasting, by people who run it in production.",
}
STYLE = "body{font-family:sans-serif;max-width:60rem;margin:auto}.speaker-card{border:1px solid #ccc;margin:1rem;padding:1rem}"


def page(title: str, body: str, head: str = "") -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{escape(title)}</title>"
            f"<style>{STYLE}</style>{head}</head>\n<body>\n<nav><a href=\"/\">Home</a> <a href=\"/speakers/\">Speakers</a> "
            f"<a href=\"/schedule/\">Schedule</a> <a href=\"/sponsors/\">Sponsors</a></nav>\n{body}\n"
            "<footer><p>&copy; 2027 Harbor Data Community</p></footer>\n</body></html>\n")


def jsonld(data: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False, indent=1)}</script>'


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def avatar(initials: str, hue: int) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96"><rect width="96" height="96" rx="48" '
            f'fill="hsl({hue},45%,55%)"/><text x="48" y="58" font-size="32" text-anchor="middle" fill="#fff" '
            f'font-family="sans-serif">{escape(initials)}</text></svg>\n')


def profile_links(p: dict) -> dict[str, str]:
    links = {}
    if p.get("linkedin"):
        links["LinkedIn"] = f"https://www.linkedin.com/in/{p['linkedin']}"
    if p.get("x"):
        links["X"] = f"https://x.com/{p['x']}"
    if p.get("github"):
        links["GitHub"] = f"https://github.com/{p['github']}"
    if p.get("mastodon"):
        links["Mastodon"] = p["mastodon"]
    if p.get("website"):
        links["Website"] = p["website"]
    return links


def tagline(p: dict) -> str:
    title, company = escape(p["title"]), escape(p["company"])
    return {"at": f'<p class="role">{title} at {company}</p>',
            "comma": f'<p class="role">{title}, {company}</p>',
            "@": f'<p class="role">{title} @ {company}</p>',
            "split": f'<p class="role"><span class="job">{title}</span> <span class="org">{company}</span></p>',
            "none": f'<p class="role">{title}</p>'}[p["style"]]


def build_event(people, sessions, companies) -> None:
    root = DEMO / EVENT_HOST
    talks_of = {}
    for s in sessions:
        for sid in s["speakers"]:
            talks_of.setdefault(sid, []).append(s)
    by_id = {p["id"]: p for p in people}
    site = f"http://{EVENT_HOST}"
    event_ld = {
        "@context": "https://schema.org", "@type": "Event", "name": EVENT["name"], "url": site + "/",
        "startDate": EVENT["start"] + "T09:00:00+02:00", "endDate": EVENT["end"] + "T17:30:00+02:00",
        "description": EVENT["description"], "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": EVENT["venue"], "address": {
            "@type": "PostalAddress", "streetAddress": EVENT["street"], "addressLocality": EVENT["city"],
            "addressCountry": EVENT["country"]}},
        "organizer": {"@type": "Organization", "name": EVENT["organizer"], "url": site + "/"},
        "performer": [{"@type": "Person", "name": by_id[sid]["name"], "url": f"{site}/speakers/{sid}/"}
                      for s in sessions if s["type"] == "keynote" for sid in s["speakers"]],
    }
    home = (f"<h1>{escape(EVENT['name'])}</h1><p>{escape(EVENT['description'])}</p>"
            f"<p>22&ndash;23 April 2027, {escape(EVENT['venue'])}, {escape(EVENT['city'])}</p>")
    write(root / "index.html", page(EVENT["name"], home, jsonld(event_ld)))
    write(root / "robots.txt", "User-agent: *\nDisallow: /admin/\n")
    cards = []
    for i, p in enumerate(people):
        links = profile_links(p)
        link_html = "".join(f'<li><a href="{escape(u)}" rel="me">{k}</a></li>' for k, u in links.items())
        talk_html = "".join(f'<li><a href="/schedule/#s{s["id"]}">{escape(s["title"])}</a></li>' for s in talks_of.get(p["id"], []))
        initials = "".join(w[0] for w in p["name"].replace("Dr. ", "").split()[:2])
        write(root / "img" / f"{p['id']}.svg", avatar(initials, (i * 47) % 360))
        cards.append(
            f'<div class="speaker-card" id="{p["id"]}">\n <img src="/img/{p["id"]}.svg" alt="Photo of {escape(p["name"])}">\n'
            f' <h3 class="name"><a href="/speakers/{p["id"]}/">{escape(p["name"])}</a></h3>\n {tagline(p)}\n'
            f' <p class="bio">{escape(p["bio"])}</p>\n <ul class="links">{link_html}</ul>\n <ul class="talks">{talk_html}</ul>\n</div>')
        person_ld = {"@context": "https://schema.org", "@type": "Person", "name": p["name"], "jobTitle": p["title"],
                     "description": p["bio"], "image": f"{site}/img/{p['id']}.svg", "sameAs": list(links.values())}
        if p["company"]:
            person_ld["worksFor"] = {"@type": "Organization", "name": p["company"]}
        detail = (f"<h1>{escape(p['name'])}</h1>{tagline(p)}<p>{escape(p['bio'])}</p>"
                  f"<h2>Talks</h2><ul>{talk_html}</ul>")
        write(root / "speakers" / p["id"] / "index.html", page(p["name"], detail, jsonld(person_ld)))
    write(root / "speakers" / "index.html",
          page("Speakers", "<h1>Speakers</h1>\n<div class=\"speaker-grid\">\n" + "\n".join(cards) + "\n</div>"))
    rows = []
    for s in sessions:
        names = ", ".join(f'<a href="/speakers/{sid}/">{escape(by_id[sid]["name"])}</a>' for sid in s["speakers"])
        rows.append(f'<tr id="s{s["id"]}"><td>{s["day"]}</td><td>{s["start"]}</td><td>{escape(s["room"])}</td>'
                    f'<td>{escape(s["type"])}</td><td><strong>{escape(s["title"])}</strong><br>{escape(s["abstract"])}</td><td>{names}</td></tr>')
    table = ("<h1>Schedule</h1><p>Machine-readable: <a href=\"/schedule.xml\">schedule.xml</a> (frab)</p><table>"
             "<tr><th>Day</th><th>Start</th><th>Room</th><th>Type</th><th>Session</th><th>Speakers</th></tr>"
             + "\n".join(rows) + "</table>")
    write(root / "schedule" / "index.html", page("Schedule", table,
          '<link rel="alternate" type="application/xml" title="frab schedule" href="/schedule.xml">'))
    write(root / "schedule.xml", frab(sessions, by_id))
    tiers = {"Gold": ["tidewater-analytics", "fernbank", "vectorforge"],
             "Silver": ["openmeadow", "kelp-climate", "brightloom-retail", "quayside-logistics"],
             "Community": ["civic-stack", "saltmarsh-studio"]}
    by_slug = {c["slug"]: c for c in companies}
    body = ["<h1>Sponsors</h1>"]
    for tier, slugs in tiers.items():
        body.append(f'<h2>{tier} sponsors</h2><ul class="sponsors {tier.lower()}">')
        body += [f'<li class="sponsor"><a href="http://{s}.example/"><img src="http://{s}.example/logo.svg" '
                 f'alt="{escape(by_slug[s]["name"])} logo"> {escape(by_slug[s]["name"])}</a></li>' for s in slugs]
        body.append("</ul>")
    sponsor_ld = {"@context": "https://schema.org", "@type": "Event", "name": EVENT["name"], "url": site + "/",
                  "startDate": EVENT["start"], "sponsor": [{"@type": "Organization", "name": by_slug[s]["name"],
                  "url": f"http://{s}.example/"} for slugs in tiers.values() for s in slugs]}
    write(root / "sponsors" / "index.html", page("Sponsors", "\n".join(body), jsonld(sponsor_ld)))


def frab(sessions, by_id) -> str:
    days = sorted({s["day"] for s in sessions})
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<schedule>", "  <version>1.0</version>", "  <conference>",
           f"    <title>{escape(EVENT['name'])}</title>", "    <acronym>hds27</acronym>",
           f"    <start>{EVENT['start']}</start>", f"    <end>{EVENT['end']}</end>", f"    <days>{len(days)}</days>",
           "    <timeslot_duration>00:15</timeslot_duration>", "  </conference>"]
    for n, day in enumerate(days, 1):
        out.append(f'  <day index="{n}" date="{day}">')
        for room in sorted({s["room"] for s in sessions if s["day"] == day}):
            out.append(f'    <room name="{escape(room)}">')
            for s in (s for s in sessions if s["day"] == day and s["room"] == room):
                start = datetime.fromisoformat(f"{day}T{s['start']}:00+02:00")
                out += [f'      <event id="{s["id"]}">', f"        <date>{start.isoformat()}</date>",
                        f"        <start>{s['start']}</start>",
                        f"        <duration>{s['minutes'] // 60:02d}:{s['minutes'] % 60:02d}</duration>",
                        f"        <room>{escape(room)}</room>", f"        <title>{escape(s['title'])}</title>",
                        f"        <track>{escape(s['track'])}</track>", f"        <type>{escape(s['type'])}</type>",
                        f"        <language>en</language>", f"        <abstract>{escape(s['abstract'])}</abstract>",
                        "        <persons>"]
                out += [f'          <person id="{sid}">{escape(by_id[sid]["name"])}</person>' for sid in s["speakers"]]
                out += ["        </persons>", "      </event>"]
            out.append("    </room>")
        out.append("  </day>")
    out.append("</schedule>")
    return "\n".join(out) + "\n"


def build_company(c: dict) -> None:
    host = f"{c['slug']}.example"
    root = DEMO / host
    site = f"http://{host}"
    social = c.get("social", {})
    same_as = []
    if social.get("linkedin"):
        same_as.append(f"https://www.linkedin.com/company/{social['linkedin']}")
    if social.get("x"):
        same_as.append(f"https://x.com/{social['x']}")
    if social.get("github"):
        same_as.append(f"https://github.com/{social['github']}")
    if social.get("mastodon"):
        same_as.append(social["mastodon"])
    org = {"@context": "https://schema.org", "@type": "Organization", "name": c["name"], "url": site + "/",
           "logo": site + "/logo.svg", "description": c["description"], "foundingDate": c["founded"],
           "numberOfEmployees": {"@type": "QuantitativeValue", "value": c["employees"]},
           "address": {"@type": "PostalAddress", "addressLocality": c["city"], "addressCountry": c["country"]},
           "industry": c["industry"],
           "sameAs": same_as}
    short = c["name"].split(" N.V.")[0].split(" B.V.")[0]
    feed_kind = "atom" if len(c["slug"]) % 2 else "rss"
    feed_path = "/feed.atom" if feed_kind == "atom" else "/feed.xml"
    feed_type = "application/atom+xml" if feed_kind == "atom" else "application/rss+xml"

    def cpage(title: str, body: str, extra_head: str = "") -> str:
        head = (f'<meta name="description" content="{escape(c["description"])}">'
                f'<meta property="og:site_name" content="{escape(short)}">'
                f'<meta property="og:title" content="{escape(title)}">'
                f'<link rel="alternate" type="{feed_type}" title="{escape(short)} news" href="{feed_path}">{extra_head}')
        social_html = "".join(f'<a href="{escape(u)}">{escape(u.split("/")[2])}</a> ' for u in same_as)
        return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{escape(title)}</title>{head}</head>\n"
                f"<body><header><img src=\"/logo.svg\" alt=\"{escape(short)}\"> <a href=\"/\">Home</a> "
                f"<a href=\"/about/\">About us</a> <a href=\"/careers/\">Careers</a> <a href=\"{feed_path}\">News</a></header>\n"
                f"<main>{body}</main>\n<footer>{social_html}<p>&copy; {escape(c['name'])}, {escape(c['city'])}</p></footer></body></html>\n")

    news_items = "".join(f"<li>{d}: {escape(t)}</li>" for d, t, _ in c["news"])
    write(root / "index.html", cpage(short, f"<h1>{escape(short)}</h1><p>{escape(c['description'])}</p><h2>Latest news</h2><ul>{news_items}</ul>",
                                     jsonld(org)))
    write(root / "about" / "index.html", cpage(f"About {short}", f"<h1>About {escape(short)}</h1><p>{escape(c['description'])}</p>"
              f"<p>Founded in {c['founded']}, about {c['employees']:,} people, based in {escape(c['city'])}.</p>"))
    postings = [{"@context": "https://schema.org", "@type": "JobPosting", "title": job, "datePosted": "2027-03-01",
                 "hiringOrganization": {"@type": "Organization", "name": c["name"]},
                 "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": c["city"]}}}
                for job in c["jobs"]]
    jobs_html = "".join(f'<li class="job">{escape(j)}</li>' for j in c["jobs"]) or "<li>No open positions right now.</li>"
    write(root / "careers" / "index.html", cpage(f"Careers at {short}", f"<h1>Work at {escape(short)}</h1><ul class=\"jobs\">{jobs_html}</ul>",
                                                 "".join(jsonld(p) for p in postings)))
    write(root / "logo.svg", avatar(short[:2], (len(c["slug"]) * 37) % 360))
    write(root / "robots.txt", "User-agent: *\nAllow: /\n")
    if feed_kind == "rss":
        items = "".join(f"<item><title>{escape(t)}</title><link>{site}/news/{d}/</link><guid>{site}/news/{d}/</guid>"
                        f"<pubDate>{date.fromisoformat(str(d)).strftime('%a, %d %b %Y')} 09:00:00 +0000</pubDate>"
                        f"<description>{escape(s)}</description></item>" for d, t, s in c["news"])
        feed = (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>{escape(short)} news</title>'
                f"<link>{site}/</link><description>News from {escape(short)}</description>{items}</channel></rss>\n")
    else:
        entries = "".join(f"<entry><title>{escape(t)}</title><link href=\"{site}/news/{d}/\"/><id>{site}/news/{d}/</id>"
                          f"<updated>{d}T09:00:00Z</updated><summary>{escape(s)}</summary></entry>" for d, t, s in c["news"])
        feed = (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>{escape(short)} news</title>'
                f'<link href="{site}/"/><id>{site}/</id><updated>2027-04-10T00:00:00Z</updated>{entries}</feed>\n')
    write(root / feed_path.lstrip("/"), feed)
    for d, t, s in c["news"]:
        write(root / "news" / str(d) / "index.html", cpage(t, f"<h1>{escape(t)}</h1><p><time>{d}</time></p><p>{escape(s)}</p>"))


def main() -> None:
    people = yaml.safe_load((HERE / "people.yaml").read_text(encoding="utf-8"))
    sessions = yaml.safe_load((HERE / "sessions.yaml").read_text(encoding="utf-8"))
    companies = yaml.safe_load((HERE / "companies.yaml").read_text(encoding="utf-8"))
    for folder in DEMO.glob("*.example"):
        shutil.rmtree(folder)
    build_event(people, sessions, companies)
    for c in companies:
        build_company(c)
    print(f"built {EVENT_HOST} with {len(people)} speakers and {len(companies)} company sites under {DEMO}")


if __name__ == "__main__":
    main()
