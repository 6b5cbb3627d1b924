"""Output folders (--report-dir, --write-clean, --attributes): where files may be written, and under which names.

Three guarantees, whatever the input tree holds:

- An output folder and an input never overlap: a walked input folder may not be, contain or lie
  inside an output folder, and an output folder may not contain a file named as input
  (:func:`check_overlap`). Nothing written can overwrite an input or be read as one next run.
- Every write stays inside its folder: paths are opened one component at a time relative to the
  folder with ``O_NOFOLLOW`` (:meth:`OutputFolder.write`), so a symbolic link planted inside the
  folder is never written through; such a file is refused with an :class:`OutputError`.
- Two documents never get the same output name, and no name is a folder another name needs
  (:func:`assign_names`): a name that is taken (``summary.json`` is the batch summary's) becomes
  ``<stem>~N<suffix>`` with the smallest free N from 2, e.g. a document named ``summary`` gets
  ``summary~2.json``; ``a.txt`` beside a folder ``a.txt.json/`` gets ``a.txt~2.json``.
  ``summary.json`` lists every document's report name (``per_document[].report``, and ``clean``
  with --write-clean).
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import shutil
import stat
import time
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Iterable, Iterator, Mapping, Sequence

from scrapegate.checks.errors import UsageError

NAME_MAX = 255  # bytes in one file name on Linux, macOS and Windows file systems
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
# os.replace takes src_dir_fd/dst_dir_fd wherever os.rename does (both are renameat), but only
# "rename" is listed in os.supports_dir_fd: testing os.replace there sent every platform down the
# slower checked path.
_UNFINISHED = ".scrapegate-"  # a file being written: .scrapegate-<run>-<random>.tmp until it is renamed into place
# exactly the names OutputFolder gives its temporary files: a file named otherwise is never removed
_UNFINISHED_NAME = re.compile(re.escape(_UNFINISHED) + r"[0-9a-f]{8}-[0-9a-f]{12}\.tmp")
# a run's folder of temporary files (OutputFolder.scratch), directly inside its output folder
_SCRATCH_NAME = re.compile(re.escape(_UNFINISHED) + r"[0-9a-f]{8}-scratch")
try:
    import fcntl
except ImportError:  # Windows: stale temporary files are reported, not removed
    fcntl = None  # type: ignore[assignment]
_SAFE_OPEN = all(f in os.supports_dir_fd for f in (os.open, os.mkdir, os.rename, os.unlink))


class OutputError(OSError):
    """A file cannot be written inside its output folder (a link in the way, a name too long …)."""


def resolved(path: str | os.PathLike[str]) -> Path:
    """``Path(path).resolve()`` (absolute, links followed), except that a loop of symbolic links is
    followed as far as it goes: Path.resolve raises RuntimeError on one before Python 3.13, which
    stopped a run naming such a link (an input, -o) as an internal error instead of reporting it."""
    return Path(os.path.realpath(path))


def link_loop(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a symbolic link that leads back to itself (ELOOP), not merely dangling."""
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def name_problem(name: str) -> str | None:
    """Why ``name`` (a relative POSIX path) cannot be a file name, or None."""
    for part in name.split("/"):
        if len(os.fsencode(part)) > NAME_MAX:
            return (f"output name too long for the file system ('{part[:40]}…' is "
                    f"{len(os.fsencode(part))} bytes; the limit is {NAME_MAX})")
    return None


def _alternative(name: str, n: int) -> str:
    """``a.txt.json`` -> ``a.txt~2.json``; a compressed pack keeps its format: ``p.jsonl.gz`` ->
    ``p~2.jsonl.gz``."""
    path = PurePosixPath(name)
    compressed = path.suffix in (".gz", ".zst") and len(path.suffixes) > 1
    suffix = "".join(path.suffixes[-2:]) if compressed else path.suffix
    stem = path.name[: len(path.name) - len(suffix)]
    return str(path.with_name(f"{stem}~{n}{suffix}"))


def assign_names(wanted: Mapping[str, str], reserved: Iterable[str] = ()) -> dict[str, str]:
    """Give each key a distinct output name: its wanted name unless that name is reserved, a folder
    another wanted name needs, or wanted by a key before it (in sorted order); then
    ``<stem>~N<suffix>`` with the smallest free N >= 2.

    Deterministic: keys are handled in sorted order and never depend on what is already on disk.
    """
    folders = {str(parent) for name in wanted.values() for parent in PurePosixPath(name).parents}
    taken = set(reserved) | folders
    names: dict[str, str] = {}
    for key in sorted(wanted):  # the first key wanting a name gets it (two packs named p.jsonl)
        if wanted[key] not in taken:
            names[key] = wanted[key]
            taken.add(wanted[key])
    taken |= set(wanted.values())  # an alternative never takes a name another key wanted
    for key in sorted(set(wanted) - set(names)):
        n = 2
        while _alternative(wanted[key], n) in taken:
            n += 1
        names[key] = _alternative(wanted[key], n)
        taken.add(names[key])
    return names


def renamed_with_suffix(keys: Sequence[str], suffix: str, reserved: Iterable[str] = ()) -> dict[str, str]:
    """``assign_names({key: key + suffix for key in keys}, reserved)`` for distinct keys, but only the
    keys whose name is not ``key + suffix`` (the other names are not held: a million documents' report
    names took the main process about 170 bytes each)."""
    folders: set[str] = set()
    for key in keys:
        name = key + suffix
        if "/" in name:
            folders.update(str(parent) for parent in PurePosixPath(name).parents)
        else:
            folders.add(".")
    taken = set(reserved) | folders
    moved = sorted({key for key in keys if key + suffix in taken})
    if not moved:
        return {}
    wanted = set(keys)  # a name wanted by another key: key + suffix
    renamed: dict[str, str] = {}
    for key in moved:
        n = 2
        while True:
            alternative = _alternative(key + suffix, n)
            if alternative not in taken and not (alternative.endswith(suffix)
                                                 and alternative[:len(alternative) - len(suffix)] in wanted):
                break
            n += 1
        renamed[key] = alternative
        taken.add(alternative)
    return renamed


class OutputFolder:
    """A folder the run writes into (created if missing); nothing is ever written outside it.
    ``OutputFolder("--report-dir", Path("out")).write("sub/a.txt.json", "{}")`` writes
    ``out/sub/a.txt.json`` unless ``out/sub`` is a link or a file."""

    def __init__(self, flag: str, given: Path) -> None:
        self.flag, self.given = flag, given
        try:
            given.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            # the folder itself, or a parent of it (afile/sub: afile), is a file
            blocker = next((p for p in (given, *given.parents) if p.exists() or p.is_symlink()), given)
            where = "exists" if blocker == given else f"its parent {blocker} exists"
            raise UsageError(f"{flag} {given}: {where} and is not a folder") from None
        except OSError as exc:
            raise UsageError(f"{flag} {given}: cannot create it ({exc.strerror or exc})") from None
        if not writable(given):  # else every report would fail, and the summary last of all
            raise UsageError(f"{flag} {given}: not writable (permission denied)")
        self.root = resolved(given)  # the folder the user named may itself be a link: that is theirs
        # names this run's temporary files, so cleaning up never touches another run writing to the same folder
        self._unfinished = f"{_UNFINISHED}{secrets.token_hex(4)}-"
        self._started = time.time()

    def write(self, name: str, text: str) -> None:
        """Write ``text`` (UTF-8) at ``name`` inside the folder (see :meth:`open`)."""
        with self.open(name) as handle:
            handle.write(text.encode("utf-8"))

    @contextmanager
    def open(self, name: str) -> Iterator[IO[bytes]]:
        """A binary file at ``name`` (a relative POSIX path) inside the folder, written under a
        temporary name and renamed into place when complete; sub-folders are created. Raises
        OutputError if a component is a link or a file, or the name is too long."""
        parts = name.split("/")
        if any(part in ("", ".", "..") for part in parts):
            raise OutputError(f"{self.flag} {self.given}: '{name}' is not a plain relative name")
        problem = name_problem(name)
        if problem:
            raise OutputError(problem)
        if not _SAFE_OPEN:  # no dir_fd (Windows): check each component, then write normally
            with self._open_checked(parts) as handle:
                yield handle
            return
        fd = os.open(self.root, _DIR_FLAGS)
        try:
            for depth, part in enumerate(parts[:-1]):
                try:
                    os.mkdir(part, 0o777, dir_fd=fd)
                except FileExistsError:
                    pass
                try:
                    sub = os.open(part, _DIR_FLAGS, dir_fd=fd)
                except OSError:
                    raise OutputError(self._blocked(parts[: depth + 1])) from None
                os.close(fd)
                fd = sub
            tmp = f"{self._unfinished}{secrets.token_hex(6)}.tmp"
            placed = False
            try:
                with os.fdopen(os.open(tmp, _FILE_FLAGS, 0o666, dir_fd=fd), "wb") as handle:  # umask applies
                    hold(handle.fileno())  # until renamed: remove_stale leaves a locked file alone
                    yield handle
                    handle.flush()
                    # rename replaces a link at the destination by the file; it never writes through it
                    os.replace(tmp, parts[-1], src_dir_fd=fd, dst_dir_fd=fd)
                    placed = True
            except IsADirectoryError:
                raise OutputError(f"{self.root / name} is a folder; not overwritten") from None
            finally:
                if not placed:
                    try:
                        os.unlink(tmp, dir_fd=fd)
                    except OSError:
                        pass  # never created
        finally:
            os.close(fd)

    @contextmanager
    def scratch(self) -> Iterator[Path]:
        """A folder for the run's temporary files inside this one (``.scrapegate-<run>-scratch``: the
        spills of what the main process keeps per document, the summary's entries, the duplicate
        profiles; see :func:`~scrapegate.checks.spill.temporaries_in`), so that a check writes nothing
        outside its output folders and its temporary files take room on their device. The folder is
        locked while the run uses it (:meth:`remove_stale_scratch` of another run leaves it alone) and
        removed with all it holds when the block is left, an error included. Its files are anonymous
        (they vanish when closed, or when the process is killed), so a killed run leaves only the empty
        folder, which the next run writing here removes."""
        path = self.root / f"{self._unfinished}scratch"
        os.mkdir(path, 0o700)
        fd = os.open(path, _DIR_FLAGS)
        try:
            hold(fd)
            yield path
        finally:
            shutil.rmtree(path, ignore_errors=True)
            os.close(fd)

    def remove_stale_scratch(self) -> tuple[int, list[str]]:
        """Remove the scratch folders (:meth:`scratch`) of runs killed before this one started: (how many
        were removed, the paths of those found but kept: where folders cannot be locked). A folder in
        use is locked by its run and left alone; links are not followed."""
        removed, kept = 0, list[str]()
        for entry in os.scandir(self.root):
            if (not _SCRATCH_NAME.fullmatch(entry.name) or entry.name.startswith(self._unfinished)
                    or not older_file(entry.path, self._started, folder=True)):
                continue
            if fcntl is None:
                kept.append(entry.path)
            elif remove_unlocked(entry.path, folder=True):
                removed += 1
        return removed, kept

    def remove_unfinished(self) -> int:
        """Remove this run's temporary files of writes that never finished (a worker process killed while
        it wrote a report: :meth:`open` had no chance to clean up); how many. Another run's temporary files
        in the same folder are left alone. Links are not followed."""
        removed = 0
        for folder, _folders, filenames in os.walk(self.root, followlinks=False):
            for name in filenames:
                if name.startswith(self._unfinished) and name.endswith(".tmp"):
                    try:
                        os.unlink(os.path.join(folder, name))
                        removed += 1
                    except OSError:
                        pass
        return removed

    def remove_stale(self) -> tuple[int, list[str]]:
        """Remove the temporary files that runs killed before this one started (SIGKILL, a power cut) left
        in the folder: (how many were removed, the paths of those found but kept).

        Only a regular file named as :meth:`open` names them (``.scrapegate-<8 hex>-<12 hex>.tmp``), last
        modified before this run started and not locked is removed: a run still writing holds a lock on
        its temporary file until it is renamed into place, so a concurrent run's file is never touched.
        Where files cannot be locked (no ``fcntl``: Windows) they are kept and listed. Links are not
        followed. Every file of the folder is listed once (``os.walk``).
        """
        removed, kept = 0, list[str]()
        for folder, _folders, filenames in os.walk(self.root, followlinks=False):
            for name in filenames:
                if not _UNFINISHED_NAME.fullmatch(name) or name.startswith(self._unfinished):
                    continue
                path = os.path.join(folder, name)
                if not older_file(path, self._started):
                    continue
                if fcntl is None:
                    kept.append(path)
                elif remove_unlocked(path):
                    removed += 1
        return removed, kept

    def _blocked(self, parts: list[str]) -> str:
        where = self.root.joinpath(*parts)
        what = "a symbolic link" if where.is_symlink() else "not a folder"
        return f"{where} is {what}; nothing is written through it"

    @contextmanager
    def _open_checked(self, parts: list[str]) -> Iterator[IO[bytes]]:
        folder = self.root
        for depth, part in enumerate(parts[:-1]):
            folder = folder / part
            if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
                raise OutputError(self._blocked(parts[: depth + 1]))
            folder.mkdir(exist_ok=True)
        tmp = folder / f"{self._unfinished}{secrets.token_hex(6)}.tmp"
        try:
            with open(tmp, "xb") as handle:
                yield handle
            os.replace(tmp, folder / parts[-1])
        finally:
            tmp.unlink(missing_ok=True)


def hold(fd: int) -> None:
    """Lock a temporary file being written (shared: several holders are fine), where locks exist."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            pass  # a file system without locks: remove_stale cannot lock either, and removes nothing there


def older_file(path: str, started: float, *, folder: bool = False) -> bool:
    """Whether ``path`` is a regular file (with ``folder``, a folder; not a link) last modified before
    ``started``; False when it is gone (renamed into place meanwhile)."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return (stat.S_ISDIR if folder else stat.S_ISREG)(info.st_mode) and info.st_mtime < started


def remove_unlocked(path: str, *, folder: bool = False) -> bool:
    """Remove ``path`` (a file, or with ``folder`` a folder and all it holds; not a link) if no process
    holds a lock on it, holding an exclusive lock on it meanwhile; whether it was removed (never where
    files cannot be locked)."""
    if fcntl is None:
        return False
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | (getattr(os, "O_DIRECTORY", 0) if folder else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # a run is using it
        try:
            if folder:
                shutil.rmtree(path, ignore_errors=True)
            else:
                os.unlink(path)
        except OSError:
            return False
        return not os.path.lexists(path)
    finally:
        os.close(fd)


def writable(folder: Path) -> bool:
    """Whether this process may create files in ``folder`` (its effective user where the platform says)."""
    effective = os.access in os.supports_effective_ids
    return os.access(folder, os.W_OK | os.X_OK, effective_ids=effective)


def check_overlap(outputs: list[tuple[str, Path]], inputs: Iterable[tuple[Path, bool]]) -> None:
    """Refuse output folders that overlap an input or each other (a usage error, before any work).

    ``outputs`` are (flag, folder as given); ``inputs`` are (resolved path, walked): a walked folder
    may not be, contain or lie inside an output folder; a file may not lie inside one. Files are
    compared through their folders, once per folder (a manifest may list millions of files).
    """
    resolved_outputs = [(flag, folder, resolved(folder)) for flag, folder in outputs]
    sources: dict[Path, tuple[Path, bool]] = {}
    for path, walked in inputs:
        sources.setdefault(path if walked else path.parent, (path, walked))
    for flag, folder, out in resolved_outputs:
        for source, (path, walked) in sources.items():
            if out == source or out in source.parents or (walked and source in out.parents):
                where = "the input folder" if walked else "the input file"
                raise UsageError(f"{flag} {folder}: overlaps {where} {path}; outputs could overwrite "
                                 "inputs or be read as inputs next run (choose a folder outside the inputs)")
    for i, (flag, folder, out) in enumerate(resolved_outputs):
        for other_flag, other_folder, other in resolved_outputs[i + 1:]:
            if out == other or out in other.parents or other in out.parents:
                raise UsageError(f"{flag} {folder} and {other_flag} {other_folder} overlap; "
                                 "use separate folders")
