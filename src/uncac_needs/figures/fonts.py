"""Finding the CJK font, without loading matplotlib: the run checks it before anything starts."""
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
MISSING = ("No CJK font is installed, so Chinese text cannot be drawn; install the Debian package fonts-noto-cjk "
           "(sudo apt-get install fonts-noto-cjk) and run again.")


@lru_cache(maxsize=1)
def cjk_font_files() -> tuple[Path, ...]:
    """The Noto Sans CJK files on this machine; UserError (naming the package to install) if none."""
    found = [Path(p) for p in CJK_FONT_FILES if Path(p).is_file()]
    if not found and shutil.which("fc-list"):
        listing = subprocess.run(["fc-list", f":family={CJK_FAMILY}", "file"], capture_output=True, text=True).stdout
        found = [Path(line.split(":")[0]) for line in listing.splitlines() if line.strip()]
    if not found:
        raise UserError(MISSING)
    return tuple(found)
