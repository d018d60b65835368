"""The workbook's document properties (docProps/core.xml, docProps/custom.xml), read from the file itself:
the project's synthetic sample says there that it is synthetic."""
from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
import zlib
from pathlib import Path

from uncac_needs.ingest.bounds import bounds
from uncac_needs.ingest.xmlparts import local

_CORE = ("title", "subject", "description", "keywords")


def workbook_properties(path: Path | str) -> dict[str, str]:
    """The workbook's title, subject, description and keywords, and its custom properties ('custom:Name');
    nothing of a part that is missing, damaged or larger than the bounds allow."""
    props: dict[str, str] = {}
    try:
        with zipfile.ZipFile(path) as zf:
            core = _part(zf, "docProps/core.xml")
            for el in core if core is not None else ():
                if local(el.tag) in _CORE and el.text is not None:
                    props[local(el.tag)] = el.text
            custom = _part(zf, "docProps/custom.xml")
            for el in custom if custom is not None else ():
                if local(el.tag) == "property" and el.get("name") and len(el) and el[0].text is not None:
                    props[f"custom:{el.get('name')}"] = el[0].text
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, ValueError, RuntimeError, NotImplementedError):
        pass
    return props


def _part(zf: zipfile.ZipFile, name: str) -> ET.Element | None:
    """The part's XML, where it is there and well formed; it may be read before the workbook is inspected:
    never more than its declared size (zipfile stops there), itself bounded."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > bounds().max_small_part_bytes:
        return None
    try:
        return ET.fromstring(zf.read(info))
    except ET.ParseError:
        return None


def is_synthetic(path: Path | str) -> bool:
    """True for a workbook that says it is synthetic (the project's sample does, in two places)."""
    props = workbook_properties(path)
    return "synthetic" in props.get("title", "").casefold() or props.get("custom:Synthetic", "").lower() in ("true", "1")
