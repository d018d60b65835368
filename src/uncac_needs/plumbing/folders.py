"""The folders this tool writes into, and the promise it keeps there: a person's files are never written
over or deleted, and no output is written over one of the command's own inputs.

A folder this tool wrote holds a marker, `manifest.json`, which lists every file the tool wrote there with
its SHA-256. So a later run can tell its own files (unchanged since it wrote them: replaced freely) from
a person's (added since, or a written file changed since): those are carried over into a new report
folder, and never overwritten; a written file someone changed is named and the run refused.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
from pathlib import Path

from uncac_needs.plumbing.errors import UserError

MARKER = "manifest.json"
GENERATOR = "uncac-needs"
#: free space a run wants before it starts (a report folder takes about 5 MB; notebooks and PDFs in between)
MIN_FREE_BYTES = 64 * 1024 * 1024


def sha256_of(path: Path | str) -> str:
    with Path(path).open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def file_hashes(folder: Path) -> dict[str, str]:
    """Every file under `folder` (but the marker), by path relative to it, with its SHA-256."""
    return {p.relative_to(folder).as_posix(): sha256_of(p)
            for p in sorted(folder.rglob("*")) if p.is_file() and p != folder / MARKER}


def _manifest(folder: Path) -> dict | None:
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("generator") == GENERATOR else None


def _listing(names: list[str], most: int = 5) -> str:
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def refuse_inputs(outputs: list[Path | None], inputs: list[Path | None]) -> None:
    """No output may be one of the command's inputs (the same file under any name): exit 2 before any work."""
    real_inputs = [Path(p) for p in inputs if p]
    for out in outputs:
        if not out:
            continue
        out = Path(out)
        for source in real_inputs:
            same = out.resolve() == source.resolve()
            if not same and out.exists() and source.exists():
                try:
                    same = os.path.samefile(out, source)
                except OSError:
                    same = False
            if same:
                raise UserError(f"{out} is one of this command's inputs ({source.name}); it is never written over, "
                                "so give another output path.")


def check_writable(folder: Path) -> None:
    """The folder (or the nearest existing folder above it) can be written to, and has room."""
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not probe.is_dir():
        raise UserError(f"{probe} is a file, so nothing can be written to {folder}; choose another output path.")
    if not os.access(probe, os.W_OK | os.X_OK):
        raise UserError(f"Cannot write to {probe} (permission denied); choose a folder you can write to.")
    free = shutil.disk_usage(probe).free
    if free < MIN_FREE_BYTES:
        raise UserError(f"The disk holding {probe} has only {free // (1024 * 1024)} MB free; free some space "
                        "or choose a folder on another disk.")


def check_folder(out: Path, will_write: list[str] | None = None, what: str = "--out") -> list[str]:
    """May this tool write into `out`? Refuses (UserError) unless `out` is new, empty, or one it wrote.

    In a folder it wrote, a file it wrote that someone changed since is named and refused (it would be lost);
    with `will_write` (the names about to be written in place), so is any of those names that the tool did
    not write. Returns the files a person added (relative paths), which a new report folder carries over.
    """
    if not out.exists():
        check_writable(out.parent)
        return []
    if not out.is_dir():
        raise UserError(f"{out} is a file, not a folder; give {what} a new or empty folder.")
    if os.path.ismount(out):
        raise UserError(f"{out} is a mount point, which cannot be replaced as a whole; give {what} a folder inside it.")
    check_writable(out)
    present = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    if not [p for p in present if not Path(p).name.startswith(".")]:
        return present                                  # empty, or only hidden files (.gitkeep …): kept as they are
    manifest = _manifest(out)
    if manifest is None:
        raise UserError(f"{out} holds files that uncac-needs did not write ({_listing(present)}); give {what} "
                        "a new or empty folder.")
    written = manifest["files"] if "files" in manifest else _legacy_written(present)
    changed = [name for name, digest in written.items()
               if digest and (out / name).is_file() and sha256_of(out / name) != digest]
    foreign = [name for name in (will_write or []) if (out / name).exists() and name not in written]
    if changed or foreign:
        names = _listing(sorted(set(changed + foreign)))
        raise UserError(f"In {out}, {names} {'was' if len(changed + foreign) == 1 else 'were'} not written by "
                        f"uncac-needs or changed since; move {'it' if len(changed + foreign) == 1 else 'them'} "
                        f"elsewhere (or give {what} another folder) and run again.")
    return [name for name in present if name not in written and name != MARKER]


def _legacy_written(present: list[str]) -> dict[str, str]:
    """A report folder from before the manifest listed its files: the names the report layout had then
    (with their current hashes: they are taken as unchanged)."""
    import re

    layout = re.compile(r"^(index\.html|statistics\.(json|xlsx)|cleaning_log\.csv|provenance\.json|"
                        r"[a-z]{2,3}(-[A-Za-z]+)?/report\.(html|pdf)|notebooks/[^/]+\.ipynb)$")
    return {name: "" for name in present if layout.match(name)}


def carry_over(old: Path, new: Path, names: list[str]) -> list[str]:
    """Copy a person's files from the old report folder into the new one (before the old is removed).

    A name the new report also uses is kept beside it as `<name> (kept)<suffix>`. Returns where each went.
    """
    placed = []
    for name in names:
        source, target = old / name, new / name
        if target.exists():
            target = target.with_name(f"{target.stem} (kept){target.suffix}")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
        if sha256_of(target) != sha256_of(source):
            raise OSError(errno.EIO, f"copying {source} did not give the same bytes")
        placed.append(target.relative_to(new).as_posix())
    return placed


def write_manifest(folder: Path, manifest: dict, written: list[str] | None = None) -> None:
    """The marker: `manifest` plus the SHA-256 of the files the tool wrote in `folder` (`written`, relative
    paths; None: every file there)."""
    if written is None:
        files = file_hashes(folder)
    else:
        files = {name: sha256_of(folder / name) for name in sorted(written)}
    data = {"generator": GENERATOR, **manifest, "files": files}
    (folder / MARKER).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
