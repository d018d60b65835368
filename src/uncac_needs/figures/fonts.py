"""Finding the fonts, without loading matplotlib: the run checks the CJK font before anything starts.

Chinese is drawn in Noto Sans CJK; Latin text (every English chart) in a Latin sans-serif face, the first
of LATIN_FAMILIES this machine has (Liberation Sans, from the Debian package fonts-liberation2, has the
metrics of Arial); matplotlib's own DejaVu Sans when it has none of them."""
from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from uncac_needs.plumbing.errors import UserError

CJK_FAMILY = "Noto Sans CJK SC"
CJK_FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
)
LATIN_FAMILIES = ("Liberation Sans", "Arial", "DejaVu Sans")
MISSING = ("No CJK font is installed, so Chinese text cannot be drawn; install the Debian package fonts-noto-cjk "
           "(sudo apt-get install fonts-noto-cjk) and run again.")


@lru_cache(maxsize=1)
def cjk_font_files() -> tuple[Path, ...]:
    """The Noto Sans CJK files on this machine; UserError (naming the package to install) if none."""
    found = [Path(p) for p in CJK_FONT_FILES if Path(p).is_file()] or list(font_files(CJK_FAMILY))
    if not found:
        raise UserError(MISSING)
    return tuple(found)


def font_files(family: str) -> tuple[Path, ...]:
    """The files of a font family as fontconfig knows them (none where fontconfig is not installed)."""
    if not shutil.which("fc-list"):
        return ()
    listing = subprocess.run(["fc-list", f":family={family}", "file"], capture_output=True, text=True).stdout
    return tuple(sorted(Path(line.split(":")[0]) for line in listing.splitlines() if line.strip()))
