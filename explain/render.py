"""Drawing explanation graphs: DOT, SVG and PNG (through Graphviz), Mermaid and node-link JSON.

DOT and Mermaid text need nothing installed; SVG and PNG need the Graphviz ``dot`` program.
Node ids in the drawings are generated (``n0``, ``n1`` ...) and every label is escaped, so no
text from a profile can break or inject into DOT, Mermaid or the SVG built from them.

Files (drawings, and whatever else the advisor writes) are written by ``open_atomically``,
which looks first at what the path names: a file appears whole or not at all, keeping the mode
and owner of the one it replaces; a pipe or a device is written through; a folder, a read-only
file or a block device is refused.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from explain.bound import COLLAPSED
from explain.compare import AFTER, BECAME, BEFORE, CHANGED
from explain.trace import NODE_TYPES

if TYPE_CHECKING:
    import graphviz
    import networkx as nx

__all__ = ["EDGE_STYLE", "FILE_MODE", "FORMATS", "INSTALL_HINT", "MARK_LEGEND", "MARK_STYLE",
           "MERMAID_ARROWS", "MERMAID_MARKS", "MERMAID_SHAPES", "STYLE", "SUFFIXES",
           "SUPERSEDED_STYLE", "WRAP", "Diagram", "GraphvizNotFound",
           "format_for", "marks", "node_link", "open_atomically", "output_kind", "ranks", "render",
           "superseded", "to_dot", "to_mermaid", "visible", "write_atomically"]

STYLE: dict[str, dict[str, str]] = {
    "input": {"shape": "box", "style": "rounded,filled", "fillcolor": "#dbeafe"},
    "finding": {"shape": "ellipse", "style": "filled", "fillcolor": "#fef3c7"},
    "rule": {"shape": "box", "style": "filled", "fillcolor": "#e5e7eb"},
    "recommendation": {"shape": "box", "style": "bold,filled", "fillcolor": "#bbf7d0",
                       "penwidth": "2"},
    "step": {"shape": "cds", "style": "filled", "fillcolor": "#fed7aa"},
    "source": {"shape": "note", "style": "filled", "fillcolor": "#f3e8ff"},
}
SUPERSEDED_STYLE: dict[str, str] = {"shape": "box", "style": "dashed,filled",
                                    "fillcolor": "#f3f4f6", "color": "#9ca3af",
                                    "fontcolor": "#6b7280"}
"""A proposal that a more specific rule overruled: drawn faded, so the answer stands out."""
MARK_STYLE: dict[str, dict[str, str]] = {
    CHANGED: {"style": "rounded,filled,bold", "fillcolor": "#fde68a", "color": "#d97706",
              "penwidth": "2.5"},
    BEFORE: {"style": "dashed,filled", "fillcolor": "#f3f4f6", "color": "#9ca3af",
             "fontcolor": "#6b7280", "penwidth": "1"},
    AFTER: {"style": "bold,filled", "fillcolor": "#86efac", "color": "#15803d", "penwidth": "3"},
    COLLAPSED: {"shape": "box", "style": "dashed,rounded,filled", "fillcolor": "#ffffff",
                "color": "#6b7280", "fontcolor": "#374151"},
}
"""What a node's ``mark`` adds to the style of its type: a changed input (``explain.compare``),
an answer before and after a change, a node standing for hidden ones (``explain.bound``)."""
MARK_LEGEND = {CHANGED: "changed input", BEFORE: "answer before", AFTER: "answer after",
               COLLAPSED: "more, collapsed"}
"""The legend's words for each mark, shown when a drawing has nodes with that mark."""
EDGE_STYLE: dict[str, dict[str, str]] = {
    "premise": {"color": "#6b7280"},
    "conclusion": {"color": "#111827"},
    "citation": {"color": "#a855f7", "style": "dashed", "arrowhead": "none"},
    "superseded": {"color": "#dc2626", "style": "dotted", "label": "superseded by"},
    BECAME: {"color": "#15803d", "style": "bold", "label": "became"},
}
def superseded(graph: nx.DiGraph[str]) -> set[str]:
    """The proposals a more specific rule overruled (the tails of superseded edges)."""
    return {tail for tail, _, data in graph.edges(data=True) if data["type"] == "superseded"}


def ranks(graph: nx.DiGraph[str]) -> dict[str, str]:
    """Which node types share the first and the last column: inputs first; last, the plan's
    steps when the graph has any, else the recommendations."""
    types = {str(data["type"]) for _, data in graph.nodes(data=True)}
    last = "step" if "step" in types else "recommendation"
    return {"input": "min", last: "max"}


WRAP = 38
FORMATS = ("svg", "png", "dot", "mermaid", "json")
SUFFIXES = {".svg": "svg", ".png": "png", ".dot": "dot", ".gv": "dot", ".mmd": "mermaid",
            ".mermaid": "mermaid", ".json": "json"}

INSTALL_HINT = (
    "Rendering SVG or PNG needs the Graphviz 'dot' program, which was not found. Install "
    "Graphviz (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz; "
    "Windows: winget install graphviz) and make sure 'dot' is on PATH, or ask for DOT, "
    "Mermaid or JSON output, which need nothing installed."
)


class GraphvizNotFound(RuntimeError):
    """SVG or PNG was asked for but the Graphviz ``dot`` program is not installed."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Control characters (but tab and line feed) and the marks that reorder bidirectional text."""


def visible(text: str) -> str:
    """``text`` with control characters and bidirectional overrides written as escapes
    (``\\x1b``, ``\\u202e``): no text from an input can then move a terminal's cursor, reverse
    the text after it, or make a drawing's XML invalid.

    >>> visible("Lake\x1b[2JView \u202eyaw")
    'Lake\\\\x1b[2JView \\\\u202eyaw'
    """
    return _INVISIBLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _dot_label(text: str) -> str:
    """Wrap and escape text for a DOT label: backslashes literal, lines joined by ``\\n``."""
    import graphviz  # here and below, not at the top: only drawing needs it

    lines = textwrap.wrap(visible(text), WRAP) or [""]
    label: str = graphviz.nohtml("\\n".join(line.replace("\\", "\\\\") for line in lines))
    return label


def _ids(graph: nx.DiGraph[str]) -> dict[str, str]:
    return {node: f"n{i}" for i, node in enumerate(graph.nodes)}


def marks(graph: nx.DiGraph[str]) -> list[str]:
    """The marks the graph's nodes carry, in the order of ``MARK_STYLE``."""
    found = {str(mark) for _, mark in graph.nodes(data="mark") if mark is not None}
    return [mark for mark in MARK_STYLE if mark in found]


def _legend(dot: graphviz.Digraph, shown: list[str]) -> None:
    with dot.subgraph(name="cluster_legend") as legend:
        legend.attr(label="Legend", fontsize="11", style="rounded", color="#9ca3af")
        for node_type in NODE_TYPES:
            legend.node(f"legend_{node_type}", label=node_type, fontsize="10", **STYLE[node_type])
        base = {CHANGED: "input", BEFORE: "recommendation", AFTER: "recommendation",
                COLLAPSED: "rule"}
        for left, right in zip(NODE_TYPES, NODE_TYPES[1:]):
            legend.edge(f"legend_{left}", f"legend_{right}", style="invis")
        for mark in shown:  # beside the type it marks, so the legend grows no wider
            with legend.subgraph() as beside:
                beside.attr(rank="same")
                beside.node(f"legend_{base[mark]}")
                beside.node(f"legend_{mark}", label=MARK_LEGEND[mark], fontsize="10",
                            **{**STYLE[base[mark]], **MARK_STYLE[mark]})


def to_dot(graph: nx.DiGraph[str], title: str | None = None) -> str:
    """DOT source: inputs on the left, recommendations on the right, with a legend."""
    import graphviz

    ids = _ids(graph)
    dot = graphviz.Digraph("explanation")
    dot.attr(rankdir="LR", fontname="Helvetica", fontsize="12", nodesep="0.25", ranksep="0.6")
    if title:
        dot.attr(label=_dot_label(title), labelloc="t")
    dot.attr("node", fontname="Helvetica", fontsize="10")
    dot.attr("edge", arrowsize="0.7", fontname="Helvetica", fontsize="9")
    rank_of = ranks(graph)
    losers = superseded(graph)

    def style(node: str, node_type: str) -> dict[str, str]:
        mark = graph.nodes[node].get("mark")
        if mark is not None:
            return {**STYLE[node_type], **MARK_STYLE[mark]}
        return SUPERSEDED_STYLE if node in losers else STYLE[node_type]

    for node_type, rank in rank_of.items():
        with dot.subgraph() as same:
            same.attr(rank=rank)
            for node, data in graph.nodes(data=True):
                if data["type"] == node_type:
                    same.node(ids[node], label=_dot_label(data["label"]),
                              **style(node, node_type))
    for node, data in graph.nodes(data=True):
        if data["type"] not in rank_of:
            dot.node(ids[node], label=_dot_label(data["label"]), **style(node, data["type"]))
    for tail, head, data in graph.edges(data=True):
        dot.edge(ids[tail], ids[head], **EDGE_STYLE[data["type"]])
    _legend(dot, marks(graph))
    source: str = dot.source
    return source


def render(graph: nx.DiGraph[str], fmt: str, title: str | None = None) -> bytes:
    """The drawing as bytes in one of ``FORMATS``."""
    if fmt == "dot":
        return to_dot(graph, title).encode("utf-8")
    if fmt == "mermaid":
        return to_mermaid(graph).encode("utf-8")
    if fmt == "json":
        return (json.dumps(node_link(graph), sort_keys=True, indent=2) + "\n").encode("utf-8")
    if fmt not in ("svg", "png"):
        raise ValueError(f"unknown diagram format {fmt!r}; allowed: {', '.join(FORMATS)}")
    import graphviz

    try:
        drawing: bytes = graphviz.Source(to_dot(graph, title)).pipe(format=fmt)
        return drawing
    except graphviz.ExecutableNotFound:
        raise GraphvizNotFound() from None


def node_link(graph: nx.DiGraph[str]) -> dict[str, Any]:
    """The graph as networkx node-link data (``nodes`` and ``edges`` lists)."""
    import networkx as nx

    return nx.node_link_data(graph, edges="edges")


def _mermaid_text(text: str) -> str:
    """Mermaid label text: quoted, with quotes and markup characters as entity codes."""
    codes = {'"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "#": "#35;", "\n": " ",
             "\r": " "}
    return "".join(codes.get(ch, ch) for ch in visible(text))


MERMAID_SHAPES = {"input": ('(["', '"])'), "finding": ('("', '")'), "rule": ('["', '"]'),
                  "recommendation": ('[["', '"]]'), "step": ('{{"', '"}}'),
                  "source": ('>"', '"]')}
MERMAID_ARROWS = {"premise": "-->", "conclusion": "==>", "citation": "-.-",
                  "superseded": "-. superseded by .->", BECAME: "== became ==>"}
MERMAID_MARKS = {
    CHANGED: f"fill:{MARK_STYLE[CHANGED]['fillcolor']},stroke:{MARK_STYLE[CHANGED]['color']},"
             "stroke-width:3px",
    BEFORE: f"fill:{MARK_STYLE[BEFORE]['fillcolor']},stroke:{MARK_STYLE[BEFORE]['color']},"
            f"stroke-dasharray:4 3,color:{MARK_STYLE[BEFORE]['fontcolor']}",
    AFTER: f"fill:{MARK_STYLE[AFTER]['fillcolor']},stroke:{MARK_STYLE[AFTER]['color']},"
           "stroke-width:3px",
    COLLAPSED: f"fill:{MARK_STYLE[COLLAPSED]['fillcolor']},"
               f"stroke:{MARK_STYLE[COLLAPSED]['color']},stroke-dasharray:4 3",
}
"""The Mermaid class of each mark."""


def to_mermaid(graph: nx.DiGraph[str]) -> str:
    """A Mermaid flowchart (left to right), one class per node type, one for the superseded
    proposals, and one per mark the drawing has."""
    ids = _ids(graph)
    losers = superseded(graph)
    lines = ["flowchart LR"]
    for node, data in graph.nodes(data=True):
        opening, closing = MERMAID_SHAPES[data["type"]]
        lines.append(f"  {ids[node]}{opening}{_mermaid_text(data['label'])}{closing}")
        kind = data.get("mark") or ("superseded" if node in losers else data["type"])
        lines.append(f"  class {ids[node]} {kind}")
    for tail, head, data in graph.edges(data=True):
        lines.append(f"  {ids[tail]} {MERMAID_ARROWS[data['type']]} {ids[head]}")
    for node_type in NODE_TYPES:
        fill = STYLE[node_type]["fillcolor"]
        lines.append(f"  classDef {node_type} fill:{fill},stroke:#374151")
    lines.append(f"  classDef superseded fill:{SUPERSEDED_STYLE['fillcolor']},"
                 f"stroke:{SUPERSEDED_STYLE['color']},stroke-dasharray:4 3,"
                 f"color:{SUPERSEDED_STYLE['fontcolor']}")
    lines.extend(f"  classDef {mark} {MERMAID_MARKS[mark]}" for mark in marks(graph))
    return "\n".join(lines) + "\n"


def format_for(path: str | os.PathLike[str]) -> str:
    """The diagram format a file name asks for, by its suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(
            f"cannot tell the diagram format of {os.fspath(path)!r}; use one of the suffixes "
            f"{', '.join(SUFFIXES)}"
        )
    return SUFFIXES[suffix]


def _file_mode() -> int:
    """The mode a new file gets under the process umask (mkstemp alone would give 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


FILE_MODE = _file_mode()

_DESCRIPTOR = re.compile(r"/dev/(?:(?P<std>stdout|stderr)|fd/(?P<fd>\d+))"
                         r"|/proc/(?:self|(?P<pid>\d+))/fd/(?P<proc_fd>\d+)")
"""A path that names one of this process's open file descriptors (``/dev/stdout``)."""
_STANDARD_FDS = {"stdout": 1, "stderr": 2}


def _descriptor(path: str) -> int | None:
    """The descriptor of this process that ``path`` names, if it names one."""
    match = _DESCRIPTOR.fullmatch(os.path.abspath(path))
    if match is None or (match["pid"] is not None and int(match["pid"]) != os.getpid()):
        return None
    if match["std"] is not None:
        return _STANDARD_FDS[match["std"]]
    return int(match["fd"] if match["fd"] is not None else match["proc_fd"])


def output_kind(path: str | os.PathLike[str]) -> str:
    """How ``open_atomically`` would write to ``path``, checking first that it may.

    ``"new"`` (nothing there yet) and ``"file"`` (a regular file, or a symbolic link to one)
    are written atomically; ``"stream"`` (a FIFO, a character device such as ``/dev/null``,
    or a path naming an open descriptor such as ``/dev/stdout``) is written through. Raises
    ``OSError`` (its ``strerror`` says why, in words) for what is refused: a directory, a
    block device or socket, a read-only file, a file in a folder that does not exist or that
    cannot be written."""
    return _target(os.fspath(path))[1]


def _target(path: str) -> tuple[str, str, os.stat_result | None]:
    """Where to write (a symbolic link resolved), how (``output_kind``), and what is there."""
    if _descriptor(path) is not None:
        return path, "stream", None
    resolved = os.path.realpath(path)  # a symbolic link: write to what it points to
    try:
        status: os.stat_result | None = os.stat(resolved)
    except FileNotFoundError:
        status = None
    if status is None or stat.S_ISREG(status.st_mode):
        if status is not None and (not status.st_mode & 0o222
                                   or not os.access(resolved, os.W_OK)):
            raise PermissionError(errno.EACCES, "the file is read-only (it is not "
                          "replaced behind its owner's back: make it writable, or choose "
                          "another name)", path)
        folder = os.path.dirname(resolved)
        if not os.path.isdir(folder):
            raise FileNotFoundError(errno.ENOENT, f"there is no folder {folder}",
                          path)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, f"no file can be made in {folder}",
                          path)
        return resolved, "new" if status is None else "file", status
    if stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(errno.EISDIR, "it is a folder; name a file in it",
                      path)
    if stat.S_ISFIFO(status.st_mode) or stat.S_ISCHR(status.st_mode):
        return resolved, "stream", status
    raise OSError(errno.EINVAL, "it is neither a file nor a pipe nor a character "
                  "device (a block device or a socket is never written to)", path)


@contextmanager
def open_atomically(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` with, safely for what is there (``output_kind``).

    A file (new, or a regular one, or what a symbolic link points to) appears whole or not
    at all: it is written to a temporary file beside it, flushed to the disk, and renamed into
    place when the block ends (removed if the block fails); an existing file keeps its mode
    (permission bits) and, where the process may set them, its owner and group. A read-only
    file, a directory, a block device or a socket is refused (``OSError``, before anything is
    written). A FIFO, a character device (``/dev/null``) or a path naming an open descriptor
    (``/dev/stdout``) is written through, as the name asks: renaming over it would replace the
    pipe or the device node with a plain file."""
    name = os.fspath(path)
    target, kind, status = _target(name)
    if kind == "stream":
        with _stream(target) as out:
            yield out
        return
    folder = os.path.dirname(target)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.")
    try:
        with os.fdopen(handle, "wb") as out:
            _keep_owner(handle, status)  # the owner first: changing it may clear mode bits
            os.fchmod(handle, FILE_MODE if status is None
                      else stat.S_IMODE(status.st_mode) & 0o777)
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)


@contextmanager
def _stream(path: str) -> Iterator[BinaryIO]:
    """Written through: a descriptor of ours (``/dev/stdout``) duplicated, so that the bytes
    follow what the process has written to it; a FIFO or a device opened for writing."""
    descriptor = _descriptor(path)
    if descriptor is not None:
        for stream in (sys.stdout, sys.stderr):  # what was printed before comes first
            if stream is not None:
                with suppress(Exception):
                    stream.flush()
    handle = os.dup(descriptor) if descriptor is not None else \
        os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(handle, "wb") as out:
        yield out


def _keep_owner(handle: int, status: os.stat_result | None) -> None:
    """The replacement of someone's file stays theirs, where the process may say so (as
    root; an ordinary user may keep only a group they belong to)."""
    if status is None or not hasattr(os, "fchown"):
        return
    for owner in (status.st_uid, -1):
        try:
            os.fchown(handle, owner, status.st_gid)
            return
        except PermissionError:
            continue


def _sync_folder(folder: str) -> None:
    """The rename reaches the disk too (where a folder can be opened and synced)."""
    try:
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through ``open_atomically``: a file whole or not at all."""
    with open_atomically(path) as out:
        out.write(data)


class Diagram:
    """A drawable explanation graph; shows itself inline in Jupyter (SVG when Graphviz is there)."""

    def __init__(self, graph: nx.DiGraph[str], title: str | None = None) -> None:
        self.graph = graph
        self.title = title

    @property
    def dot(self) -> str:
        return to_dot(self.graph, self.title)

    @property
    def mermaid(self) -> str:
        return to_mermaid(self.graph)

    def render(self, fmt: str = "svg") -> bytes:
        return render(self.graph, fmt, self.title)

    def save(self, path: str | os.PathLike[str], fmt: str | None = None) -> Path:
        """Write the diagram, in the format its suffix names unless ``fmt`` is given."""
        data = self.render(fmt or format_for(path))
        write_atomically(path, data)
        return Path(path)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        bundle = {"text/plain": repr(self)}
        try:
            bundle["image/svg+xml"] = self.render("svg").decode("utf-8")
        except GraphvizNotFound:
            bundle["text/plain"] += f"\n{INSTALL_HINT}"
        return bundle

    def __repr__(self) -> str:
        counts = dict.fromkeys(NODE_TYPES, 0)
        for _, node_type in self.graph.nodes(data="type"):
            counts[str(node_type)] += 1
        parts = ", ".join(f"{n} {t}" for t, n in counts.items() if n)
        return f"<Diagram {self.title or 'explanation'}: {parts}>"

