"""Command line: parse arguments, build settings, call one library function, map errors to exit codes."""
from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import logging
import sqlite3
import sys
from pathlib import Path

from .errors import PrepError
from .layout import package_data

EXIT_ERROR, EXIT_USAGE = 1, 2


def _settings(args):
    from .settings import Settings

    return Settings.from_env(offline=args.offline or None, cache_path=args.cache and Path(args.cache),
                             obey_robots=False if args.ignore_robots else None, delay=args.delay, proxy=args.proxy,
                             render=getattr(args, "render", False) or None)


def _write(frame, fmt: str, output: str | None, excel_safe: bool = False) -> None:
    if fmt == "parquet" and not output:
        raise PrepError("--format parquet needs -o FILE (parquet is binary)")
    if fmt == "csv":
        if excel_safe:
            from .schema import spreadsheet_safe_frame

            frame = spreadsheet_safe_frame(frame)
        text = frame.to_csv(index=False)
    elif fmt == "json":
        text = frame.to_json(orient="records", force_ascii=False, indent=1)
    else:
        frame.to_parquet(output, index=False)
        return
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def cmd_frame(args, which: str) -> int:
    from .fetch.client import Fetcher
    from .shape.event import read_event

    with Fetcher(_settings(args)) as fetcher:
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
    _write(getattr(event, which), args.format, args.output, excel_safe=args.excel_safe)
    return 0


def _research(args, companies, organizations=None, saved_from=None):
    """``companies``: a list (``prep companies``) or one company as the user gave it (``prep company``)."""
    from .fetch.client import Fetcher
    from .research.companies import research_companies, research_company

    settings = _settings(args)
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
        _write(research.companies, "csv", None)
    if isinstance(row["error"], str):
        print(f"warning: {row['name']}: {row['error']}", file=sys.stderr)
    return 0


def cmd_companies(args) -> int:
    import pandas as pd

    from .research.companies import read_company_list

    organizations = pd.read_csv(args.orgs, dtype=str, keep_default_na=False) if args.orgs else None
    research = _research(args, read_company_list(args.people), organizations)
    _write(research.companies, args.format, args.output)
    news_path = args.news or (args.output and str(Path(args.output).with_name(Path(args.output).stem + "_news.csv")))
    if news_path:
        research.news.to_csv(news_path, index=False)
    failed = research.companies[research.companies["error"].notna()]
    print(f"{len(research.companies)} companies, {len(research.companies) - len(failed)} researched, "
          f"{len(failed)} with an error (see the error column); {len(research.news)} news items"
          + (f" in {news_path}" if news_path else ""), file=sys.stderr)
    return 0


def cmd_rank(args) -> int:
    from .fetch.client import Fetcher
    from .plan.meetings import plan_meetings
    from .plan.profile import load_profile
    from .shape.event import read_event

    profile = load_profile(args.profile)  # check the profile before any fetching
    with Fetcher(_settings(args)) as fetcher:
        event = read_event(args.sources, fetcher=fetcher)
    research = None if args.no_research else _research(args, event)
    for failure in event.failures:
        print(f"warning: {failure['source']}: {failure['error']}", file=sys.stderr)
    plan = plan_meetings(event, research, profile, args.contacts, top=args.top)
    _write(plan.priorities, args.format, args.output)
    for note in plan.timing:
        print(f"timing: {note}", file=sys.stderr)
    return 0


def cmd_lint(args) -> int:
    from .plan.outreach import lint_outreach
    from .plan.profile import load_profile

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
    from .render.batch import read_events_file, run_batch

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


def _tracker(args):
    import os

    from .track.store import DEFAULT_CADENCE, Tracker

    cadence = dict(DEFAULT_CADENCE)
    for part in filter(None, os.environ.get("PREP_CADENCE", "").split(",")):
        strength, _, days = part.partition("=")
        if strength.strip() not in cadence or not days.strip().isdigit():
            raise PrepError(f"PREP_CADENCE={os.environ['PREP_CADENCE']!r}: use e.g. strong=30,medium=90,weak=180")
        cadence[strength.strip()] = int(days)
    stop_after = os.environ.get("PREP_STOP_AFTER", "2")
    if not stop_after.isdigit() or int(stop_after) < 1:
        raise PrepError(f"PREP_STOP_AFTER={stop_after!r}: a whole number of unanswered follow-ups, at least 1")
    return Tracker(args.db, cadence=cadence, stop_after=int(stop_after))


def cmd_track_import(args) -> int:
    with _tracker(args) as tracker:
        counts = tracker.import_brief(args.brief)
    print(f"{args.brief}: {counts['added']} added, {counts['updated']} updated, {counts['unchanged']} unchanged "
          f"({tracker.path})")
    return 0


def cmd_track_export(args) -> int:
    if not (args.ics or args.csv or args.vcard):
        raise PrepError("say what to export: --ics FILE, --csv FILE and/or --vcard FILE")
    with _tracker(args) as tracker:
        if args.ics:
            print(f"{args.ics}: {tracker.to_ics(args.ics)} reminders (iCalendar)")
        if args.csv:
            print(f"{args.csv}: {tracker.to_csv(args.csv)} reminders (CSV for spreadsheets, Trello, Asana)")
        if args.vcard:
            print(f"{args.vcard}: {tracker.to_vcard(args.vcard)} contacts (vCard)")
    return 0


def cmd_met(args) -> int:
    if not args.name.strip():
        raise PrepError("a name is needed: whom did you meet?")
    with _tracker(args) as tracker:
        tracker.met(args.name, event=args.event, day=args.date, company=args.company or "", note=args.note or "",
                    signal=args.signal, promises=args.promise or [], their_promises=args.they_promised or [],
                    introduced_by=args.introduced_by, channel=args.channel, strength=args.strength)
        due = [d for d in tracker.due(everything=True) if d.name == args.name]
    print(f"logged: met {args.name}" + (f" at {args.event}" if args.event else "") + "; next:")
    for item in due[:6]:
        print(f"  {item.due}  #{item.id}  {item.what}")
    return 0


def cmd_due(args) -> int:
    with _tracker(args) as tracker:
        items = tracker.due(today=args.today, days=6 if args.week else 0, everything=args.all)
        dormant = tracker.dormant()
    if not items:
        print("nothing due" + (" this week" if args.week else " today"))
    for item in items:
        flag = "OVERDUE " if item.overdue else ""
        who = f"{item.name}" + (f" ({item.company})" if item.company else "")
        print(f"{item.due}  #{item.id:<4} {flag}{item.kind:<16} {who}: {item.what}")
    if dormant:
        print(f"dormant (no reminders until they reply): {', '.join(r['name'] for r in dormant)}")
    return 0


def cmd_done(args) -> int:
    with _tracker(args) as tracker:
        item = tracker.done(args.id, day=args.date)
        contact = tracker.db.execute("SELECT name, dormant, unanswered FROM contacts WHERE id = ?",
                                     (item["contact_id"],)).fetchone()
    print(f"done: #{args.id} {item['what']}")
    if contact["dormant"]:
        print(f"{contact['name']} has not answered {contact['unanswered']} follow-ups: no more reminders until they "
              f"reply (prep replied {contact['name']!r})")
    return 0


def cmd_replied(args) -> int:
    with _tracker(args) as tracker:
        tracker.replied(args.name, day=args.date, company=args.company, note=args.note or "")
    print(f"logged: {args.name} replied; reminders resume")
    return 0


def cmd_backup(args) -> int:
    with _tracker(args) as tracker:
        print(tracker.backup(args.path, overwrite=args.force))
    return 0


def cmd_forget(args) -> int:
    from .settings import Settings
    from .track.forget import forget

    with _tracker(args) as tracker:
        cache = Path(args.cache) if args.cache else Settings.from_env().cache_path
        report = forget(args.name, tracker=tracker, briefs=args.briefs, cache_path=cache, company=args.company)
    if not report:
        print(f"nothing found about {args.name!r}")
    for line in report:
        print(f"removed {line}" if not line.startswith("still") else line)
    return 0


def cmd_demo(args) -> int:
    from .demo import DEMO_CONTACTS, DEMO_PROFILE, DEMO_SOURCES
    from .render.brief import build_brief

    brief = build_brief(DEMO_SOURCES, out_dir=args.out, profile=str(DEMO_PROFILE), contacts=str(DEMO_CONTACTS),
                        cache_dir=args.cache_dir, demo=True)
    print(brief.html.resolve())
    return 0


def cmd_brief(args) -> int:
    import os

    from .render.brief import build_brief

    if args.render:
        os.environ["PREP_RENDER"] = "1"  # the brief's data step reads its settings from the environment
    brief = build_brief(args.sources, out_dir=args.out, profile=args.profile, contacts=args.contacts, top=args.top,
                        offline=args.offline, cache_dir=args.cache_dir, domains=args.domains, name=args.name)
    print(brief.html.resolve())
    return 0


def cmd_serve(args) -> int:
    import time

    from .fetch.localweb import LocalWeb

    with LocalWeb(args.root, latency=args.latency) as web:
        print(f"serving {args.root} by hostname; use it as a proxy, for http and https addresses alike:\n"
              f"export PREP_PROXY={web.proxy} PREP_LOCAL_WEB=1", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} people: plan to meet at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="prep", description="Walk into a conference prepared.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what is fetched and retried")
    sub = parser.add_subparsers(dest="command", required=True)

    def fetch_options(p):
        p.add_argument("--offline", action="store_true", help="answer only from the cache")
        p.add_argument("--cache", help="HTTP cache file (default: the user cache directory)")
        p.add_argument("--delay", type=float, help="seconds between requests to one host (default 1)")
        p.add_argument("--ignore-robots", action="store_true", help="do not obey robots.txt (only with permission)")
        p.add_argument("--proxy", help="HTTP proxy for every request (e.g. the local demo web)")

    def render_option(p):
        p.add_argument("--render", action="store_true", help="render pages that build their content with JavaScript "
                                                             "in headless Chromium (needs prep[render]; requests still "
                                                             "go through the cache and politeness)")

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

    def research_options(p):
        p.add_argument("--domains", help="your company -> domain mapping (CSV company,domain or YAML); wins over all")
        p.add_argument("--no-guess", action="store_true", help="do not try candidate domains like NAME.com")
        p.add_argument("--guess-urls", help="candidate URL templates, comma-separated (default https://{slug}.com/,...)")
        p.add_argument("--wikipedia", action="store_true", help="add Wikipedia summary and Wikidata facts (online)")
        fetch_options(p)

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
    p.add_argument("--top", type=_positive, default=20, help="how many people to plan to meet (default 20)")
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

    p = sub.add_parser("brief", help="build the research brief (HTML) for an event")
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument("--profile", help="your profile (YAML)")
    p.add_argument("--contacts", help="your contacts (CSV)")
    p.add_argument("--top", type=_positive, default=20, help="how many people to plan to meet (default 20)")
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

    def db_option(p):
        p.add_argument("--db", help="tracker database (default: PREP_TRACKER or your user data directory)")

    p = sub.add_parser("track", help="the follow-up tracker: import a brief's people, export reminders and contacts")
    track = p.add_subparsers(dest="track_command", required=True)
    q = track.add_parser("import", help="add a brief's planned people (idempotent; never overwrites your notes)")
    q.add_argument("brief", metavar="BRIEF_DIR")
    db_option(q)
    q.set_defaults(func=cmd_track_import)
    q = track.add_parser("export", help="reminders as iCalendar and CSV, contacts as vCard")
    q.add_argument("--ics", help="iCalendar file of the open reminders")
    q.add_argument("--csv", help="CSV of the open reminders (spreadsheets, Trello, Asana)")
    q.add_argument("--vcard", help="vCard file of your contacts")
    db_option(q)
    q.set_defaults(func=cmd_track_export)

    p = sub.add_parser("met", help="log that you met someone; schedules the thank-you and what you promised")
    p.add_argument("name")
    p.add_argument("--event", default="", help="the event (its slug or name)")
    p.add_argument("--company", help="their company (needed when two contacts share a name)")
    p.add_argument("--note", help="what you talked about")
    p.add_argument("--signal", choices=("positive", "negative"), help="how it went")
    p.add_argument("--promise", action="append", help="something you promised them (repeatable)")
    p.add_argument("--they-promised", action="append", help="something they offered you (repeatable)")
    p.add_argument("--introduced-by", help="who introduced you (gets a thank-you reminder)")
    p.add_argument("--strength", choices=("strong", "medium", "weak"), help="how close you are (sets the cadence)")
    p.add_argument("--channel", default="in person", help="in person, call, video, ... (default: in person)")
    p.add_argument("--date", help="YYYY-MM-DD (default: today)")
    db_option(p)
    p.set_defaults(func=cmd_met)

    p = sub.add_parser("due", help="what is due today (or this week), overdue first")
    p.add_argument("--week", action="store_true", help="everything due in the next 7 days")
    p.add_argument("--all", action="store_true", help="every open reminder")
    p.add_argument("--today", help="YYYY-MM-DD (default: today)")
    db_option(p)
    p.set_defaults(func=cmd_due)

    p = sub.add_parser("done", help="mark a follow-up done (by its #id from prep due)")
    p.add_argument("id", type=int)
    p.add_argument("--date", help="YYYY-MM-DD (default: today)")
    db_option(p)
    p.set_defaults(func=cmd_done)

    p = sub.add_parser("replied", help="they answered: resets the stop rule and resumes reminders")
    p.add_argument("name")
    p.add_argument("--company")
    p.add_argument("--note")
    p.add_argument("--date", help="YYYY-MM-DD (default: today)")
    db_option(p)
    p.set_defaults(func=cmd_replied)

    p = sub.add_parser("backup", help="write a consistent copy of the tracker database")
    p.add_argument("path", help="file to write, or a folder (a dated file is written in it)")
    p.add_argument("--force", action="store_true", help="replace the file if it exists")
    db_option(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("forget", help="remove a person from the tracker, stored briefs' frames and the HTTP cache")
    p.add_argument("name")
    p.add_argument("--company")
    p.add_argument("--briefs", default="briefs", help="folder of stored briefs (default: briefs)")
    p.add_argument("--cache", help="HTTP cache file (default: the user cache directory)")
    db_option(p)
    p.set_defaults(func=cmd_forget)

    p = sub.add_parser("demo", help="build the brief of the bundled offline demo event")
    p.add_argument("--out", default="build/demo")
    p.add_argument("--cache-dir", help="folder for the HTTP cache")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("serve", help="serve a folder of sites by hostname on 127.0.0.1 (a local web)")
    p.add_argument("root", nargs="?", default=str(package_data("demo_web")))
    p.add_argument("--latency", type=float, default=0.0, help="seconds added to every response")
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(message)s")
    try:
        return args.func(args)
    except PrepError as err:
        print(f"prep: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except sqlite3.DatabaseError as err:  # a damaged page found mid-query, or a full disk while writing
        print(f"prep: error: the database could not be used: {err} (a damaged file can be replaced by a copy "
              "from prep backup)", file=sys.stderr)
        return EXIT_ERROR
    except OSError as err:  # a path the user gave: missing, a file where a folder belongs, no permission, disk full
        where = err.filename or err.filename2 or ""
        print(f"prep: error: {where + ': ' if where else ''}{err.strerror or err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def run() -> None:
    """The ``prep`` command: :func:`main`, then exit."""
    code = main()
    # Exempt everything loaded from the collector's last sweep at exit: with pandas, papermill and
    # nbconvert imported, that sweep alone costs ~0.3 s, and the process is ending anyway.
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
