"""Zip archives written directly, so parts compressed once can be reused in every document.

A DOCX is a zip; most of its parts (styles, theme, settings) are the same in every
document made from one template. `zipfile` deflates each of them again on every
write; here an `Entry` holds a part already deflated, and `archive()` lays entries
out exactly as `zipfile` would (same headers, same deflate settings: the bytes are
identical), with fixed timestamps and attributes so the same parts give the same bytes.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

DOS_EPOCH_DATE = (1 << 5) | 1  # 1980-01-01
DOS_EPOCH_TIME = 0
VERSION = 20  # "2.0": deflate
LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
END_RECORD = struct.Struct("<4s4H2LH")
UTF8_NAME = 0x800
DEFLATED = 8
MODE = 0o600 << 16  # what zipfile records for a member given no mode
LIMIT = 0xFFFFFFFF  # no zip64: document parts are kilobytes


@dataclass(frozen=True, slots=True)
class Entry:
    """One member of a zip: its name, and its content deflated, with its CRC and size."""

    name: str
    crc: int
    size: int
    deflated: bytes


def deflate(name: str, content: bytes) -> Entry:
    """An entry for `content`, compressed as `zipfile` does (raw deflate, default level)."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    data = compressor.compress(content) + compressor.flush()
    return Entry(name, zlib.crc32(content), len(content), data)


def _name(entry: Entry) -> tuple[bytes, int]:
    try:
        return entry.name.encode("ascii"), 0
    except UnicodeEncodeError:
        return entry.name.encode("utf-8"), UTF8_NAME


def archive(entries: Iterable[Entry]) -> bytes:
    """The zip file holding `entries` in the order given (all dated 1980-01-01)."""
    body, directory = bytearray(), bytearray()
    count = 0
    for entry in entries:
        name, flags = _name(entry)
        offset = len(body)
        if max(entry.size, len(entry.deflated), offset) >= LIMIT:
            raise ValueError(f"{entry.name}: too large for a zip without zip64")
        body += LOCAL_HEADER.pack(b"PK\x03\x04", VERSION, 0, flags, DEFLATED, DOS_EPOCH_TIME,
                                  DOS_EPOCH_DATE, entry.crc, len(entry.deflated), entry.size,
                                  len(name), 0)
        body += name + entry.deflated
        directory += CENTRAL_HEADER.pack(b"PK\x01\x02", VERSION, 0, VERSION, 0, flags,
                                         DEFLATED, DOS_EPOCH_TIME, DOS_EPOCH_DATE, entry.crc,
                                         len(entry.deflated), entry.size, len(name), 0, 0, 0,
                                         0, MODE, offset)
        directory += name
        count += 1
    end = END_RECORD.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), len(body), 0)
    return bytes(body + directory + end)
