"""The shared strings (xl/sharedStrings.xml) measured as they unpack: how many, and how long each is.

python-calamine keeps every shared string in memory, reserves room for as many as the part declares before it
reads one, and copies into each cell the string it names: the bytes of each, in the reader's order, let
bounds.py measure what a sheet's cells will hold.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path

from uncac_needs.ingest.cells import Careful
from uncac_needs.ingest.messages import damaged, one_line
from uncac_needs.ingest.unzip import recut
from uncac_needs.ingest.xmlparts import local, si_texts
from uncac_needs.plumbing.errors import UserError


def string_lengths(chunks: Callable[[], Iterator[bytes]], path: Path, limit: int) -> array:
    """The bytes of each shared string; `chunks()` unpacks the part again each time it is called. A workbook
    holding (or declaring) more than `limit` strings is refused."""
    try:
        return _lengths_fast(chunks(), path, limit)
    except Careful:
        return _lengths_careful(chunks(), path, limit)


def _too_many(path: Path, limit: int, count: int, declared: bool = False) -> UserError:
    says = "declares" if declared else "holds"
    return UserError(f"{path} {says} {count:,} different texts (its shared strings), more than the "
                     f"{limit:,} allowed by max_shared_strings in data/reference/workbook.yaml; split the "
                     "workbook, or raise the limit if it really holds that many.")


def _check_declared_count(head: bytes, path: Path, limit: int) -> None:
    # the reader reserves memory for uniqueCount strings before it reads one
    m = re.search(rb"<(?:[\w.-]+:)?sst\b[^>]*>", head)
    count = m and re.search(rb"\buniqueCount\s*=\s*[\"']\s*([0-9]+)", m[0])
    if count and int(count[1]) > limit:
        raise _too_many(path, limit, int(count[1]), declared=True)


def _lengths_fast(chunks: Iterator[bytes], path: Path, limit: int) -> array:
    """Each <si> element's bytes (markup included: at least its text), split on '<si>' a buffer at a time."""
    lengths = array("Q")
    current = -1                                 # bytes so far of the open <si>, -1 before the first
    first = True
    for buf in recut(chunks, b"<si>", 64):
        if first:
            _check_declared_count(buf[:65536], path, limit)
            first = False
        head, *rest = buf.split(b"<si>")
        if buf.count(b"<si") != len(rest) or b":si" in buf:
            raise Careful                        # <si/>, <si ...>, <x:si>: each takes an index too
        if current >= 0:
            current += len(head)
        if rest:
            if current >= 0:
                lengths.append(current)
            lengths.extend(map(len, rest[:-1]))
            current = len(rest[-1])
            if len(lengths) + 1 > limit:
                raise _too_many(path, limit, len(lengths) + 1)
    if current >= 0:
        lengths.append(current)
    return lengths


def _lengths_careful(chunks: Iterator[bytes], path: Path, limit: int) -> array:
    """Element by element. python-calamine 0.9 (pinned in pyproject.toml) gives every <si> an index, an empty one
    as ''; calamine releases before it skipped an <si> with no text of its own: each string's length is taken
    as the larger of the two readings, so that a change of reader cannot shift the indexes unnoticed."""
    every, with_text = array("Q"), array("Q")
    parser = ET.XMLPullParser(events=("start", "end"))
    root = None
    try:
        for chunk in chunks:
            if root is None:
                _check_declared_count(chunk[:65536], path, limit)
            parser.feed(chunk)
            for event, el in parser.read_events():
                if root is None:
                    root = el
                if event != "end" or local(el.tag) != "si":
                    continue
                texts: list[str] = []
                rich = si_texts(el, texts)
                size = sum(len(t.encode("utf-8")) for t in texts)
                every.append(size)
                if rich or texts:
                    with_text.append(size)
                if len(every) > limit:
                    raise _too_many(path, limit, len(every))
                root.clear()
        parser.close()
    except ET.ParseError as exc:
        raise damaged(path, f"part xl/sharedStrings.xml: {one_line(exc)}") from None
    return array("Q", map(max, every, with_text + array("Q", bytes(8 * (len(every) - len(with_text))))))
