"""Files written safely (``explain.render.open_atomically``): what is at the path decides how,
and nothing is replaced that should not be."""

from __future__ import annotations

import os
import stat
import sys
import threading
from pathlib import Path

import pytest

from explain.render import FILE_MODE, open_atomically, output_kind, write_atomically

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, devices, modes")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_new_file_appears_whole_with_the_umask_mode(tmp_path):
    path = tmp_path / "new.txt"
    assert output_kind(path) == "new"
    write_atomically(path, b"hello\n")
    assert path.read_bytes() == b"hello\n"
    assert stat.S_IMODE(path.stat().st_mode) == FILE_MODE
    assert _leftovers(tmp_path) == []


@posix_only
def test_an_existing_file_keeps_its_mode(tmp_path):
    path = tmp_path / "private.txt"
    path.write_bytes(b"old")
    path.chmod(0o600)
    assert output_kind(path) == "file"
    write_atomically(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600, "a 0600 file must not become 0644"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_as_root_an_existing_file_keeps_its_owner(tmp_path):
    path = tmp_path / "theirs.txt"
    path.write_bytes(b"old")
    os.chown(path, 1234, 4321)
    write_atomically(path, b"new")
    assert (path.stat().st_uid, path.stat().st_gid) == (1234, 4321)


@posix_only
def test_a_symbolic_link_is_followed_not_replaced(tmp_path):
    target = tmp_path / "target.txt"
    target.write_bytes(b"old")
    link = tmp_path / "link.txt"
    link.symlink_to(target.name)
    write_atomically(link, b"new")
    assert link.is_symlink() and os.readlink(link) == "target.txt"
    assert target.read_bytes() == b"new"
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to("made.txt")
    write_atomically(dangling, b"made")
    assert dangling.is_symlink() and (tmp_path / "made.txt").read_bytes() == b"made"


@posix_only
def test_a_read_only_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "read-only.txt"
    path.write_bytes(b"keep me")
    path.chmod(0o444)
    with pytest.raises(PermissionError, match="read-only"):
        output_kind(path)
    with pytest.raises(PermissionError):
        write_atomically(path, b"replaced")
    assert path.read_bytes() == b"keep me" and _leftovers(tmp_path) == []


def test_a_folder_and_a_missing_folder_are_refused(tmp_path):
    with pytest.raises(IsADirectoryError):
        write_atomically(tmp_path, b"x")
    with pytest.raises(FileNotFoundError, match="no folder"):
        output_kind(tmp_path / "missing" / "out.txt")


@posix_only
def test_a_fifo_is_written_through_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert output_kind(fifo) == "stream"
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomically(fifo, b"through the pipe")
    reader.join(10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode), "the FIFO is still a FIFO"
    assert _leftovers(tmp_path) == []


@posix_only
def test_a_character_device_is_written_through():
    assert output_kind("/dev/null") == "stream"
    write_atomically("/dev/null", b"gone")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_full_device_fails_while_writing():
    with pytest.raises(OSError) as failure:
        write_atomically("/dev/full", b"x" * 100_000)
    assert failure.value.errno == 28  # ENOSPC


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="no /dev/fd")
def test_a_path_naming_a_descriptor_is_written_through_it(tmp_path):
    path = tmp_path / "behind-the-descriptor.txt"
    with open(path, "wb") as behind:
        behind.write(b"before|")
        behind.flush()
        assert output_kind(f"/dev/fd/{behind.fileno()}") == "stream"
        write_atomically(f"/dev/fd/{behind.fileno()}", b"written")
    assert path.read_bytes() == b"before|written", "at the descriptor's place, not over it"


def test_a_failed_block_leaves_neither_file_nor_temporary(tmp_path):
    path = tmp_path / "out.txt"
    path.write_bytes(b"old")
    with pytest.raises(RuntimeError), open_atomically(path) as out:
        out.write(b"half")
        raise RuntimeError("stopped")
    assert path.read_bytes() == b"old" and _leftovers(tmp_path) == []
