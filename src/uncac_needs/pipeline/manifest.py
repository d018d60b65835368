"""What a report was made from, and what it holds: the provenance (inputs' hashes, versions, the git
commit), the key under which a cleaning is reused, manifest.json (the folder's marker, listing every file
the run wrote) and the landing page, index.html."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path

import jinja2

from uncac_needs import __version__, ingest, session as session_mod
from uncac_needs.plumbing import config
from uncac_needs.plumbing import folders
from uncac_needs.vocabulary import i18n
from uncac_needs.plumbing.folders import sha256_of
from uncac_needs.pipeline.notebooks import NOTEBOOKS
from uncac_needs.plumbing.provenance import Provenance

#: The subpackages the cleaning runs (every file in them, catalogs included, keys the cleaning cache).
CLEANING_PACKAGES = ("ingest", "clean", "vocabulary", "plumbing")
PACKAGES = ("pandas", "python-calamine", "matplotlib", "seaborn", "papermill", "nbconvert", "weasyprint", "babel",
            "jinja2", "xlsxwriter", "pyarrow")


def _git_commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=config.PROJ_ROOT, capture_output=True,
                              text=True, timeout=10)
        if head.returncode != 0:
            return ""
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=config.PROJ_ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return head.stdout.strip() + ("+changes" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return ""


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(config.PROJ_ROOT.resolve()))
    except ValueError:
        return str(path)


def provenance(sess: session_mod.Session, session_file: Path | None) -> Provenance:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    synthetic = sess.synthetic if sess.synthetic is not None else ingest.is_synthetic(sess.workbook_path)
    return Provenance(
        workbook=_relative(sess.workbook_path), workbook_sha256=sha256_of(sess.workbook_path),
        session_file=_relative(session_file) if session_file else "",
        session_sha256=sha256_of(session_file) if session_file else "",
        mapping_file=_relative(sess.mapping_path) if sess.mapping_path else None,
        mapping_sha256=sha256_of(sess.mapping_path) if sess.mapping_path else None,
        synthetic=synthetic, version=__version__, commit=_git_commit(), python=platform.python_version(),
        packages=versions,
    )


def cleaning_key(prov: Provenance) -> str:
    """Everything the cleaning depends on: the workbook, the mapping, the reference data and the code."""
    digest = hashlib.sha256()
    digest.update(prov.workbook_sha256.encode())
    digest.update((prov.mapping_sha256 or "").encode())
    for path in sorted(config.REFERENCE_DIR.iterdir()):
        digest.update(path.name.encode() + sha256_of(path).encode())
    for package in CLEANING_PACKAGES:
        folder = config.PACKAGE_DIR / package
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(folder).as_posix().encode() + sha256_of(path).encode())
    digest.update(sha256_of(NOTEBOOKS["clean"]).encode())
    # summary dates later than the day of the run are flagged: the cleaning of another day may differ
    digest.update(dt.date.today().isoformat().encode())
    return digest.hexdigest()[:20]


def write_index(folder: Path, sess: session_mod.Session, prov: Provenance, langs: list[str], pdf: bool) -> None:
    from uncac_needs.report.page import running_header

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(config.TEMPLATES_DIR)), autoescape=True,
                             keep_trailing_newline=True)
    texts, banner = {}, {}
    files = ["statistics.json", "statistics.xlsx", "cleaning_log.csv", "manifest.json", "notebooks/"]
    for lang in langs:
        idx = i18n.label(lang, "index")
        cutoff = i18n.date(sess.cutoff_date, lang)
        if sess.draft:
            meta = idx["meta_draft"].format(cutoff=cutoff)
        else:
            meta = idx["meta"].format(session=session_mod.text(sess.meeting.session, lang),
                                      place=session_mod.text(sess.meeting.place, lang),
                                      dates=i18n.date_range(sess.meeting.start_date, sess.meeting.end_date, lang),
                                      cutoff=cutoff)
        texts[lang] = {**idx, "title": i18n.label(lang, "masthead.title"), "meta": meta,
                       "symbol": running_header(lang, sess)}
        banner[lang] = i18n.label(lang, "banner.synthetic").format(workbook=Path(prov.workbook).name) if prov.synthetic else ""
    html = env.get_template("index.html.j2").render(
        langs=langs, symbol=running_header(langs[0], sess), texts=texts, banner=banner, pdf=pdf,
        files=[(f, {lang: i18n.label(lang, "index.files")[f] for lang in langs}) for f in files])
    (folder / "index.html").write_text(html, encoding="utf-8")


def write_manifest(folder: Path, sess: session_mod.Session, prov: Provenance, langs: list[str], pdf: bool,
                   cleaning_reused: bool) -> None:
    inputs = {prov.workbook: prov.workbook_sha256}
    if prov.session_file:
        inputs[prov.session_file] = prov.session_sha256
    if prov.mapping_file:
        inputs[prov.mapping_file] = prov.mapping_sha256
    for lang in langs:
        for part in ("introduction", "further_consideration"):
            path = sess.narrative_path(lang, part)
            inputs[_relative(path)] = sha256_of(path)
    for path in sorted(config.REFERENCE_DIR.iterdir()):
        inputs[_relative(path)] = sha256_of(path)
    folders.write_manifest(folder, {
        "version": __version__,
        "git_commit": prov.commit or None,
        "session": sess.id,
        "parameters": json.loads(sess.model_dump_json()) | {"languages": langs, "pdf": pdf},
        "synthetic_workbook": prov.synthetic,
        "inputs_sha256": inputs,
        "python": prov.python,
        "packages": prov.packages,
        "cleaning_reused": cleaning_reused,
    })


