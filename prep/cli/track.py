"""The follow-up tracker's commands: track import/export, met, due, done, replied, backup, forget."""
from __future__ import annotations

from pathlib import Path

from ..errors import PrepError


def db_option(p) -> None:
    p.add_argument("--db", help="tracker database (default: PREP_TRACKER or your user data directory)")


def add_tracker_commands(sub) -> None:
    """track import/export and met: the tracker's contacts and meetings."""
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


def add_follow_up_commands(sub) -> None:
    """due, done, replied, backup and forget."""
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


def _tracker(args):
    import os

    from ..track.store import DEFAULT_CADENCE, Tracker

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
    from ..settings import Settings
    from ..track.forget import forget

    with _tracker(args) as tracker:
        cache = Path(args.cache) if args.cache else Settings.from_env().cache_path
        report = forget(args.name, tracker=tracker, briefs=args.briefs, cache_path=cache, company=args.company)
    if not report:
        print(f"nothing found about {args.name!r}")
    for line in report:
        print(f"removed {line}" if not line.startswith("still") else line)
    return 0
