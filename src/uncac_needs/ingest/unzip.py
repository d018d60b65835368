"""A workbook's parts unpacked as streams, by what they really unpack to (never by the sizes the zip declares,
which a "zip bomb" lies about), and cut into buffers that the scans of bounds.py can measure."""
from __future__ import annotations

import copy
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

CHUNK = 1 << 20                                  # unpacked at a time: 1 MB


def unpack(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[tuple[bytes, int]]:
    """The part's bytes as they unpack: (up to 1 MB, packed bytes used so far)."""
    if info.flag_bits & 0x1:
        raise zipfile.BadZipFile("the part is encrypted")
    if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return _raw_unpack(path, info)
    return _zipfile_unpack(zf, info)             # bzip2, lzma: Python's reader, told not to stop at the declared size


def _raw_unpack(path: Path, info: zipfile.ZipInfo) -> Iterator[tuple[bytes, int]]:
    """A stored or deflated part read from the file itself.

    Reads its packed bytes a megabyte at a time and stops where the deflate stream ends, whatever sizes the zip
    declares; the CRC is checked at the end, as a zip reader does."""
    crc = 0
    with path.open("rb") as fh:
        fh.seek(info.header_offset)
        header = fh.read(30)
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile("bad local header")
        fh.seek(info.header_offset + 30 + int.from_bytes(header[26:28], "little")
                + int.from_bytes(header[28:30], "little"))
        pieces = _stored(fh, info.compress_size) if info.compress_type == zipfile.ZIP_STORED \
            else _inflated(fh, info.compress_size)
        for chunk, packed in pieces:
            crc = zlib.crc32(chunk, crc)
            yield chunk, packed
    if crc != info.CRC:
        raise zipfile.BadZipFile("bad CRC-32")


def _stored(fh, left: int) -> Iterator[tuple[bytes, int]]:
    read = 0
    while left > 0:
        chunk = fh.read(min(CHUNK, left))
        if not chunk:
            raise EOFError("the part is cut short")
        left -= len(chunk)
        read += len(chunk)
        yield chunk, read


def _inflated(fh, left: int) -> Iterator[tuple[bytes, int]]:
    inflate = zlib.decompressobj(-15)
    pending = b""
    read = 0
    while not inflate.eof:
        if not pending:
            pending = fh.read(min(1 << 16, left)) if left > 0 else b""
            if not pending:
                raise EOFError("the part is cut short")
            left -= len(pending)
            read += len(pending)
        chunk = inflate.decompress(pending, CHUNK)
        pending = inflate.unconsumed_tail
        if chunk:
            yield chunk, read - len(pending)     # packed bytes this much came from


def _zipfile_unpack(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[tuple[bytes, int]]:
    probe = copy.copy(info)
    probe.file_size = 1 << 62                    # read to the end of the data, whatever size the part declares
    with zf.open(probe) as fh:
        while chunk := fh.read(CHUNK):
            yield chunk, info.compress_size


def recut(chunks: Iterable[bytes], start: bytes, reach: int) -> Iterator[bytes]:
    """The chunks cut again so that no tag, and no record beginning with `start` within `reach` bytes of the
    end, is split between two buffers (a record or text longer than that is: the scans allow for it)."""
    carry = b""
    for chunk in chunks:
        buf = carry + chunk if carry else chunk
        cut = buf.rfind(start, max(0, len(buf) - reach))
        if cut <= 0:
            cut = buf.rfind(b"<", max(0, len(buf) - 4096))
        if cut <= 0:
            carry = b""
            yield buf
        else:
            carry = buf[cut:]
            yield buf[:cut]
    if carry:
        yield carry


def read_chunks(fh) -> Iterator[bytes]:
    """An open file's bytes, a megabyte at a time."""
    return iter(lambda: fh.read(CHUNK), b"")
