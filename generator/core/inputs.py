"""Files a command is given to read (an article to draft, a table to import): refused clearly
when they are not a regular file, are too large or are not text, before anything is read whole."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from .errors import BriefingsError, Problem, display_path

# What only binary files hold near their start: NUL, or the signatures of common binary formats.
_SIGNATURES = (b"%PDF-", b"PK\x03\x04", b"\x1f\x8b", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"BZh")
_TEXT_CONTROLS = {9, 10, 12, 13, 27}  # tab, line feed, form feed, carriage return, escape


def read_input(path: Path, what: str, limit: int) -> bytes:
    """The bytes of `path`: a regular file (a symbolic link, a folder or a device is refused, not
    followed) of at most `limit` bytes; a problem naming the file otherwise."""
    where = str(Path(display_path(path.parent)) / path.name)  # (the link's own name, not its target's)
    try:
        info = os.lstat(path)
    except OSError as exc:
        raise file_problem(where, f"cannot read it: {exc.strerror or exc}") from None
    if stat.S_ISLNK(info.st_mode):
        raise file_problem(where, f"a symbolic link: give {what} as a regular file (links are not followed)")
    if stat.S_ISDIR(info.st_mode):
        raise file_problem(where, f"a folder: give {what} as a file")
    if not stat.S_ISREG(info.st_mode):
        raise file_problem(where, f"not a regular file: give {what} as a file")
    if info.st_size > limit:
        raise file_problem(where, f"{info.st_size:,} bytes: too large for {what} (at most {limit:,})")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            data = handle.read(limit + 1)  # it may have grown since
    except OSError as exc:
        raise file_problem(where, f"cannot read it: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise file_problem(where, f"more than {limit:,} bytes: too large for {what}")
    return data


def looks_binary(data: bytes) -> bool:
    """True for what is not text: a known binary signature, a NUL byte, or (in a sample long
    enough to judge) more than one control byte in ten. A few stray control characters, as old
    wire copy has, are text."""
    head = data[:65_536]
    if head.startswith(_SIGNATURES) or b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    return len(head) >= 256 and controls > len(head) // 10


def decode_text(data: bytes, where: str, hint: str) -> str:
    """Text from bytes: UTF-8 (with or without a byte order mark), or UTF-16/UTF-32 with one; a
    binary file or another encoding is a problem naming the file (with `hint` on what to do)."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise file_problem(where, f"not valid {codec.upper()} text (byte {exc.start})") from None
    if looks_binary(data):
        raise file_problem(where, f"a binary file, not text; {hint}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        guess = " (it looks like Windows-1252 or Latin-1)" if _single_byte(data) else ""
        raise file_problem(where, f"not UTF-8 text{guess}: byte {exc.start}; {hint}") from None


def _single_byte(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def file_problem(where: str, message: str) -> BriefingsError:
    """A problem with a whole file a command was given (no line, no field); nothing is written."""
    return BriefingsError([Problem(where, 0, "", message)], outcome="nothing was written")
