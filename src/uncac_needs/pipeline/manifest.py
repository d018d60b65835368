"""What a report was made from, and what it holds: the provenance (inputs' hashes, versions, the git
commit), the key under which a cleaning is reused, manifest.json (the folder's marker, listing every file
the run wrote) and the landing page, index.html (rendered by report/landing.py)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import platform
import subprocess
from importlib import metadata
from pathlib import Path

from uncac_needs import __version__, ingest, session as session_mod
from uncac_needs.plumbing import config
from uncac_needs.plumbing import folders
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
    """The report folder's landing page (report/landing.py)."""
    from uncac_needs.report.landing import render_index

    (folder / "index.html").write_text(render_index(sess, prov, langs, pdf, folder), encoding="utf-8")


def write_manifest(folder: Path, sess: session_mod.Session, prov: Provenance, langs: list[str], pdf: bool,
                   cleaning_reused: bool) -> None:
    inputs = {prov.workbook: prov.workbook_sha256}
    if prov.session_file:
        inputs[prov.session_file] = prov.session_sha256
    if prov.mapping_file:
        inputs[prov.mapping_file] = prov.mapping_sha256
    for lang in langs:
        for part in session_mod.SECTIONS:                 # every narrative file the report read
            path = sess.narrative_file(lang, part)
            if path is not None:
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


