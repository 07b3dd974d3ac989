"""The commands that read an event and work on it: people, sessions, orgs, event; company, companies; rank,
lint; brief, batch, demo; serve."""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from ..errors import PrepError
from ..layout import package_data
from . import EXIT_ERROR, fetch_options, positive, render_option, research_options, settings_of, write_frame


def add_read_commands(sub) -> None:
    """people, sessions, orgs and event: an event's frames, read from its pages and files."""
    for which, help_text in (("people", "write the people of an event"), ("sessions", "write the sessions"),
                             ("orgs", "write the sponsors, exhibitors and partners"),
                             ("event", "write the event itself (name, dates, place, organiser) as JSON")):
        p = sub.add_parser(which, help=help_text)
        p.add_argument("sources", nargs="+", metavar="SOURCE", help="URL or local file (several merge into one event)")
        p.add_argument("--kind", default="auto", help="reader to use (default: detect)")
        p.add_argument("--format", choices=("json",) if which == "event" else ("csv", "json", "parquet"),
                       default="json" if which == "event" else "csv")
        p.add_argument("-o", "--output", help="file to write (default: standard output)")
        p.add_argument("--excel-safe", action="store_true",
                       help="CSV for a spreadsheet: a cell starting with = + - @ gets an apostrophe, so it never "
                            "runs as a formula (default: the text exactly as found, for pandas and other tools)")
        p.add_argument("--max-pages", type=int, default=8, metavar="N",
                       help="more pages of the event's site to read when the pages given link them (speakers, "
                            "schedule, sponsors, team); 0 reads only the pages given (default 8)")
        p.add_argument("--no-profiles", dest="follow_profiles", action="store_false",
                       help="do not read each person's own page on the event site (read by default, politely)")
        p.add_argument("--follow-profiles", dest="follow_profiles", action="store_true", help=argparse.SUPPRESS)
        p.add_argument("--recipe", help="YAML CSS-selector recipe overriding the generic HTML reader")
        fetch_options(p)
        render_option(p)
        p.set_defaults(func=lambda a, w={"orgs": "organizations"}.get(which, which): cmd_frame(a, w))


def add_plan_commands(sub) -> None:
    """company, companies, rank and lint: research, the plan and outreach."""
    p = sub.add_parser("company", help="research one company (website URL, domain, name or a saved page)")
    p.add_argument("company", metavar="URL_OR_NAME_OR_FILE")
    p.add_argument("--format", choices=("csv", "json"), default="json")
    p.add_argument("--url", help="for a saved page: the address it was saved from (its relative links resolve "
                                 "against it, and its site is the company's website)")
    research_options(p)
    p.set_defaults(func=cmd_company)

    p = sub.add_parser("companies", help="research every company of a people CSV (or a list of names)")
    p.add_argument("people", metavar="PEOPLE.csv", help="a people CSV (prep people ...) or one company name per line")
    p.add_argument("--orgs", help="the event's organizations CSV (prep orgs ...): sponsor links resolve domains")
    p.add_argument("--format", choices=("csv", "json", "parquet"), default="csv")
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    p.add_argument("--news", help="where to write the company news CSV (default: OUTPUT_news.csv)")
    research_options(p)
    p.set_defaults(func=cmd_companies)

    p = sub.add_parser("rank", help="plan whom to meet: the priorities table (title-blind ranking)")
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument("--profile", required=True, help="your profile (YAML, see data/demo/profile.yaml)")
    p.add_argument("--contacts", help="your contacts (CSV: name, company, relationship, email, last_contact)")
    p.add_argument("--top", type=positive, default=20, help="how many people to plan to meet (default 20)")
    p.add_argument("--format", choices=("csv", "json", "parquet"), default="csv")
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    p.add_argument("--no-research", action="store_true", help="skip company research (faster, fewer reasons)")
    research_options(p)
    p.set_defaults(func=cmd_rank)

    p = sub.add_parser("lint", help="check an outreach draft against the rules (exit 1 if it breaks one)")
    p.add_argument("draft", help="a text file whose first line may be 'Subject: ...'; - reads standard input")
    p.add_argument("--subject", help="the subject line, if not in the file")
    p.add_argument("--profile", help="your profile: checks a shared interest and your LinkedIn URL")
    p.set_defaults(func=cmd_lint)


def add_brief_commands(sub) -> None:
    """brief, batch, demo and serve."""
    p = sub.add_parser("brief", help="build the research brief (HTML) for an event")
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument("--profile", help="your profile (YAML)")
    p.add_argument("--contacts", help="your contacts (CSV)")
    p.add_argument("--top", type=positive, default=20, help="how many people to plan to meet (default 20)")
    p.add_argument("--domains", help="your company -> domain mapping (CSV company,domain or YAML)")
    p.add_argument("--out", default="briefs", help="output folder (default: briefs)")
    p.add_argument("--name", help="the event's name, when the pages do not say it well (the brief's title and folder)")
    p.add_argument("--offline", action="store_true")
    p.add_argument("--cache-dir", help="folder for the HTTP cache")
    render_option(p)
    p.set_defaults(func=cmd_brief)

    p = sub.add_parser("batch", help="build briefs for many events as Dask tasks (local cluster or yours), with an index")
    p.add_argument("events", metavar="EVENTS_FILE", help="YAML list or CSV of events (sources; name, profile, contacts, top)")
    p.add_argument("--out", default="briefs", help="output folder (default: briefs); on a cluster, a folder every "
                                                   "worker shares")
    p.add_argument("--jobs", type=int, default=2, help="worker processes of the local cluster (default 2)")
    p.add_argument("--scheduler", help="run on an existing Dask cluster: its scheduler's address, tcp://host:8786 "
                                       "(default: PREP_DASK_SCHEDULER, else a local cluster of --jobs workers)")
    p.add_argument("--force", action="store_true", help="rebuild briefs that are up to date")
    p.add_argument("--profile", help="profile for events that do not name one")
    p.add_argument("--contacts", help="contacts for events that do not name them")
    p.add_argument("--offline", action="store_true")
    p.add_argument("--cache-dir", help="folder for the HTTP cache")
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("demo", help="build the brief of the bundled offline demo event")
    p.add_argument("--out", default="build/demo")
    p.add_argument("--cache-dir", help="folder for the HTTP cache")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("serve", help="serve a folder of sites by hostname on 127.0.0.1 (a local web)")
    p.add_argument("root", nargs="?", help="a folder with one folder per host name (default: the demo web)")
    p.add_argument("--latency", type=float, default=0.0, help="seconds added to every response")
    p.set_defaults(func=cmd_serve)


def cmd_frame(args, which: str) -> int:
    from ..fetch.client import Fetcher
    from ..shape.event import read_event

    with Fetcher(settings_of(args)) as fetcher:
        event = read_event(args.sources, kind=args.kind, fetcher=fetcher, follow_profiles=args.follow_profiles,
                           max_site_pages=args.max_pages,
                           recipe=args.recipe)
    for failure in event.failures:
        print(f"warning: {failure['source']}: {failure['error']}", file=sys.stderr)
    if which == "event":
        counts = {k: len(getattr(event, k)) for k in ("people", "sessions", "organizations")}
        sys.stdout.write(json.dumps({**event.info, "slug": event.slug, **counts, "sources": event.sources},
                                    ensure_ascii=False, indent=1) + "\n")
        return 0
    if getattr(event, which).empty:
        raise PrepError(f"{', '.join(args.sources)}: no {which} found (people: {len(event.people)}, "
                        f"sessions: {len(event.sessions)}, organizations: {len(event.organizations)})")
    write_frame(getattr(event, which), args.format, args.output, excel_safe=args.excel_safe)
    return 0


def _research(args, companies, organizations=None, saved_from=None):
    """``companies``: a list (``prep companies``) or one company as the user gave it (``prep company``)."""
    from ..fetch.client import Fetcher
    from ..research.companies import research_companies, research_company

    settings = settings_of(args)
    if args.guess_urls:
        settings = dataclasses.replace(settings, guess_urls=args.guess_urls)
    options = {"domains": args.domains, "guess": not args.no_guess, "wikipedia": args.wikipedia}
    with Fetcher(settings) as fetcher:
        if isinstance(companies, str):
            return research_company(companies, saved_from=saved_from, fetcher=fetcher, **options)
        return research_companies(companies, organizations=organizations, fetcher=fetcher, **options)


def cmd_company(args) -> int:
    research = _research(args, args.company, saved_from=args.url)
    if research.companies.empty:
        raise PrepError(f"{args.company!r}: nothing to research (no company name or website in it)")
    row = research.companies.iloc[0]
    if args.format == "json":
        record = json.loads(research.companies.iloc[[0]].to_json(orient="records"))[0]
        news = json.loads(research.news.to_json(orient="records"))
        sys.stdout.write(json.dumps({"company": record, "news": news}, ensure_ascii=False, indent=1) + "\n")
    else:
        write_frame(research.companies, "csv", None)
    if isinstance(row["error"], str):
        print(f"warning: {row['name']}: {row['error']}", file=sys.stderr)
    return 0


def cmd_companies(args) -> int:
    import pandas as pd

    from ..research.companies import read_company_list

    organizations = pd.read_csv(args.orgs, dtype=str, keep_default_na=False) if args.orgs else None
    research = _research(args, read_company_list(args.people), organizations)
    write_frame(research.companies, args.format, args.output)
    news_path = args.news or (args.output and str(Path(args.output).with_name(Path(args.output).stem + "_news.csv")))
    if news_path:
        research.news.to_csv(news_path, index=False)
    failed = research.companies[research.companies["error"].notna()]
    print(f"{len(research.companies)} companies, {len(research.companies) - len(failed)} researched, "
          f"{len(failed)} with an error (see the error column); {len(research.news)} news items"
          + (f" in {news_path}" if news_path else ""), file=sys.stderr)
    return 0


def cmd_rank(args) -> int:
    from ..fetch.client import Fetcher
    from ..plan.meetings import plan_meetings
    from ..plan.profile import load_profile
    from ..shape.event import read_event

    profile = load_profile(args.profile)  # check the profile before any fetching
    with Fetcher(settings_of(args)) as fetcher:
        event = read_event(args.sources, fetcher=fetcher)
    research = None if args.no_research else _research(args, event)
    for failure in event.failures:
        print(f"warning: {failure['source']}: {failure['error']}", file=sys.stderr)
    plan = plan_meetings(event, research, profile, args.contacts, top=args.top)
    write_frame(plan.priorities, args.format, args.output)
    for note in plan.timing:
        print(f"timing: {note}", file=sys.stderr)
    return 0


def cmd_lint(args) -> int:
    from ..plan.outreach import lint_outreach
    from ..plan.profile import load_profile

    text = Path(args.draft).read_text(encoding="utf-8") if args.draft != "-" else sys.stdin.read()
    subject, body = args.subject or "", text
    first, _, rest = text.partition("\n")
    if not subject and first.lower().startswith("subject:"):
        subject, body = first.split(":", 1)[1].strip(), rest
    profile = load_profile(args.profile) if args.profile else None
    problems = lint_outreach(subject, body, interests=(profile.interests + profile.goals) if profile else (),
                             linkedin=profile.linkedin if profile and profile.linkedin else None)
    for problem in problems:
        print(problem)
    if not problems:
        print("ok: specific subject, short, shared interest, offer before a small ask, LinkedIn, no attachments")
    return 1 if problems else 0


def cmd_batch(args) -> int:
    from ..render.batch import read_events_file, run_batch

    events = read_events_file(args.events, profile=args.profile, contacts=args.contacts)
    results = run_batch(events, args.out, jobs=args.jobs, force=args.force, offline=args.offline, cache_dir=args.cache_dir,
                        scheduler=args.scheduler)
    failed = [r for r in results if r.status == "failed"]
    counts = {s: sum(r.status == s for r in results) for s in ("built", "up to date", "failed")}
    print(f"{Path(args.out, 'index.html').resolve()}")
    print(f"{len(results)} events: " + ", ".join(f"{n} {s}" for s, n in counts.items()), file=sys.stderr)
    for r in failed:
        print(f"failed: {r.name}: {r.error}", file=sys.stderr)
    return EXIT_ERROR if failed else 0


def cmd_demo(args) -> int:
    from ..demo import DEMO_CONTACTS, DEMO_PROFILE, DEMO_SOURCES
    from ..render.brief import build_brief

    brief = build_brief(DEMO_SOURCES, out_dir=args.out, profile=str(DEMO_PROFILE), contacts=str(DEMO_CONTACTS),
                        cache_dir=args.cache_dir, demo=True)
    print(brief.html.resolve())
    return 0


def cmd_brief(args) -> int:
    import os

    from ..render.brief import build_brief

    if args.render:
        os.environ["PREP_RENDER"] = "1"  # the brief's data step reads its settings from the environment
    brief = build_brief(args.sources, out_dir=args.out, profile=args.profile, contacts=args.contacts, top=args.top,
                        offline=args.offline, cache_dir=args.cache_dir, domains=args.domains, name=args.name)
    print(brief.html.resolve())
    return 0


def cmd_serve(args) -> int:
    import time

    from ..fetch.localweb import LocalWeb

    root = args.root or str(package_data("demo_web"))
    with LocalWeb(root, latency=args.latency) as web:
        print(f"serving {root} by hostname; use it as a proxy, for http and https addresses alike:\n"
              f"export PREP_PROXY={web.proxy} PREP_LOCAL_WEB=1", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0
