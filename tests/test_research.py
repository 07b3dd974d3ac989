"""Company research against the demo web on 127.0.0.1: resolution order, pages, feeds, jobs, errors, offline."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest
from conftest import DEMO, ROOT, with_settings

from prep.demo import DEMO_SOURCES
from prep.errors import ParseError
from prep.fetch.client import Fetcher
from prep.fetch.localweb import Reply
from prep.research.companies import research_companies, research_company
from prep.research.sites import parse_company_page, parse_feed
from prep.research.targets import load_domains
from prep.shape.event import read_event

FIXTURES = ROOT / "tests" / "fixtures" / "wikipedia"


@pytest.fixture
def demo_settings(settings):
    return with_settings(settings, guess_urls="http://{slug}.example/")


@pytest.fixture
def demo_research(demo_settings):
    with Fetcher(demo_settings) as fetcher:
        event = read_event(DEMO_SOURCES, fetcher=fetcher)
        return event, research_companies(event, domains=DEMO / "domains.csv", fetcher=fetcher)


def _row(research, name: str) -> pd.Series:
    rows = research.companies[research.companies["name"] == name]
    assert len(rows) == 1, f"{name} not exactly once in {list(research.companies['name'])}"
    return rows.iloc[0]


def test_demo_companies_resolve_in_order_and_are_read(demo_research):
    event, research = demo_research
    companies = research.companies
    assert set(companies["name"]) >= set(event.people["company"].dropna())
    sources = dict(zip(companies["name"], companies["domain_source"]))
    assert sources["Marlin Media Group"] == "mapping"              # only the mapping file knows it
    assert sources["Tidewater Analytics"] == "event sponsor link"  # no card link or e-mail names it
    assert sources["Kelp Climate Labs"] == "card e-mail"           # an attendee's e-mail, before the sponsor link
    assert sources["Northwind Health"] == "guessed, confirmed by page"
    tidewater = _row(research, "Tidewater Analytics")
    assert tidewater["domain"] == "tidewater-analytics.example"
    assert tidewater["employees"] == 120 and tidewater["size_band"] == "51-200"
    assert tidewater["founded"] == "2016" and tidewater["headquarters"] == "Rotterdam, NL"
    assert tidewater["description"].startswith("Tidewater Analytics builds open-source stream processing")
    assert tidewater["linkedin"] == "https://www.linkedin.com/company/tidewater-analytics"
    assert tidewater["github"] == "https://github.com/tidewater-analytics"
    assert tidewater["careers_url"] == "http://tidewater-analytics.example/careers/"
    assert tidewater["open_roles"].splitlines() == ["Senior Data Engineer (streaming)", "Developer Advocate"]
    assert tidewater["feed_url"] == "http://tidewater-analytics.example/feed.atom"
    assert "http://tidewater-analytics.example/about/" in tidewater["sources"]
    assert _row(research, "Lumen Grid")["open_roles_count"] == 0  # a careers page saying "no open positions"
    news = research.news[research.news["company_id"] == tidewater["company_id"]]
    assert news["published"].tolist() == ["2027-03-30", "2027-02-11"]  # newest first
    assert news["title"].iloc[0] == "Tidewater releases Quaystream 2.0 with exactly-once sinks"
    unresolved = _row(research, "Delft University of Technology")
    assert pd.isna(unresolved["domain"]) and "no website found" in unresolved["error"]
    assert companies["company_id"].is_unique


def test_rss_and_atom_feeds_both_read(demo_research):
    _, research = demo_research
    feeds = research.companies.dropna(subset=["feed_url"])["feed_url"]
    assert any(f.endswith(".atom") for f in feeds) and any(f.endswith(".xml") for f in feeds)
    with_news = set(research.news["company_id"])
    assert set(research.companies.dropna(subset=["feed_url"])["company_id"]) <= with_news


def test_spellings_of_one_company_join(fetcher):
    research = research_companies(["Acme, Inc.", "ACME Inc", "Acme", "Acme Robotics"], fetcher=fetcher, guess=False)
    assert sorted(research.companies["normalized_name"]) == ["acme", "acme robotics"]


def test_mapping_file_wins_and_bad_mapping_is_named(tmp_path, demo_settings):
    mapping = tmp_path / "domains.yaml"
    mapping.write_text("Tidewater Analytics: http://civic-stack.example/\n", encoding="utf-8")
    with Fetcher(demo_settings) as fetcher:
        research = research_companies(pd.DataFrame({"company": ["Tidewater Analytics"],
                                                    "email": ["ava@tidewater-analytics.example"]}),
                                      domains=mapping, fetcher=fetcher)
    row = research.companies.iloc[0]
    assert row["domain_source"] == "mapping" and row["domain"] == "civic-stack.example"
    bad = tmp_path / "bad.csv"
    bad.write_text("firm,site\nA,a.example\n", encoding="utf-8")
    with pytest.raises(Exception, match="bad.csv.*'company' and a 'domain' column"):
        load_domains(bad)


def test_card_links_only_count_when_they_name_the_company(demo_settings):
    people = pd.DataFrame({"company": ["Orchard Robotics", "Orchard Robotics"],
                           "email": ["sofia@gmail.com", "bram@farm.example"],
                           "website": ["http://clarahoffmann.example/", "http://orchard-robotics.example/team/bram"]})
    with Fetcher(demo_settings) as fetcher:
        row = research_companies(people, fetcher=fetcher, guess=False).companies.iloc[0]
    assert row["domain_source"] == "card link" and row["website"] == "http://orchard-robotics.example/"


def test_free_mail_providers_from_the_maintained_list_never_name_a_company(demo_settings):
    people = pd.DataFrame({"company": ["Vltava Analytics", "Vltava Analytics", "Kettle Labs"],
                           "email": ["jana@seznam.cz", "petr@seznam.cz", "ann@kettle-mail.example"]})
    with Fetcher(with_settings(demo_settings, offline=True)) as fetcher:
        rows = research_companies(people, fetcher=fetcher, guess=False).companies.set_index("name")
    assert pd.isna(rows.loc["Vltava Analytics", "website"])  # seznam.cz is Czech webmail, not the company
    assert rows.loc["Kettle Labs", "domain_source"] == "card e-mail"


def test_guess_must_be_confirmed_by_the_page(web, demo_settings):
    web.route("http://acme-widgets.example/", Reply(200, "<html><head><title>Parked domain for sale</title></head></html>"))
    web.route("http://acme-widgets.example/robots.txt", Reply(404, ""))
    with Fetcher(demo_settings) as fetcher:
        row = research_companies(["Acme Widgets"], fetcher=fetcher).companies.iloc[0]
    assert pd.isna(row["domain"]) and "no candidate domain named the company" in row["error"]
    assert web.requests_to("acme-widgets.example") >= 1


def test_one_broken_site_is_recorded_and_the_run_goes_on(web, settings):
    web.route("http://broken.example/", Reply(500, "boom"))
    web.route("http://broken.example/robots.txt", Reply(404, ""))
    with Fetcher(with_settings(settings, retries=1)) as fetcher:
        research = research_companies(["http://broken.example/", "http://vectorforge.example/"], fetcher=fetcher)
    errors = dict(zip(research.companies["domain"], research.companies["error"]))
    assert "HTTP 500" in errors["broken.example"]
    assert pd.isna(errors["vectorforge.example"])
    assert _row(research, "VectorForge")["employees"] == 85


def test_warm_rerun_and_offline_make_no_requests(web, demo_settings):
    names = ["http://fernbank.example/", "Saltmarsh Studio"]
    with Fetcher(demo_settings) as fetcher:
        cold = research_companies(names, fetcher=fetcher)
    before = len(web.log)
    with Fetcher(with_settings(demo_settings, offline=True)) as fetcher:
        offline = research_companies(names, fetcher=fetcher, wikipedia=True)
    assert len(web.log) == before
    assert offline.companies.loc[0, "description"] == cold.companies.loc[0, "description"]
    assert "guessing is off offline" in offline.companies.loc[1, "error"]  # a name alone needs the network


def test_wikipedia_and_wikidata_fill_gaps_only_when_they_match(web, demo_settings):
    api = "https://en.wikipedia.org/api/rest_v1/page/summary/"
    routes = {api + "Tidewater_Analytics": "summary_tidewater.json", api + "Lumen_Grid": "summary_lumen.json",
              "https://www.wikidata.org/wiki/Special:EntityData/Q99900001.json": "entity_tidewater.json",
              "https://www.wikidata.org/wiki/Special:EntityData/Q99900002.json": "entity_lumen.json",
              "https://www.wikidata.org/w/api.php": "labels.json"}
    # https through the local proxy is not possible, so the recorded API answers on http
    settings = with_settings(demo_settings, obey_robots=False)
    for url, name in routes.items():
        web.route(url.replace("https://", "http://"),
                  Reply(200, (FIXTURES / name).read_bytes(), {"Content-Type": "application/json"}))
    # the company's own page: employees, but no industry or headquarters
    web.route("http://tidewater-analytics.example/", Reply(200, '<html><head><title>Tidewater Analytics</title>'
              '<script type="application/ld+json">{"@type": "Organization", "name": "Tidewater Analytics B.V.", '
              '"url": "http://tidewater-analytics.example/", "numberOfEmployees": 120}</script></head></html>'))
    import prep.research.wikipedia as research_module
    saved = (research_module.WIKIPEDIA, research_module.WIKIDATA_ENTITY, research_module.WIKIDATA_LABELS)
    research_module.WIKIPEDIA, research_module.WIKIDATA_ENTITY, research_module.WIKIDATA_LABELS = (
        u.replace("https://", "http://") for u in saved)
    try:
        with Fetcher(settings) as fetcher:
            research = research_companies(["Tidewater Analytics", "Lumen Grid"], fetcher=fetcher,
                                          organizations=pd.DataFrame({"name": ["Tidewater Analytics", "Lumen Grid"],
                                                                      "url": ["http://tidewater-analytics.example/",
                                                                              "http://lumen-grid.example/"]}),
                                          wikipedia=True)
    finally:
        research_module.WIKIPEDIA, research_module.WIKIDATA_ENTITY, research_module.WIKIDATA_LABELS = saved
    tidewater, lumen = _row(research, "Tidewater Analytics"), _row(research, "Lumen Grid")
    assert tidewater["industry"] == "software industry"      # the site says nothing about industry
    assert tidewater["headquarters"] == "Rotterdam" and tidewater["founded"] == "2016"
    assert tidewater["employees"] == 120                      # the site's own figure wins over Wikidata's 110
    assert "en.wikipedia.org" in tidewater["sources"]
    assert lumen["industry"] == "Energy" and "wikipedia" not in lumen["sources"]  # official website differs: ignored
    assert "lighting shop" not in str(lumen["description"])
    assert lumen["employees"] == 600


def test_scraped_links_are_http_only():
    page = parse_company_page("""<html><head><script type="application/ld+json">
        {"@type": "Organization", "name": "Evil", "url": "javascript:alert(1)",
         "sameAs": ["file:///etc/passwd", "https://github.com/evil"], "logo": "data:image/png;base64,xx"}
        </script><link rel="alternate" type="application/rss+xml" href="file:///etc/feed"></head>
        <body><a href="javascript:alert(1)">About us</a><a href="/careers/">Careers</a></body></html>""",
                              "http://evil.example/")
    # the javascript: "url" is dropped; the site the page is on stands for the company's website
    assert page["website"] == "http://evil.example/" and page["logo"] == "" and page["feeds"] == []
    assert page["about_url"] == ""
    assert page["socials"] == {"github": "https://github.com/evil"}
    assert page["careers_url"] == "http://evil.example/careers/"


def test_a_home_page_without_a_description_is_described_by_its_first_paragraph():
    body = ("<nav><p>Products, pricing, customers, careers and a long list of other menu entries here</p></nav>"
            "<div class='banner'><p>We use cookies to give you the best experience on our website, read more.</p></div>"
            "<h1>Kettle Labs</h1><p>Short hero line.</p>"
            "<p>Kettle Labs builds open-source tools that keep data pipelines honest, from tests to lineage.</p>")
    home = parse_company_page(f"<html><head><title>Kettle Labs</title></head><body>{body}</body></html>",
                              "https://kettle.example/")
    assert home["description"] == "Kettle Labs builds open-source tools that keep data pipelines honest, from tests to lineage."
    post = parse_company_page(f"<html><body>{body}</body></html>", "https://kettle.example/blog/2027/why-lineage/")
    assert post["description"] == ""  # an article's first paragraph is about the article, not the company


def test_feed_parser_dates_and_rejects_garbage():
    posts = parse_feed(b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
        <item><title>Old</title><link>http://a.example/1</link><pubDate>Mon, 01 Mar 2027 09:00:00 +0000</pubDate></item>
        <item><title>New <b>bold</b></title><link>javascript:x</link><pubDate>Tue, 02 Mar 2027 09:00:00 +0000</pubDate>
        <description>&lt;p&gt;Hello &lt;script&gt;x&lt;/script&gt;&lt;/p&gt;</description></item></channel></rss>""",
                       "http://a.example/feed")
    assert [p["title"] for p in posts] == ["New bold", "Old"] and posts[0]["url"] == ""
    assert posts[0]["published"] == "2027-03-02" and "<" not in posts[0]["summary"]
    with pytest.raises(ParseError, match="not a readable feed"):
        parse_feed(b"\x00\x01 not xml at all <<<", "http://a.example/feed")


def test_cli_companies_writes_companies_and_news(tmp_path, web):
    people = tmp_path / "people.csv"
    pd.DataFrame({"name": ["Ava Jansen", "Priya Raman"], "company": ["Tidewater Analytics", "Fernbank N.V."],
                  "email": ["", "priya@fernbank.example"]}).to_csv(people, index=False)
    orgs = tmp_path / "orgs.csv"
    pd.DataFrame({"name": ["Tidewater Analytics"], "kind": ["sponsor"],
                  "url": ["http://tidewater-analytics.example/"]}).to_csv(orgs, index=False)
    out = tmp_path / "companies.csv"
    done = subprocess.run([sys.executable, "-m", "prep.cli", "companies", str(people), "--orgs", str(orgs), "-o", str(out),
                           "--proxy", web.proxy, "--cache", str(tmp_path / "c.sqlite"), "--delay", "0", "--no-guess"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    companies = pd.read_csv(out)
    assert set(companies["domain"]) == {"tidewater-analytics.example", "fernbank.example"}
    news = pd.read_csv(tmp_path / "companies_news.csv")
    assert len(news) >= 3 and set(news["company_id"]) == set(companies["company_id"])
    assert "2 companies, 2 researched, 0 with an error" in done.stderr


def test_cli_company_prints_json_with_news(tmp_path, web):
    import json

    done = subprocess.run([sys.executable, "-m", "prep.cli", "company", "http://tidewater-analytics.example/",
                           "--proxy", web.proxy, "--cache", str(tmp_path / "c.sqlite"), "--delay", "0"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["company"]["domain"] == "tidewater-analytics.example" and result["company"]["employees"] == 120
    assert result["news"][0]["title"] == "Tidewater releases Quaystream 2.0 with exactly-once sinks"


def test_guessing_is_capped_and_failed_guesses_are_not_tried_again(web, demo_settings):
    people = pd.DataFrame([{"name": f"P{i}", "company": c} for i, c in enumerate(
        ["Northwind Health", "Northwind Health", "Nowhere Widgets", "Nowhere Widgets", "Lumen Grid"])])
    capped = with_settings(demo_settings, max_guesses=2)
    with Fetcher(capped) as fetcher:
        rows = research_companies(people, fetcher=fetcher).companies.set_index("name")
    assert rows.loc["Northwind Health", "domain_source"] == "guessed, confirmed by page"
    assert "PREP_MAX_GUESSES" in rows.loc["Lumen Grid", "error"]  # one person: beyond the cap of two
    asked = web.requests_to("nowhere-widgets.example") + web.requests_to("nowherewidgets.example")
    assert asked >= 1
    with Fetcher(capped) as fetcher:  # a re-run: the failed guess is remembered, not asked again
        rows = research_companies(people, fetcher=fetcher).companies.set_index("name")
    assert "guessed before" in rows.loc["Nowhere Widgets", "error"]
    assert web.requests_to("nowhere-widgets.example") + web.requests_to("nowherewidgets.example") == asked


def test_a_saved_page_is_read_as_it_is_and_work_email_domains_name_their_company(web, demo_settings, tmp_path):
    saved = tmp_path / "about.html"
    saved.write_text('<html><head><title>Bluepoint Health</title><meta property="og:site_name" content="Bluepoint Health">'
                     '<meta name="description" content="Bluepoint Health runs clinics for rural towns."></head>'
                     '<body><a href="https://github.com/bluepoint-health">GitHub</a></body></html>', encoding="utf-8")
    with Fetcher(demo_settings) as fetcher:
        row = research_companies([str(saved)], fetcher=fetcher).companies.iloc[0]
        one = research_company(saved, saved_from="https://bluepoint.example/about", fetcher=fetcher).companies.iloc[0]
    assert row["name"] == "Bluepoint Health" and row["domain_source"] == "saved page"
    assert one["name"] == "Bluepoint Health" and one["website"] == "https://bluepoint.example/"
    assert row["description"] == "Bluepoint Health runs clinics for rural towns." and web.log == []  # nothing fetched
    people = pd.DataFrame([
        {"name": "Dmitri Volkov", "company": "Bluepoint Health", "email": "dmitri@company-1.example"},
        {"name": "Ann Lee", "company": "Quayside Logistics", "email": "ann@shared.example"},
        {"name": "Bo Chen", "company": "Fernbank", "email": "bo@shared.example"}])
    with Fetcher(with_settings(demo_settings, offline=True)) as fetcher:
        rows = research_companies(people, fetcher=fetcher, guess=False).companies.set_index("name")
    assert rows.loc["Bluepoint Health", "domain_source"] == "card e-mail"  # one company's own domain, unspelled
    assert "shared by people of 2 companies" in rows.loc["Quayside Logistics", "error"]


def test_cli_company_reads_a_saved_page_against_the_address_it_came_from(tmp_path):
    saved = tmp_path / "unserverein.html"
    saved.write_text('<html><head><title>Hunde Verein Lohe 1990 e. V.</title></head><body><p>Seit 1990.</p>'
                     '<a href="kontakt.html">Kontakt</a></body></html>', encoding="latin-1")

    def company(*extra):
        return subprocess.run([sys.executable, "-m", "prep.cli", "company", str(saved), "--offline", "--cache",
                               str(tmp_path / "c.sqlite"), *extra], capture_output=True, text=True, timeout=60)

    done = company("--url", "http://www.hundeverein-lohe.example/unserverein.html")
    record = json.loads(done.stdout)["company"]
    assert record["name"] == "Hunde Verein Lohe 1990 e. V." and record["website"] == "http://www.hundeverein-lohe.example/"
    assert record["domain_source"] == "saved page"
    done = company("--url", "javascript:alert(1)")
    assert done.returncode == 1 and "must start with http" in done.stderr and "Traceback" not in done.stderr


def test_a_sites_industry_is_read_from_its_own_words_with_the_sentence_as_evidence(web, demo_settings):
    web.route("http://bluepoint.example/", Reply(200, '<html><head><title>Bluepoint Health</title>'
                                                      '<meta name="description" content="Bluepoint Health runs clinics for '
                                                      'rural towns and helps patients get care."></head><body></body></html>'))
    web.route("http://quiet.example/", Reply(200, "<html><head><title>Quiet Co</title></head><body><p>Hello.</p></body></html>"))
    with Fetcher(demo_settings) as fetcher:
        rows = research_companies(["http://bluepoint.example/", "http://quiet.example/"], fetcher=fetcher).companies
    rows = rows.set_index("name")
    assert rows.loc["Bluepoint Health", "industry"] == "Hospitals and Health Care"
    assert "clinics" in rows.loc["Bluepoint Health", "industry_evidence"]
    assert pd.isna(rows.loc["Quiet Co", "industry"])  # nothing decides: unknown, never guessed


def test_a_selling_meta_description_gives_way_to_the_sentence_it_quotes():
    page = parse_company_page(
        '<html><head><title>Call Now: 98765 43210 | Roof Repairs | Kettle & Sons</title>'
        '<meta name="description" content="Call Now: 98765 43210 | Roof Repairs in Leeds-With 30 years of work, Kettle '
        '&amp; Sons keeps roofs across Leeds dry and safe.">'
        '<link rel="canonical" href="https://www.kettleandsons.example/"></head><body>'
        '<h2>Who we are</h2><p>With 30 years of work, Kettle &amp; Sons keeps roofs across Leeds dry and safe. We '
        'also clear gutters.</p></body></html>', "saved.html")
    assert page["description"] == "With 30 years of work, Kettle & Sons keeps roofs across Leeds dry and safe."
    assert page["website"] == "https://www.kettleandsons.example/"  # the saved page's canonical site


def test_a_cut_description_on_an_about_page_is_replaced_by_its_first_paragraph():
    lead = ("Open Shelf helps libraries lend digital books to everyone, in every language, for free. We build the "
            "tools and the network that make it possible.")
    page = parse_company_page(
        '<html><head><title>What we do - Open Shelf</title><meta property="og:type" content="article">'
        '<meta property="og:description" content="What is Open Shelf? Open Shelf helps libraries lend digital books '
        'to everyone … Read More &quot;What we do&quot;">'
        f'</head><body><h1>What we do</h1><p>{lead}</p></body></html>', "https://openshelf.example/about/")
    assert page["description"] == lead and page["is_article"] is False


def test_a_site_without_metadata_is_named_by_its_logo_or_title():
    bare = "<html><head><title>{}</title></head><body>{}<p>Welcome.</p></body></html>"
    assert parse_company_page(bare.format("Home | Acme Robotics", ""), "https://acme-robotics.example/")["name"] == \
        "Acme Robotics"
    assert parse_company_page(bare.format("Hunde Verein Kreis Lohe 1990 e. V.", ""), "club.html")["name"] == \
        "Hunde Verein Kreis Lohe 1990 e. V."
    logo = '<a href="/"><img class="site-logo" src="/logo.png" alt="Harbor Bakery"></a>'
    assert parse_company_page(bare.format("Fresh bread daily", logo), "https://hb.example/")["name"] == "Harbor Bakery"


def test_a_profile_beside_the_company_s_own_in_a_small_icon_row_is_the_company_s_too():
    page = parse_company_page(
        '<html><head><meta property="og:site_name" content="Kettle Roofing"></head><body>'
        '<div class="row"><div class="icon"><a href="https://www.facebook.com/kettleroofing1980">f</a></div>'
        '<div class="icon"><a href="https://www.youtube.com/channel/UCabc123">yt</a></div></div>'
        '<section class="reviews">' + "".join(f'<p><a href="/r{i}">review {i}</a></p>' for i in range(12)) +
        '<a href="https://www.instagram.com/a_happy_client">client</a></section></body></html>',
        "https://kettleroofing.example/")
    assert page["socials"] == {"facebook": "https://www.facebook.com/kettleroofing1980",
                               "youtube": "https://www.youtube.com/channel/UCabc123"}
