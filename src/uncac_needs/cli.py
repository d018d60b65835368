"""The command line: a thin layer over the stages. Errors the user can cause exit with status 2."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from uncac_needs import __version__
from uncac_needs.plumbing.errors import UserError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def _path(text: str) -> Path:
    """A path on the command line, taken from the folder the command was given in (never guessed)."""
    return Path(text).expanduser().absolute()


def _languages(text: str) -> list[str]:
    from uncac_needs.vocabulary import i18n

    langs = [x.strip().lower() for x in text.split(",") if x.strip()]
    known = i18n.languages()
    for lang in langs:
        if lang not in known:
            raise argparse.ArgumentTypeError(f"'{lang}' is not a language of the report (known: {', '.join(known)}; "
                                             "a language is added with its files under vocabulary/catalogs)")
    if not langs or len(set(langs)) != len(langs):
        raise argparse.ArgumentTypeError(f"'{text}' should name each language once, e.g. en,zh")
    return langs


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="uncac-needs", allow_abbrev=False, description=(
        "Technical assistance needs identified in UNCAC country reviews: clean the keepers' workbook, "
        "compute the note's statistics, render the report."))
    p.add_argument("--version", action="version", version=f"uncac-needs {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("clean", allow_abbrev=False, help="clean the workbook: processed tables and the cleaning log")
    c.add_argument("--raw", required=True, type=_path, metavar="PATH", help="the needs workbook (.xlsx)")
    c.add_argument("--mapping", type=_path, metavar="MAP.yaml", help="names of sheets and columns for another layout")
    c.add_argument("--out", required=True, type=_path, metavar="DIR", help="folder for the tables and the log")

    s = sub.add_parser("stats", allow_abbrev=False, help="cleaning and statistics only; prints statistics.json")
    s.add_argument("--raw", required=True, type=_path, metavar="PATH", help="the needs workbook (.xlsx)")
    s.add_argument("--cutoff", required=True, type=_date, metavar="YYYY-MM-DD", help="count summaries completed by this date")
    s.add_argument("--previous-cutoff", type=_date, metavar="YYYY-MM-DD", help="the previous analysis's cutoff, for change")
    s.add_argument("--mapping", type=_path, metavar="MAP.yaml", help="names of sheets and columns for another layout")
    s.add_argument("--out", type=_path, metavar="FILE.json", help="write the JSON here instead of printing it")
    s.add_argument("--xlsx", type=_path, metavar="FILE.xlsx", help="also write the tables for reviewers (statistics.xlsx)")
    s.add_argument("--evidence", type=_path, metavar="FILE.json", help="also write the rows behind every figure")
    s.add_argument("--lang", type=_languages, default=["en", "zh"], metavar="en,zh",
                   help="languages of the headings of statistics.xlsx, comma-separated (default: en,zh)")
    r = sub.add_parser("run", allow_abbrev=False, help="the whole report: notebooks, HTML and PDF in both languages")
    r.add_argument("session", nargs="?", type=_path, metavar="SESSION.yaml",
                   help="the session file (default: sessions/2020-irg-11-2.yaml; with --raw or --cutoff and no "
                        "session file, a draft that claims no meeting, into reports/draft-<cutoff>)")
    r.add_argument("--raw", type=_path, metavar="PATH", help="the needs workbook, instead of the session's")
    r.add_argument("--mapping", type=_path, metavar="MAP.yaml", help="names of sheets and columns for another layout")
    r.add_argument("--cutoff", type=_date, metavar="YYYY-MM-DD", help="instead of the session's cutoff date")
    r.add_argument("--previous-cutoff", type=_date, metavar="YYYY-MM-DD", help="instead of the session's previous cutoff")
    r.add_argument("--lang", type=_languages, metavar="en,zh", help="languages, comma-separated (default: the session's)")
    r.add_argument("--out", type=_path, metavar="DIR", help="the report folder (default: reports/<session id>)")
    r.add_argument("--no-pdf", action="store_true", help="HTML only")
    r.add_argument("--previous-report", type=_path, metavar="DIR", help="the previous session's report folder, for "
                   "the rows changed since (default: the one under reports/ at the previous cutoff)")

    d = sub.add_parser("diff", allow_abbrev=False, help="what changed between two versions of the workbook")
    d.add_argument("old", type=_path, metavar="OLD.xlsx", help="the earlier version")
    d.add_argument("new", type=_path, metavar="NEW.xlsx", help="the later version")
    d.add_argument("--mapping", type=_path, metavar="MAP.yaml", help="names of sheets and columns (for both)")
    d.add_argument("--json", type=_path, metavar="FILE.json", help="also write the differences as JSON")
    d.add_argument("--xlsx", type=_path, metavar="FILE.xlsx", help="also write them as a workbook for reviewers")

    k = sub.add_parser("check", allow_abbrev=False, help="validate a session file and its workbook; run nothing")
    k.add_argument("session", type=_path, metavar="SESSION.yaml")

    v = sub.add_parser("preview", allow_abbrev=False, help="serve the report on 127.0.0.1, rendered again on every save")
    v.add_argument("session", type=_path, metavar="SESSION.yaml")
    v.add_argument("--lang", type=_languages, metavar="en", help="only these languages (default: the session's)")
    v.add_argument("--port", type=int, default=8000, metavar="N", help="the port (default: 8000; 0: any free port)")
    return p


def _session_for_run(args: argparse.Namespace):
    """The session a run renders, and its file (None for a draft).

    A report claims a session's meeting, symbol and dates only at that session's own cutoff: with no session
    file, or with a --cutoff other than the session's, the run makes a draft (no meeting, no symbol) into
    reports/draft-<cutoff>; the previous cutoff is then only the one given with --previous-cutoff.
    """
    from uncac_needs import session

    data_options = any(x is not None for x in (args.raw, args.mapping, args.cutoff, args.previous_cutoff))
    if args.session is None and not data_options:
        return session.load(session.DEFAULT_SESSION, {"languages": args.lang}), session.DEFAULT_SESSION
    if args.session is None:
        if args.cutoff is None:
            raise UserError("Give --cutoff YYYY-MM-DD with --raw (or a session file): without a session file, "
                            "the report is a draft at the cutoff you give.")
        sess = session.draft(args.cutoff, args.previous_cutoff, args.raw, args.mapping, args.lang)
        session.check_files_exist(sess)
        return sess, None
    overrides = {"workbook": args.raw and str(args.raw), "mapping": args.mapping and str(args.mapping),
                 "languages": args.lang}
    sess = session.load(args.session, overrides)
    if args.cutoff is not None and args.cutoff != sess.cutoff_date:
        return session.as_draft(sess, args.cutoff, args.previous_cutoff), None
    if args.previous_cutoff is not None:
        sess = session.load(args.session, overrides | {"previous_cutoff_date": args.previous_cutoff.isoformat()})
    return sess, args.session


def _cmd_run(args: argparse.Namespace) -> int:
    from uncac_needs import pipeline
    from uncac_needs.pipeline import changes
    from uncac_needs.plumbing import folders

    sess, session_file = _session_for_run(args)
    if args.out is not None:
        folders.refuse_inputs([args.out], [sess.workbook_path, sess.mapping_path, session_file, args.previous_report])
    if sess.draft:
        print(f"uncac-needs: no session file for a cutoff of {sess.cutoff_date}: making a draft, which names no "
              "meeting and no document symbol.", file=sys.stderr)
    try:
        previous = args.previous_report and changes.check_previous(args.previous_report)
        pipeline.run(sess, session_file, args.out, pdf=not args.no_pdf, previous_report=previous)
    except pipeline.NotebookFailed as exc:
        print(f"uncac-needs: {exc}", file=sys.stderr)
        return 1
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from uncac_needs import clean, session
    from uncac_needs.plumbing import config

    from uncac_needs import statistics
    from uncac_needs.report import check

    sess = session.load(args.session)
    result = clean.clean_workbook(sess.workbook_path, sess.mapping_path)
    # the narrative rendered against the statistics: an unknown name is an error here, not a blank later
    check.check(sess, statistics.compute(result.cleaned, sess.cutoff_date, sess.previous_cutoff_date))
    print(f"Session {sess.id}: the file is valid and names a readable workbook.")
    print(f"  workbook {sess.workbook_path}:")
    for s in result.summary.values():
        print(f"    sheet '{s.sheet}' ({s.role}): {s.rows_read:,} rows read; {s.rows_kept:,} will be kept "
              f"({s.rows_corrected:,} of them with corrections), {s.duplicates:,} dropped as duplicates, "
              f"{s.rows_rejected:,} rejected")
    rejected = sum(s.rows_rejected for s in result.summary.values())
    if rejected:
        print(f"  {rejected:,} rows will be rejected: `uncac-needs clean --raw {sess.workbook_path} --out DIR` "
              "lists each with its reason (cleaning_log.csv).")
    previous = f", compared with {sess.previous_cutoff_date}" if sess.previous_cutoff_date else ""
    files = sess.narrative_files()
    print(f"  narrative: {len(files)} files render against the statistics, with the same paragraphs in "
          f"{', '.join(sess.languages)}")
    print(f"  would run: cleaning; statistics at {sess.cutoff_date}{previous}; "
          f"the report in {', '.join(sess.languages)} (HTML and PDF) into {config.REPORTS_DIR / sess.id}/")
    return 0


def _cmd_clean(args: argparse.Namespace) -> int:
    from uncac_needs import clean
    from uncac_needs.plumbing import folders
    from uncac_needs.clean import summary

    names = ["reviews.parquet", "needs.parquet", "need_articles.parquet", "cleaning_log.csv", "cleaning_summary.json"]
    folders.refuse_inputs([args.out / name for name in names], [args.raw, args.mapping])
    folders.check_folder(args.out, names)
    result = clean.clean_workbook(args.raw, args.mapping)
    try:
        paths = clean.write_outputs(result, args.out)
        folders.write_manifest(args.out, {"command": "clean", "workbook": str(args.raw),
                                          "workbook_sha256": result.source_sha256},
                               written=[p.name for p in paths.values()])
    except OSError as exc:
        raise UserError(f"Cannot write the cleaned tables to {args.out}: {exc.strerror}.") from None
    summary.print_summary(result, paths)
    return 0


def _writable(path: Path) -> Path:
    if path.is_dir():
        raise UserError(f"{path} is a folder; give the name of the file to write.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Cannot write to {path.parent}: {exc.strerror}.") from None
    return path


def _cmd_stats(args: argparse.Namespace) -> int:
    from uncac_needs import clean, statistics
    from uncac_needs.plumbing import folders

    if args.previous_cutoff and args.previous_cutoff >= args.cutoff:
        raise UserError(f"--previous-cutoff {args.previous_cutoff} is not before --cutoff {args.cutoff}; "
                        "the previous analysis must come first.")
    folders.refuse_inputs([args.out, args.xlsx, args.evidence], [args.raw, args.mapping])
    for target in (args.out, args.xlsx, args.evidence):          # before the work, not after it
        if target is not None:
            folders.check_writable(_writable(target).parent)
    result = clean.clean_workbook(args.raw, args.mapping)
    stats = statistics.compute(result.cleaned, args.cutoff, args.previous_cutoff)
    found = None
    if args.evidence or args.xlsx:
        from uncac_needs.statistics import evidence
        found = evidence.collect(evidence.Source.from_result(result), args.cutoff, args.previous_cutoff)
    try:
        statistics.write(stats, args.out, args.xlsx, tuple(args.lang), found, args.evidence)
        if not args.out:
            sys.stdout.write(stats.to_json())
    except OSError as exc:
        raise UserError(f"Cannot write {exc.filename or 'the output'}: {exc.strerror}.") from None
    return 0


def _cmd_preview(args: argparse.Namespace) -> int:
    from uncac_needs.pipeline import preview

    if not 0 <= args.port <= 65535:
        raise UserError(f"--port {args.port} is not a port; give a number from 1024 to 65535 (0: any free port).")
    preview.serve(args.session, args.lang, args.port)
    return 0


def _cmd_diff(args: argparse.Namespace) -> int:
    from uncac_needs.pipeline import diff, diff_files
    from uncac_needs.plumbing import folders

    folders.refuse_inputs([args.json, args.xlsx], [args.old, args.new, args.mapping])
    for target in (args.json, args.xlsx):
        if target is not None:
            folders.check_writable(_writable(target).parent)
    found = diff.diff(args.old, args.new, args.mapping)
    try:
        if args.json:
            diff_files.write_json(found, args.json)
        if args.xlsx:
            diff_files.write_xlsx(found, args.xlsx)
    except OSError as exc:
        raise UserError(f"Cannot write {exc.filename or 'the output'}: {exc.strerror}.") from None
    sys.stdout.write(diff_files.summary(found))
    return 0


COMMANDS = {"clean": _cmd_clean, "diff": _cmd_diff, "stats": _cmd_stats, "run": _cmd_run, "check": _cmd_check, "preview": _cmd_preview}


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
