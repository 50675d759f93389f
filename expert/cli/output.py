"""What the command line writes: answers as text or JSON, files written whole, batch results
with a progress line on a terminal, and standard streams that show control characters as
escapes."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from expert.batch import LineBlock
from expert.cli.parser import PROG
from expert.errors import UsageError
from explain.render import visible, write_atomically

__all__ = ["STRENGTH_STYLES", "TEXT_WIDTH", "VisibleText", "answer_text", "colour_wanted",
           "json_text", "print_answer", "print_text", "text_width", "visible_streams",
           "write_blocks", "write_file"]


def write_file(path: str | Path, data: bytes) -> None:
    try:
        write_atomically(path, data)
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror or error}") from None


def json_text(data: Any) -> str:
    """JSON for a person to read as well as a program: indented, keys sorted, a final newline."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def answer_text(answer: Any, fmt: str) -> str:
    """An answer (anything with ``to_dict()``) as JSON, or as its text, ending in a newline."""
    return json_text(answer.to_dict()) if fmt == "json" else f"{answer}\n"


def print_answer(answer: Any, fmt: str) -> None:
    print(answer_text(answer, fmt), end="")


STRENGTH_STYLES = {"must": "bold red", "should": "bold yellow", "consider": "cyan",
                   "caution": "magenta", "info": "dim"}
"""How each strength stands out on a terminal."""
HEADINGS = re.compile(r"^(Headline answers|First steps|Steps that carry it out|Plan\b.*|The rest "
                      r"of the advice|Advice for an applicant .*)$", re.MULTILINE)


def colour_wanted(stream: TextIO) -> bool:
    """Colour only on a terminal, and not when ``NO_COLOR`` is set (https://no-color.org)."""
    return stream.isatty() and not os.environ.get("NO_COLOR")


def print_text(text: str) -> None:
    """Text for a person on standard output: on a terminal, strengths and headings in colour
    (through rich); plain otherwise. Control characters are escaped before any colour is
    added, so untrusted text cannot colour or move anything."""
    if not colour_wanted(sys.stdout):
        print(text)
        return
    from rich.console import Console  # here: only a terminal pays for importing rich
    from rich.text import Text

    coloured = Text(visible(text))
    for strength, style in STRENGTH_STYLES.items():
        coloured.highlight_regex(re.compile(rf"\({strength}\)$", re.MULTILINE), style)
    coloured.highlight_regex(HEADINGS, "bold")
    target = getattr(sys.stdout, "unescaped", sys.stdout)
    Console(file=target, force_terminal=True, highlight=False, soft_wrap=True).print(coloured)


TEXT_WIDTH = 100
"""The text view's width when standard output is not a terminal."""


def text_width() -> int:
    """The width to wrap text to: the terminal's (40 to 120 columns), else ``TEXT_WIDTH``."""
    if not sys.stdout.isatty():
        return TEXT_WIDTH
    return max(40, min(120, shutil.get_terminal_size((TEXT_WIDTH, 24)).columns - 1))


class _Progress:
    """A profile counter on a terminal, redrawn in place at most ten times a second."""

    def __init__(self, stream: Any) -> None:
        self.stream, self.started, self.drawn = stream, time.monotonic(), 0.0

    def update(self, done: int, final: bool = False) -> None:
        now = time.monotonic()
        if final or now - self.drawn >= 0.1:
            rate = done / max(now - self.started, 1e-9)
            end = "\n" if final else ""
            print(f"\r{PROG}: {done} profiles ({rate:.0f}/s)", end=end, file=self.stream,
                  flush=True)
            self.drawn = now


SHOWN_INVALID = 10
"""Invalid line numbers named on stderr (all of them are in the output)."""


def write_blocks(blocks: Iterable[LineBlock], out: BinaryIO) -> tuple[int, list[int]]:
    """Write the result lines; return how many input lines were invalid, and the first few."""
    # the progress line is ours, and redraws itself with a carriage return: not escaped
    stream = sys.stderr.unescaped if isinstance(sys.stderr, VisibleText) else sys.stderr
    progress = _Progress(stream) if stream.isatty() else None
    invalid, done = 0, 0
    first_invalid: list[int] = []
    for block in blocks:
        out.write(block.json)
        invalid += len(block.invalid)
        first_invalid.extend(block.invalid[:SHOWN_INVALID - len(first_invalid)])
        done += len(block.numbers)
        if progress:
            progress.update(done)
    if progress:
        progress.update(done, final=True)
    return invalid, first_invalid


class VisibleText(io.TextIOBase):
    """A text stream that writes control characters and bidirectional overrides as escapes
    (``explain.render.visible``): program names, profile values and file names reach the
    terminal as text, never as terminal commands. Bytes written to ``buffer`` (batch results)
    pass as they are."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def buffer(self) -> BinaryIO:
        return self._stream.buffer

    @property
    def unescaped(self) -> TextIO:
        """The stream written to, for text of our own that must reach it as it is."""
        return self._stream


@contextmanager
def visible_streams() -> Iterator[None]:
    """Standard output and error as ``VisibleText`` while a command runs."""
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleText(sys.stdout), VisibleText(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = streams
