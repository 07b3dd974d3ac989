"""Command line: parse arguments, build settings, call one library function, map errors to exit codes.

One module per kind of command: :mod:`prep.cli.events` (read an event, research, plan, brief) and
:mod:`prep.cli.track` (the follow-up tracker). Each adds its commands to the parser.
"""
from __future__ import annotations

import argparse
import gc
import logging
import os
import sqlite3
import sys
from contextlib import nullcontext
from pathlib import Path

from ..errors import PrepError

EXIT_ERROR = 1  # argparse exits 2 on a usage error


def settings_of(args):
    from ..settings import Settings

    return Settings.from_env(offline=args.offline or None, cache_path=args.cache and Path(args.cache),
                             obey_robots=False if args.ignore_robots else None, delay=args.delay, proxy=args.proxy,
                             render=getattr(args, "render", False) or None)


def write_frame(frame, fmt: str, output: str | None, excel_safe: bool = False) -> None:
    """The frame as CSV, JSON or parquet, into ``output`` or onto standard output; written as it is made,
    not built whole in memory first."""
    if fmt == "parquet" and not output:
        raise PrepError("--format parquet needs -o FILE (parquet is binary)")
    if fmt == "parquet":
        frame.to_parquet(output, index=False)
        return
    if fmt == "csv" and excel_safe:
        from ..schema import spreadsheet_safe_frame

        frame = spreadsheet_safe_frame(frame)
    with (open(output, "w", encoding="utf-8", newline="") if output else nullcontext(sys.stdout)) as out:
        if fmt == "csv":
            frame.to_csv(out, index=False)
        else:
            frame.to_json(out, orient="records", force_ascii=False, indent=1)


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} people: plan to meet at least 1")
    return value


def fetch_options(p) -> None:
    p.add_argument("--offline", action="store_true", help="answer only from the cache")
    p.add_argument("--cache", help="HTTP cache file (default: the user cache directory)")
    p.add_argument("--delay", type=float, help="seconds between requests to one host (default 1)")
    p.add_argument("--ignore-robots", action="store_true", help="do not obey robots.txt (only with permission)")
    p.add_argument("--proxy", help="HTTP proxy for every request (e.g. the local demo web)")


def render_option(p) -> None:
    p.add_argument("--render", action="store_true", help="render pages that build their content with JavaScript "
                                                         "in headless Chromium (needs prep[render]; requests still "
                                                         "go through the cache and politeness)")


def research_options(p) -> None:
    p.add_argument("--domains", help="your company -> domain mapping (CSV company,domain or YAML); wins over all")
    p.add_argument("--no-guess", action="store_true", help="do not try candidate domains like NAME.com")
    p.add_argument("--guess-urls", help="candidate URL templates, comma-separated (default https://{slug}.com/,...)")
    p.add_argument("--wikipedia", action="store_true", help="add Wikipedia summary and Wikidata facts (online)")
    fetch_options(p)


def build_parser() -> argparse.ArgumentParser:
    from . import events, track

    parser = argparse.ArgumentParser(prog="prep", description="Walk into a conference prepared.")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what is fetched and retried")
    sub = parser.add_subparsers(dest="command", required=True)
    events.add_read_commands(sub)
    events.add_plan_commands(sub)
    events.add_brief_commands(sub)
    track.add_tracker_commands(sub)
    track.add_follow_up_commands(sub)
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
    except BrokenPipeError:  # `prep people ... | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
        return 0
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
