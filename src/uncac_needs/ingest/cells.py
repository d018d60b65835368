"""The quick measure of a stretch of a sheet's <sheetData>, as Excel writes it, with numpy.

For a buffer of cells (<c r="B7" t="s"><v>12</v></c>...), `scan_cells` finds where the filled cells lie, how much
text the reader would hold for them, and whether formulas or errors are among them, at hundreds of megabytes a
second. Where the XML is not written the way Excel writes it, so that these measures might miss what the reader
would see, it raises `Careful` and the sheet is measured again element by element (xmlparts.placed_cells).
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np


class Careful(Exception):
    """A part not written the way Excel writes it: measured again, element by element."""


def _byte_table(chars: bytes, dtype=bool, values=None) -> np.ndarray:
    table = np.zeros(256, dtype)
    table[list(chars)] = True if values is None else values
    return table


_WS = _byte_table(b" \t\n\r")
AFTER_NAME = _byte_table(b" \t\n\r/>")           # what may follow a tag's name
_NAME_CHAR = _byte_table(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
_LETTER = _byte_table(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", np.int32, np.arange(1, 27))
_LETTER[97:123] = np.arange(1, 27)               # the reader takes b7 for B7
_DIGIT = np.full(256, -1, np.int32)
_DIGIT[48:58] = np.arange(10)
_STRUCTURE = bytes(range(256)).translate(None, b"<>\"'")    # every byte but these, deleted by translate
_PAD = b"\0" * 64
_EMPTY = np.empty(0, np.int64)


class _Tags(NamedTuple):
    """A buffer and its tags: the bytes (padded, so that a few bytes past any '<' may be read), where each '<'
    stands, and the two bytes after each."""

    buf: bytes
    a: np.ndarray
    n: int
    lt: np.ndarray
    c1: np.ndarray
    c2: np.ndarray


class CellScan(NamedTuple):
    rows: np.ndarray                             # 0-based rows and columns of the filled cells
    cols: np.ndarray
    text: int                                    # bytes of text the cells would hold
    specials: bool                               # formulas or errors (t="e") among them
    open_text: bool                              # the buffer ends inside an inline string


def scan_cells(buf: bytes, lengths: np.ndarray | None, open_text: bool) -> CellScan:
    """The filled cells of a stretch of <sheetData>; the bytes of text its cells would hold (what <v> and <is>
    elements hold, and the shared string each <v> could name, whatever its cell's type: an upper bound, with
    `lengths` the bytes of each shared string); whether it holds formulas or errors, which special_cells reads;
    and whether it ends inside an inline string (`open_text`: it began inside one)."""
    _check_structure(buf)
    n = len(buf)
    a = np.frombuffer(buf + _PAD, dtype=np.uint8)
    lt = np.flatnonzero(a[:n] == 60)
    if not len(lt):
        return CellScan(_EMPTY, _EMPTY, n if open_text else 0, False, open_text)
    tags = _Tags(buf, a, n, lt, a[lt + 1], a[lt + 2])
    if ((tags.c1 == 33) | (tags.c1 == 63)).any():
        raise Careful                            # comments, CDATA, processing instructions among the cells
    specials = _has_specials(tags)
    _refuse_prefixed_names(tags)
    text, open_text = _inline_text(tags, open_text)
    if text < 0:
        return CellScan(_EMPTY, _EMPTY, n, specials, True)     # all of it inside the inline string
    is_cell = (tags.c1 == 99) & AFTER_NAME[tags.c2]
    at = np.flatnonzero(is_cell)                 # indexes in lt of the cells' tags
    if not len(at):
        return CellScan(_EMPTY, _EMPTY, text, specials, open_text)
    row, col = _references(tags, at)
    _one_reference_each(tags, is_cell, len(at))
    filled = _filled(tags, at)
    text += _value_text(tags, lengths)
    return CellScan(row[filled], col[filled], text, specials, open_text)


def _check_structure(buf: bytes) -> None:
    """Every tag '<' ... '>' holds only attributes in double quotes, with no '<', '>' or "'" inside them (so that
    no tag hides in an attribute, as the reader would allow); text may hold anything."""
    marks = buf.translate(None, _STRUCTURE).replace(b'""', b"")
    if marks.count(b"<") != marks.count(b"<>"):
        raise Careful


def _has_specials(t: _Tags) -> bool:
    """A formula (<f>) or an error (t="e") in the buffer."""
    if ((t.c1 == 102) & AFTER_NAME[t.c2]).any():
        return True
    a = t.a
    e = np.flatnonzero(a[:t.n] == 101)
    e = e[e >= 3]
    return bool(((a[e - 3] == 116) & (a[e - 2] == 61) & (a[e - 1] == 34) & (a[e + 1] == 34)).any())


def _refuse_prefixed_names(t: _Tags) -> None:
    """A prefixed <x:c>, <x:v>, <x:f>, <x:is>: the reader takes them, the quick scan does not."""
    a = t.a
    colon = np.flatnonzero(a[:t.n] == 58)
    if not len(colon):
        return
    after, then = a[colon + 1], a[colon + 2]
    named = colon[(((after == 99) | (after == 118) | (after == 102)) & AFTER_NAME[then])
                  | ((after == 105) & (then == 115) & AFTER_NAME[a[colon + 3]])]
    for c in named.tolist():
        b = t.buf.rfind(b"<", 0, c)
        name = t.buf[b + 1: c].lstrip(b"/")
        if b >= 0 and name and _NAME_CHAR[np.frombuffer(name, np.uint8)].all():
            raise Careful


def _inline_text(t: _Tags, open_text: bool) -> tuple[int, bool]:
    """The bytes between <is> and </is>, which may run on into the next buffers, and whether the buffer ends
    inside one; (-1, True) where the whole buffer lies inside one."""
    c3 = t.a[t.lt + 3]
    starts = t.lt[(t.c1 == 105) & (t.c2 == 115) & AFTER_NAME[c3]]
    ends = t.lt[(t.c1 == 47) & (t.c2 == 105) & (c3 == 115) & AFTER_NAME[t.a[t.lt + 4]]]
    text = 0
    if open_text:
        if not len(ends):
            return -1, True
        if len(starts) and starts[0] < ends[0]:
            raise Careful
        text += int(ends[0])
        ends = ends[1:]
    open_text = len(starts) == len(ends) + 1
    if (not open_text and len(starts) != len(ends) or (ends < starts[:len(ends)]).any()
            or (starts[1:] < ends[:len(starts) - 1]).any()):
        raise Careful                            # nested or unpaired
    text += int(ends.sum() - starts[:len(ends)].sum()) + (t.n - int(starts[-1]) if open_text else 0)
    return text, open_text


def _digits(a: np.ndarray, start: np.ndarray, most: int, dtype) -> tuple[np.ndarray, np.ndarray]:
    """The numbers written in decimal from each of `start` (at most `most` digits), and how many digits each has."""
    value = np.zeros(len(start), dtype)
    count = np.zeros(len(start), np.int32)
    going = np.ones(len(start), bool)
    for k in range(most):
        d = _DIGIT[a[start + k]]
        going &= d >= 0
        if not going.any():
            break
        value = np.where(going, value * 10 + d, value)
        count += going
    return value, count


def _references(t: _Tags, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each cell's 0-based (row, column), from the reference that comes first in its tag: <c r="B7"."""
    a, cells = t.a, t.lt[at]
    if not ((t.c2[at] == 32) & (a[cells + 3] == 114) & (a[cells + 4] == 61) & (a[cells + 5] == 34)).all():
        raise Careful
    l0, l1, l2, l3 = (_LETTER[a[cells + k]] for k in (6, 7, 8, 9))
    if not (l0 > 0).all() or (l3[(l1 > 0) & (l2 > 0)] > 0).any():
        raise Careful
    col = np.where(l1 == 0, l0, np.where(l2 == 0, l0 * 26 + l1, (l0 * 26 + l1) * 26 + l2)) - 1
    start = cells + 6 + (l0 > 0) + (l1 > 0) + (l2 > 0)
    row, digits = _digits(a, start, 8, np.int32)
    if ((digits == 0) | (digits > 7)).any() or (a[start + digits] != 34).any() or (row == 0).any():
        raise Careful
    return row - 1, col


def _one_reference_each(t: _Tags, is_cell: np.ndarray, cells: int) -> None:
    """One reference a cell: the reader takes the last of several (every attribute named r: ' r=', ' r =')."""
    a = t.a
    rr = np.flatnonzero(a[:t.n] == 114)
    rr = rr[(rr > 0) & _WS[a[rr - 1]] & ((a[rr + 1] == 61) | _WS[a[rr + 1]])]
    owner = np.searchsorted(t.lt, rr) - 1
    if np.count_nonzero(is_cell[owner[owner >= 0]]) != cells:
        raise Careful


def _filled(t: _Tags, at: np.ndarray) -> np.ndarray:
    """The cells whose next tag is their value, formula or inline string (an empty cell ends at once)."""
    tags = len(t.lt)
    following = np.minimum(at + 1, tags - 1)
    f1, f2 = t.c1[following], t.c2[following]
    filled = (at + 1 < tags) & (((f1 == 118) | (f1 == 102)) & AFTER_NAME[f2] | (f1 == 105) & (f2 == 115))
    filled[-1] |= at[-1] + 1 >= tags             # the buffer ends inside the last cell: count it
    return filled


def _value_text(t: _Tags, lengths: np.ndarray | None) -> int:
    """What the <v> elements hold (a number; text for formulas giving text), and the shared strings they may name."""
    a, lt = t.a, t.lt
    where = np.flatnonzero((t.c1 == 118) & AFTER_NAME[t.c2])
    values = lt[where]
    odd = a[values + 2] != 62
    if odd.any():                                # <v/> and <v /> hold nothing; <v ...> with attributes is odd
        for v in values[odd].tolist():
            if t.buf[v: t.buf.find(b">", v) + 1].replace(b" ", b"") != b"<v/>":
                raise Careful
        values, where = values[~odd], where[~odd]
    if not len(values):
        return 0
    closing = lt[np.minimum(where + 1, len(lt) - 1)]
    text = int(np.where(where + 1 < len(lt), closing, t.n).sum() - values.sum()) - 3 * len(values)
    if lengths is not None:
        begin = values + 3
        index, size = _digits(a, begin, 11, np.int64)
        # the reader takes anything else than digits (1.5, -1, 2 ) as string 0
        clean = (size > 0) & (size <= 10) & (a[begin + size] == 60)
        index = np.where(clean, index, 0)
        index = index[index < len(lengths)]
        text += int(lengths[index].sum())
    return text
