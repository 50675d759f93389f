"""What the command line writes, and where it may: answers as text or JSON, output paths
checked before any work, files written safely (``explain.render.open_atomically``), batch
results with a progress line on a terminal, and standard streams that show control characters
as escapes.

A path that may not be written (a folder, a read-only file, a block device, one of the
command's inputs, a file another output names too) is refused before anything is read or
computed (``UsageError``, exit code 2); a failure while writing (a full disk, an I/O error,
standard output closed or full) is ``NotWritten`` (exit code 4). A reader that went away
(``BrokenPipeError``) is left to ``expert.cli.main``, which stops quietly.
"""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Optional, Protocol, TextIO, Union

from expert.cli.parser import PROG
from expert.consultation.readable_json import readable_json
from expert.errors import UsageError
from expert.inputs.contract import versioned
from explain.render import open_atomically, output_kind, visible

if TYPE_CHECKING:
    from expert.batch import LineBlock

__all__ = ["STRENGTH_STYLES", "TEXT_WIDTH", "NotWritten", "VisibleText", "Writable",
           "answer_text", "check_outputs", "colour_wanted", "count_lines", "json_text",
           "open_output", "print_answer", "print_text", "sweep_progress", "text_width",
           "visible_streams", "write_blocks", "write_file"]

PathName = Union[str, "os.PathLike[str]"]


class NotWritten(Exception):
    """An output could not be written while it was being written: the disk is full, a device
    failed, standard output was closed or is full (exit code 4). A file being written is
    removed; what was already printed stays printed."""

    def __init__(self, what: str, error: OSError) -> None:
        super().__init__(f"cannot write {what}: {error.strerror or error}")
        self.what = what
        self.error = error


def _refused(path: PathName, error: OSError) -> UsageError:
    return UsageError(f"cannot write {os.fspath(path)}: {error.strerror or error}")


def _same_file(one: str, other: str) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:  # one of them is not there (yet)
        return os.path.realpath(one) == os.path.realpath(other)


def check_outputs(outputs: Mapping[str, Optional[PathName]],
                  inputs: Mapping[str, Optional[PathName]] | None = None) -> None:
    """Refuse, before any work, an output path that may not be written (``UsageError``).

    ``outputs`` and ``inputs`` map how the command line names each (``--out``, ``the
    profile``) to its path; None (not given) and ``-`` (a standard stream) are skipped. Refused:
    what ``explain.render.output_kind`` refuses (a folder, a read-only file, a block device, a
    missing or unwritable folder), a file that is one of the inputs (``batch X --out X`` would
    destroy the cohort it reads), and a file that two outputs name."""
    files: list[tuple[str, str]] = []
    sources = [(name, os.fspath(path)) for name, path in (inputs or {}).items()
               if path is not None and path != "-"]
    for option, given in outputs.items():
        if given is None or given == "-":
            continue
        path = os.fspath(given)
        try:
            kind = output_kind(path)
        except OSError as error:
            raise _refused(path, error) from None
        if kind == "stream":  # a pipe or a device: written through, nothing is replaced
            continue
        for name, source in sources:
            if _same_file(path, source):
                raise UsageError(f"{option} {path} is {name} ({source}): writing it would "
                                 f"destroy what is to be read; write somewhere else")
        for other, taken in files:
            if _same_file(path, taken):
                raise UsageError(f"{option} {path}: {other} writes there too; give each "
                                 f"output a file of its own")
        files.append((option, path))


def write_file(path: PathName, data: bytes) -> None:
    """Write a file of output safely (``explain.render.open_atomically``): a path that may not
    be written is a ``UsageError``; a failure while writing, ``NotWritten``."""
    try:
        output_kind(path)
    except OSError as error:
        raise _refused(path, error) from None
    try:
        with open_atomically(path) as out:
            out.write(data)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise NotWritten(os.fspath(path), error) from None


class Writable(Protocol):
    def write(self, data: bytes, /) -> object: ...


class _Guarded:
    """A binary output whose failures to write are ``NotWritten``, naming it."""

    def __init__(self, out: Any, what: str) -> None:
        self._out, self._what = out, what

    def write(self, data: bytes) -> int:
        try:
            return int(self._out.write(data))
        except BrokenPipeError:
            raise
        except OSError as error:
            raise NotWritten(self._what, error) from None

    def flush(self) -> None:
        try:
            self._out.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise NotWritten(self._what, error) from None


@contextmanager
def open_output(path: str) -> Iterator[_Guarded]:
    """A binary output to stream results into: standard output for ``-`` (after what was
    printed before), else the file at ``path`` through ``explain.render.open_atomically``
    (it appears when the block ends without an error). A path that may not be written is a
    ``UsageError``; a failure while writing, ``NotWritten``."""
    if path == "-":
        sys.stdout.flush()
        out = _Guarded(sys.stdout.buffer, "standard output")
        yield out
        out.flush()
        return
    with ExitStack() as stack:
        try:
            opened = stack.enter_context(open_atomically(path))
        except OSError as error:
            raise _refused(path, error) from None
        yield _Guarded(opened, path)
        try:
            stack.close()  # the file is renamed into place, or written through, here
        except BrokenPipeError:
            raise
        except OSError as error:
            raise NotWritten(path, error) from None


def json_text(data: Any) -> str:
    """JSON for a person to read as well as a program: indented, keys sorted, a final newline."""
    return readable_json(data) + "\n"


def answer_text(answer: Any, fmt: str) -> str:
    """An answer (anything with ``to_dict()``) as JSON with the ``schema_version``, or as its
    text, ending in a newline."""
    return json_text(versioned(answer.to_dict())) if fmt == "json" else f"{answer}\n"


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
    """How far a batch is, on a terminal (``rich``): profiles done, of how many when that is
    known, the rate, and the time left; redrawn in place a few times a second."""

    def __init__(self, stream: Any, total: Optional[int]) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        columns = [TextColumn(f"{PROG}:"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("profiles, {task.fields[rate]}/s"), TimeRemainingColumn()] \
            if total else [TextColumn(f"{PROG}: {{task.completed}} profiles, "
                                      f"{{task.fields[rate]}}/s")]
        self._bar = Progress(*columns, console=Console(file=stream), transient=False,
                             refresh_per_second=5)
        self._task = self._bar.add_task("batch", total=total, rate="0")
        self._started = time.monotonic()
        self._bar.start()

    def update(self, done: int, final: bool = False) -> None:
        rate = done / max(time.monotonic() - self._started, 1e-9)
        self._bar.update(self._task, completed=done, rate=f"{rate:.0f}")
        if final:
            self._bar.stop()


@contextmanager
def sweep_progress() -> Iterator[Optional[Callable[[str, int, int], None]]]:
    """On a terminal, a bar per step of ``kb check``'s sweep (``expert.verification.sweep
    .Progress``): done of the total, and the time left; None when stderr is not a terminal."""
    stream = sys.stderr.unescaped if isinstance(sys.stderr, VisibleText) else sys.stderr
    if not stream.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    names = {"classes": "profiles grouped", "consulted": "classes consulted"}
    with Progress(TextColumn(f"{PROG}: sweep, {{task.description}}"), BarColumn(),
                  MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(file=stream)) as bar:
        tasks: dict[str, Any] = {}

        def update(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(names.get(step, step), total=total)
            bar.update(tasks[step], completed=done)

        yield update


def count_lines(path: str) -> Optional[int]:
    """How many non-blank lines a regular file has (a batch's total), or None when it is not
    a regular file (a pipe, stdin) or cannot be read."""
    try:
        if not Path(path).is_file():
            return None
        with open(path, "rb") as lines:
            return sum(1 for line in lines if line.strip())
    except OSError:
        return None


SHOWN_INVALID = 10
"""Invalid line numbers named on stderr (all of them are in the output)."""


def write_blocks(blocks: Iterable[LineBlock], out: Writable,
                 total: Optional[Callable[[], Optional[int]]] = None) -> tuple[int, list[int]]:
    """Write the result lines; return how many input lines were invalid, and the first few.
    On a terminal, progress is shown, out of ``total()`` (asked only then) when known."""
    # the progress line is ours, and redraws itself in place: not escaped
    stream = sys.stderr.unescaped if isinstance(sys.stderr, VisibleText) else sys.stderr
    progress = _Progress(stream, total() if total else None) if stream.isatty() else None
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
    pass as they are.

    A failure to write is ``NotWritten``, naming the stream as ``what``; with ``quiet`` (for
    standard error: messages must not fail a run whose output was written) it is dropped. A
    stream the process was started without (``>&-``) cannot be written."""

    def __init__(self, stream: Optional[TextIO], what: str = "the stream",
                 quiet: bool = False) -> None:
        super().__init__()
        self._stream: TextIO = stream if stream is not None else _Closed()
        self._what, self._quiet = what, quiet

    def write(self, text: str) -> int:
        try:
            self._stream.write(visible(text))
        except OSError as error:
            self._failed(error)
        return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            self._failed(error)

    def _failed(self, error: OSError) -> None:
        if self._quiet:
            return
        if isinstance(error, BrokenPipeError):
            raise error
        raise NotWritten(self._what, error) from None

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


class _Closed(io.TextIOWrapper):
    """A standard stream the process was started without: nothing can be written to it."""

    def __init__(self) -> None:
        super().__init__(io.BufferedWriter(_ClosedBytes()))

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "it is closed")


class _ClosedBytes(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        raise OSError(errno.EBADF, "it is closed")


@contextmanager
def visible_streams() -> Iterator[None]:
    """Standard output and error as ``VisibleText`` while a command runs."""
    streams = sys.stdout, sys.stderr
    sys.stdout = VisibleText(sys.stdout, "standard output")
    sys.stderr = VisibleText(sys.stderr, "standard error", quiet=True)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = streams
