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
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

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
    return p


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


COMMANDS = {"clean": _cmd_clean, "stats": _cmd_stats}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UserError as exc:
        print(f"uncac-needs: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("uncac-needs: interrupted.", file=sys.stderr)
        return 130
