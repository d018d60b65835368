"""The command line: a thin layer over the stages. Errors the user can cause exit with status 2."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from uncac_needs import __version__
from uncac_needs.errors import UserError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="uncac-needs", description=(
        "Technical assistance needs identified in UNCAC country reviews: clean the keepers' workbook, "
        "compute the note's statistics, render the report."))
    p.add_argument("--version", action="version", version=f"uncac-needs {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("clean", help="clean the workbook: processed tables and the cleaning log")
    c.add_argument("--raw", required=True, type=Path, metavar="PATH", help="the needs workbook (.xlsx)")
    c.add_argument("--mapping", type=Path, metavar="MAP.yaml", help="names of sheets and columns for another layout")
    c.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder for the tables and the log")

    s = sub.add_parser("stats", help="cleaning and statistics only; prints statistics.json")
    s.add_argument("--raw", required=True, type=Path, metavar="PATH", help="the needs workbook (.xlsx)")
    s.add_argument("--cutoff", required=True, type=_date, metavar="YYYY-MM-DD", help="count summaries completed by this date")
    s.add_argument("--previous-cutoff", type=_date, metavar="YYYY-MM-DD", help="the previous analysis's cutoff, for change")
    s.add_argument("--mapping", type=Path, metavar="MAP.yaml", help="names of sheets and columns for another layout")
    s.add_argument("--out", type=Path, metavar="FILE.json", help="write the JSON here instead of printing it")
    s.add_argument("--xlsx", type=Path, metavar="FILE.xlsx", help="also write the tables for reviewers (statistics.xlsx)")
    r = sub.add_parser("run", help="the whole report: notebooks, HTML and PDF in both languages")
    r.add_argument("session", nargs="?", type=Path, metavar="SESSION.yaml",
                   help="the session file (default: sessions/2020-irg-11-2.yaml)")
    r.add_argument("--raw", type=Path, metavar="PATH", help="the needs workbook, instead of the session's")
    r.add_argument("--mapping", type=Path, metavar="MAP.yaml", help="names of sheets and columns for another layout")
    r.add_argument("--cutoff", type=_date, metavar="YYYY-MM-DD", help="instead of the session's cutoff date")
    r.add_argument("--previous-cutoff", type=_date, metavar="YYYY-MM-DD", help="instead of the session's previous cutoff")
    r.add_argument("--lang", metavar="en,zh", help="languages, comma-separated (default: the session's)")
    r.add_argument("--out", type=Path, metavar="DIR", help="the report folder (default: reports/<session id>)")
    r.add_argument("--no-pdf", action="store_true", help="HTML only")

    k = sub.add_parser("check", help="validate a session file and its workbook; run nothing")
    k.add_argument("session", type=Path, metavar="SESSION.yaml")
    return p


def _session_overrides(args: argparse.Namespace) -> dict:
    overrides = {}
    if getattr(args, "raw", None):
        overrides["workbook"] = str(args.raw.resolve())
    if getattr(args, "mapping", None):
        overrides["mapping"] = str(args.mapping.resolve())
    if getattr(args, "cutoff", None):
        overrides["cutoff_date"] = args.cutoff.isoformat()
    if getattr(args, "previous_cutoff", None):
        overrides["previous_cutoff_date"] = args.previous_cutoff.isoformat()
    if getattr(args, "lang", None):
        overrides["languages"] = [x.strip() for x in args.lang.split(",") if x.strip()]
    return overrides


def _cmd_run(args: argparse.Namespace) -> int:
    from uncac_needs import pipeline, session

    path = args.session or session.DEFAULT_SESSION
    sess = session.load(path, _session_overrides(args))
    try:
        pipeline.run(sess, Path(path), args.out, pdf=not args.no_pdf)
    except pipeline.NotebookFailed as exc:
        print(f"uncac-needs: {exc}", file=sys.stderr)
        return 1
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from uncac_needs import ingest, session

    sess = session.load(args.session)
    sheets = ingest.read_workbook(sess.workbook_path, ingest.load_mapping(sess.mapping_path))
    print(f"Session {sess.id}: valid.")
    print(f"  workbook {sess.workbook_path}: sheet '{sheets['reviews'].name}' ({len(sheets['reviews'].rows)} rows), "
          f"sheet '{sheets['needs'].name}' ({len(sheets['needs'].rows)} rows)")
    previous = f", compared with {sess.previous_cutoff_date}" if sess.previous_cutoff_date else ""
    print(f"  would run: cleaning; statistics at {sess.cutoff_date}{previous}; "
          f"the report in {', '.join(sess.languages)} (HTML and PDF) into reports/{sess.id}/")
    return 0


def _cmd_clean(args: argparse.Namespace) -> int:
    from uncac_needs import clean, summary

    result = clean.clean_workbook(args.raw, args.mapping)
    try:
        paths = clean.write_outputs(result, args.out)
    except OSError as exc:
        raise UserError(f"Cannot write the cleaned tables to {args.out}: {exc.strerror}.") from None
    summary.print_summary(result, paths)
    return 0


def _writable(path: Path) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Cannot write to {path.parent}: {exc.strerror}.") from None
    return path


def _cmd_stats(args: argparse.Namespace) -> int:
    from uncac_needs import clean, outputs, reconcile, statistics, tables

    if args.previous_cutoff and args.previous_cutoff > args.cutoff:
        raise UserError(f"--previous-cutoff {args.previous_cutoff} is after --cutoff {args.cutoff}; "
                        "the previous analysis must come first.")
    result = clean.clean_workbook(args.raw, args.mapping)
    stats = statistics.compute(result, args.cutoff, args.previous_cutoff)
    checks = reconcile.reconcile(stats)
    if checks:
        stats["reconciliation"] = reconcile.as_records(checks)
    text = json.dumps(stats, ensure_ascii=False, indent=2) + "\n"
    try:
        if args.xlsx:
            outputs.write_statistics_xlsx(tables.build(stats, checks), _writable(args.xlsx),
                                          dt.datetime.combine(args.cutoff, dt.time()))
        if args.out:
            _writable(args.out).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    except OSError as exc:
        raise UserError(f"Cannot write {exc.filename or 'the output'}: {exc.strerror}.") from None
    return 0


COMMANDS = {"clean": _cmd_clean, "stats": _cmd_stats, "run": _cmd_run, "check": _cmd_check}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:          # `uncac-needs` alone renders the default session
        args = _parser().parse_args(["run", *(argv or [])])
    try:
        return COMMANDS[args.command](args)
    except UserError as exc:
        print(f"uncac-needs: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("uncac-needs: interrupted.", file=sys.stderr)
        return 130
