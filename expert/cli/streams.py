"""The standard streams of a command: UTF-8 whatever the locale, standard input refused where
it is not UTF-8 (naming the byte), and a stream that can no longer be written silenced.

Under ``LC_ALL=C`` or a Latin-1 locale Python would decode standard input and encode output
by the locale: non-ASCII text in a profile would then fail to print, and bytes that are not
UTF-8 would be read as stray surrogates and show up in the advice. The advisor's input and
output are UTF-8 whatever the locale, as its files are.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from expert.errors import InputError

__all__ = ["read_stdin", "silence", "utf8_streams"]


def utf8_streams() -> None:
    """Standard output and error in UTF-8 (what UTF-8 cannot hold, a lone surrogate, written
    as a backslash escape), standard input in strict UTF-8. Streams that cannot be
    reconfigured (a test's capture, a closed stream) are left as they are."""
    for stream, errors in ((sys.stdout, "backslashreplace"), (sys.stderr, "backslashreplace"),
                           (sys.stdin, "strict")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        with contextlib.suppress(Exception):  # e.g. input already read: leave it
            reconfigure(encoding="utf-8", errors=errors)


def read_stdin(limit: int, error: type[InputError], what: str = "standard input") -> str:
    """Standard input as UTF-8 text, read no further than one character past ``limit`` (the
    caller refuses that much); bytes that are not UTF-8 raise ``error``, naming the first such
    byte, its line and its column (in bytes, from 1). A closed standard input reads as
    empty; one that is text already (a test's ``StringIO``) is read as it is."""
    if sys.stdin is None:
        return ""
    source = getattr(sys.stdin, "buffer", None)
    if source is None:
        return str(sys.stdin.read(limit + 1))
    wanted = 4 * (limit + 1)  # a character is at most four bytes of UTF-8
    data = source.read(wanted)
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        text: str = decoder.decode(data, final=len(data) < wanted)
    except UnicodeDecodeError as failure:
        from expert.errors import Problem  # here: main imports this module before any other

        line = data.count(b"\n", 0, failure.start) + 1
        column = failure.start - data.rfind(b"\n", 0, failure.start)
        raise error([Problem("", what, f"UTF-8 text (at line {line}, column {column}, byte "
                                       f"{failure.start + 1} is 0x{data[failure.start]:02x}: "
                                       f"{failure.reason})",
                             code="bad_encoding")]) from None
    return text[:limit + 1]


def silence(stream: Any) -> None:
    """Send what is still to be written to ``stream`` (and everything after) nowhere: for a
    reader that went away or a terminal that closed, so that the interpreter's last flush does
    not fail again on the way out."""
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    with contextlib.suppress(OSError):
        nowhere = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nowhere, descriptor)
        os.close(nowhere)
