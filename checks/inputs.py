"""Finding the input files and reading one into a Document, with a clear error for each bad input."""

from __future__ import annotations

import atexit
import hashlib
import os
import re
import shutil
import stat
import tempfile
import threading
from array import array
from bisect import bisect_right
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import IO, Any, Iterable, cast

from scrapegate.checks.decoding import Decoded, looks_binary
from scrapegate.checks.document import Document, ManifestEntry
from scrapegate.checks.errors import InputError, UsageError, printable
from scrapegate.checks.key_list import KeyList
from scrapegate.checks.lazy_sequence import LazySequence
from scrapegate.checks.spill import scratch_folder
from scrapegate.checks.outputs import hold, link_loop, name_problem, remove_unlocked, resolved
from scrapegate.checks.packs import (
    STDIN, STDIN_KEY, FieldMap, is_pack, is_url, iter_pack, open_source, pack_format,
)

try:
    import fcntl
except ImportError:  # Windows: stale spool folders are left
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)  # one per document of a batch: no __dict__
class InputFile:
    """A file to check: ``key`` is its path relative to the input root, ``display`` as the user named it."""

    key: str
    path: Path
    display: str
    manifest: ManifestEntry | None = None
    text: str | None = None  # a document given in memory (check_texts) carries its text
    data: bytes | None = None  # standard input carries its bytes
    spooled: Spooled | None = None  # a pack's record: where its text (or WARC payload) waits on disk
    pack: str | None = None  # the pack (file, URL or "-") a record comes from …
    pack_key: str | None = None  # … and the pack's own report name


@dataclass(frozen=True, slots=True)  # one per record of a pack: no __dict__
class Spooled:
    """A pack record's text (UTF-8) or, ``raw``, its bytes to decode like a file (a WARC payload),
    copied to a temporary file as the pack is read: the pack is read once, never held whole, and
    each record is read back by offset (by any process: workers open the file by name)."""

    file: str
    offset: int
    length: int
    raw: bool = False

    def read(self) -> bytes:
        if not hasattr(os, "pread"):  # Windows
            with open(self.file, "rb") as handle:
                handle.seek(self.offset)
                return handle.read(self.length)
        fd = _spool_descriptor(self.file)
        data = os.pread(fd, self.length, self.offset)
        while len(data) < self.length:  # a read may return less; b"" at the end of the file
            more = os.pread(fd, self.length - len(data), self.offset + len(data))
            if not more:
                break
            data += more
        return data


_open_spool = threading.local()  # per thread: the spool file it read last and its descriptor, kept open


def _spool_descriptor(file: str) -> int:
    """A descriptor of the spool file, open for reading: the last file's is kept (a record is read
    twice or more per run, the records of a pack one after another: opening the file each time cost
    5 times the read). A forked worker inherits it; preads share no file offset. Kept per thread: a
    thread closing its last file must not hand its descriptor's number to another thread's read."""
    kept = getattr(_open_spool, "kept", None)
    if kept is None or kept[0] != file:
        if kept is not None:
            os.close(kept[1])
        kept = _open_spool.kept = (file, os.open(file, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)))
    return kept[1]


_PLAIN, _PACKED, _HELD = 0, 1, 2


class InputList(LazySequence[InputFile]):
    """The inputs of a batch, in about 40 bytes a document (its key on disk: :class:`KeyList`), where a
    list of :class:`InputFile` held ~430 (the record, its ``Path`` and display string): a file is kept
    as its key and the prefix its display name adds to the key (shared), a pack's record as its number,
    offset and length with the pack's fields shared; ``items[i]`` makes the record again (an equal
    one, not the same object). Anything else (a text or bytes given in memory, a display name that
    does not end in the key) is held as it is."""

    def __init__(self, items: Iterable[InputFile] = ()) -> None:
        self.keys = KeyList()
        """The documents' keys, in order (on disk): read them, do not change them."""
        self._kind = array("B")
        self._group = array("I")
        self._number = array("Q")
        self._offset = array("Q")
        self._length = array("Q")
        self._groups: list[tuple[Any, ...]] = []
        self._group_of: dict[tuple[Any, ...], int] = {}
        # each document's manifest as a number in _manifest_list (0: none); the records of a pack
        # without metadata share one entry, which a dict by document held ~80 bytes a record for
        self._manifest_at = array("I")
        self._manifest_list: list[ManifestEntry | None] = [None]
        self._held: dict[int, InputFile] = {}
        for item in items:
            self.append(item)

    def append(self, item: InputFile) -> None:
        at = len(self.keys)
        kind, group, number, offset, length = _HELD, 0, 0, 0, 0
        if item.text is None and item.data is None:
            display, key = item.display, item.key
            if item.spooled is None and item.pack is None:
                if display.endswith(key) and Path(display) == item.path:
                    kind, group = _PLAIN, self._shared(("", display[:len(display) - len(key)]))
            elif item.spooled is not None and item.pack is not None:
                base, colon, count = display.rpartition(":")
                if colon and count.isdigit() and str(int(count)) == count:
                    spooled = item.spooled
                    kind = _PACKED
                    group = self._shared((item.path, base, item.pack, item.pack_key, spooled.file, spooled.raw))
                    number, offset, length = int(count), spooled.offset, spooled.length
        self.keys.append(item.key)
        if kind == _HELD:
            self._held[at] = item
        self._kind.append(kind)
        self._group.append(group)
        self._number.append(number)
        self._offset.append(offset)
        self._length.append(length)
        self._manifest_at.append(0)
        if kind != _HELD:
            self.set_manifest(at, item.manifest)

    def _shared(self, fields: tuple[Any, ...]) -> int:
        number = self._group_of.get(fields)
        if number is None:
            number = self._group_of[fields] = len(self._groups)
            self._groups.append(fields)
        return number

    def set_manifest(self, at: int, manifest: ManifestEntry | None) -> None:
        # A manifest this replaces stays listed: a document's slot may be shared, and the one caller
        # (check_paths, once per plain file found without one) never replaces any.
        if self._kind[at] == _HELD:
            self._held[at] = replace(self._held[at], manifest=manifest)
        elif manifest is None:
            self._manifest_at[at] = 0
        else:
            if manifest is not self._manifest_list[-1]:
                self._manifest_list.append(manifest)
            self._manifest_at[at] = len(self._manifest_list) - 1

    def pack(self, at: int) -> str | None:
        """``self[at].pack``, without making the record."""
        kind = self._kind[at]
        if kind == _PLAIN:
            return None
        return self._held[at].pack if kind == _HELD else self._groups[self._group[at]][2]

    def packs(self) -> dict[str, str]:
        """Each pack the inputs come from: its own report name (``pack_key``, else the pack)."""
        found = {fields[2]: fields[3] or fields[2] for fields in self._groups if fields[0] != ""}
        found.update({item.pack: item.pack_key or item.pack for item in self._held.values() if item.pack is not None})
        return found

    def has_plain(self) -> bool:
        """Whether any input is not a pack's record."""
        return _PLAIN in self._kind or any(item.pack is None for item in self._held.values())

    def __len__(self) -> int:
        return len(self.keys)

    def _item(self, at: int) -> InputFile:
        kind = self._kind[at]
        if kind == _HELD:
            return self._held[at]
        key = self.keys[at]
        fields = self._groups[self._group[at]]
        if kind == _PLAIN:
            display = fields[1] + key
            return InputFile(key=key, path=Path(display), display=display, manifest=self._manifest_list[self._manifest_at[at]])
        path, base, pack, pack_key, file, raw = fields
        return InputFile(key=key, path=path, display=f"{base}:{self._number[at]}", manifest=self._manifest_list[self._manifest_at[at]],
                         spooled=Spooled(file, self._offset[at], self._length[at], raw), pack=pack,
                         pack_key=pack_key)


SPOOL_PREFIX = "scrapegate-spooled-"
_SPOOL_NAME = re.compile(re.escape(SPOOL_PREFIX) + r"[a-z0-9_]{8}")  # as tempfile.mkdtemp names it


class Spool:
    """The run's spool files: in its scratch folder inside its output folder while a check that
    writes one runs (:func:`~scrapegate.checks.spill.scratch_folder`, removed with it), else in one
    temporary folder of the system's (``TMPDIR``), removed when the process that made it exits. The
    process holds a lock on that folder as long as it lives, so that a later run can tell the folder
    of a killed process (SIGKILL: no exit handler ran) from a live one's:
    :func:`remove_stale_spools`."""

    _folder: str | None = None
    _owner = 0

    def __init__(self, name: str) -> None:
        folder = scratch_folder()
        if folder is None and (Spool._folder is None or Spool._owner != os.getpid()):
            Spool._folder, Spool._owner = tempfile.mkdtemp(prefix=SPOOL_PREFIX), os.getpid()
            _hold_folder(Spool._folder)
            atexit.register(shutil.rmtree, Spool._folder, True)
        handle, self.file = tempfile.mkstemp(prefix=re.sub(r"[^\w.\-]", "_", name)[-40:] + ".",
                                             dir=folder if folder is not None else Spool._folder)
        self._out = os.fdopen(handle, "wb")
        self._end = 0

    def put(self, data: bytes, raw: bool = False) -> Spooled:
        self._out.write(data)
        at, self._end = self._end, self._end + len(data)
        return Spooled(self.file, at, len(data), raw)

    def put_stream(self, source: IO[bytes]) -> None:
        """Copy `source` to the spool in 1 MiB pieces (standard input, never held whole)."""
        start = self._out.tell()
        shutil.copyfileobj(source, self._out, 1 << 20)
        self._end += self._out.tell() - start

    def close(self) -> None:
        self._out.close()


def _hold_folder(folder: str) -> None:
    """Hold a shared lock on ``folder`` through a descriptor left open: the lock lasts as long as the
    process and the workers it forks (nothing where folders cannot be locked)."""
    if fcntl is None:
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    hold(fd)  # a file system without locks: remove_stale_spools cannot lock it either


def remove_stale_spools(started: float) -> tuple[int, int]:
    """Remove the spool folders that runs killed before ``started`` (SIGKILL, an out-of-memory kill)
    left in the system's temporary folder: (how many, how many bytes they held).

    Only a folder (not a link) named as :class:`Spool` names them, of this user, last changed before
    ``started`` and that no process holds locked is removed: a live run holds a lock on its spool
    folder, so a concurrent run's spool is never touched. Where folders cannot be locked (no
    ``fcntl``: Windows) nothing is removed.
    """
    root = tempfile.gettempdir()
    if fcntl is None:
        return 0, 0
    try:
        names = [n for n in os.listdir(root) if _SPOOL_NAME.fullmatch(n)]
    except OSError:
        return 0, 0
    removed = size = 0
    for name in names:
        path = os.path.join(root, name)
        try:
            info = os.lstat(path)
            if (not stat.S_ISDIR(info.st_mode) or info.st_mtime >= started
                    or info.st_uid != getattr(os, "getuid", lambda: info.st_uid)()):
                continue
            held = sum(e.stat(follow_symlinks=False).st_size for e in os.scandir(path) if e.is_file(follow_symlinks=False))
        except OSError:
            continue
        if remove_unlocked(path, folder=True):
            removed, size = removed + 1, size + held
    return removed, size


_NOT_UTF8 = re.compile("[\udc80-\udcff]")  # bytes of a file name that are not UTF-8 (surrogateescape)


def _dangling(link: Path) -> str:
    return "a loop of symbolic links" if link_loop(link) else "broken symbolic link"


def _hidden(name: str) -> bool:
    return name.startswith(".")


def discover(paths: list[str], extensions: tuple[str, ...],
             fields: FieldMap = FieldMap()) -> tuple[InputList, list[InputError]]:  # noqa: B008 (frozen)
    """Walk files and folders (recursively, hidden entries skipped). Order is sorted, not filesystem order.

    ``-`` is standard input (a JSONL pack when it starts with ``{``, else one document) and a URL is
    read through fsspec (a pack, or one document).
    """
    # In the order found, records compact while a million are found; ordered by key (and a key
    # reached twice resolved) at the end, where a dict by key held ~100 bytes a record all along.
    staged = InputList()
    given_way: set[int] = set()  # places in staged of links that gave way to their file's real name
    place_of_file: dict[str, int] = {}  # resolved path (as text: a Path took ~400 bytes) -> place in
    # staged; -1 for a pack or a refused name
    errors: list[InputError] = []
    suffixes = tuple("." + e for e in extensions)

    def add(file: Path, root: Path, display: str, walked: bool) -> None:
        key = file.relative_to(root).as_posix()
        real = resolved(file)
        if walked and file.is_symlink() and resolved(root) not in real.parents:
            # Only what the user named is read: a link planted in a folder may point anywhere.
            errors.append(InputError(display, "symbolic link to a file outside the folder; not read", key))
            return
        real_name = str(real)
        if real_name in place_of_file:
            # One file reached twice (named twice, or through a link): one report, never a
            # "duplicate of itself". The link gives way to the real name.
            at = place_of_file[real_name]
            if at >= 0 and staged[at].path.is_symlink() and not file.is_symlink():
                given_way.add(at)
            else:
                return
        place_of_file[real_name] = -1
        if not is_pack(file):
            if put(InputFile(key=key, path=file, display=display)):
                place_of_file[real_name] = len(staged) - 1
            return
        add_pack(file, key, display)

    def add_pack(source: Path | str, key: str, display: str, read_from: Path | None = None) -> None:
        spool = Spool(key)
        path = Path(str(source))
        try:
            for r in iter_pack(source, key, display, fields, read_from=read_from):
                if isinstance(r, InputError):
                    errors.append(r)
                    continue
                stored = spool.put(r.data, raw=True) if r.data is not None else \
                    spool.put(cast(str, r.text).encode("utf-8"))
                put(InputFile(key=r.key, path=path, display=r.where, manifest=r.entry, spooled=stored,
                              pack=str(source), pack_key=key))
        finally:
            spool.close()

    def add_stream(given: str) -> None:
        key = STDIN_KEY if given == STDIN else given.rstrip("/").rsplit("/", 1)[-1]
        if is_pack(key):
            add_pack(given, key, given)
            return
        if given == STDIN:  # read once: spooled, then read like a file
            spooled = _spool_stdin()
            with open(spooled, "rb") as handle:
                start = handle.read(4096).lstrip()[:1]
            if start == b"{":  # a JSONL pack on standard input
                add_pack(given, key, given, read_from=spooled)
            else:
                put(InputFile(key=key, path=Path(key), display=given, data=spooled.read_bytes()))
            return
        try:
            with open_source(given) as stream:
                data = stream.read()
        except OSError as exc:
            errors.append(InputError(given, f"cannot read: {exc}"))  # a URL is the same from anywhere
            return
        put(InputFile(key=key, path=Path(key), display=given, data=data))

    def put(item: InputFile) -> bool:
        problem = None if item.pack is not None else name_problem(item.key + ".json")  # packs check theirs
        if _NOT_UTF8.search(item.key):
            problem = "the file name is not valid UTF-8 (rename it); not read"
        if problem:
            errors.append(InputError(item.display, problem, item.key))
            return False
        staged.append(item)
        return True

    def walk_given(given: str) -> None:
        if given == STDIN or is_url(given):
            add_stream(given)
            return
        path = Path(given)
        if path.is_symlink() and not path.exists():
            errors.append(InputError(given, _dangling(path)))
        elif not path.exists():
            errors.append(InputError(given, "no such file or directory"))
        elif path.is_dir():
            before, errors_before = len(staged) - len(given_way), len(errors)

            def unlisted(exc: OSError) -> None:
                # A folder os.walk cannot list would be skipped without a word: its documents missed.
                folder = Path(exc.filename if exc.filename is not None else path)
                key = folder.relative_to(path).as_posix() if folder != path else None
                reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror or str(exc)
                errors.append(InputError(str(folder), f"{reason}: cannot list the folder; its documents "
                                                      "are not checked", key))

            for folder, dirnames, filenames in os.walk(path, onerror=unlisted, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames if not _hidden(d))
                for name in sorted(filenames):
                    file = Path(folder) / name
                    if _hidden(name) or not name.lower().endswith(suffixes):
                        continue
                    if file.is_symlink() and not file.exists():
                        errors.append(InputError(str(file), _dangling(file),
                                                 file.relative_to(path).as_posix()))
                        continue
                    add(file, path, str(file), walked=True)
            if len(staged) - len(given_way) == before and len(errors) == errors_before:
                errors.append(InputError(given, "directory holds no documents "
                                                f"(looked for {', '.join(suffixes)})"))
        else:
            add(path, path.parent, given, walked=False)

    givens: list[_Given] = []
    for given in paths:
        at, errors_at = len(staged), len(errors)
        walk_given(given)
        givens.append(_Given(given, at, len(staged), errors_at, len(errors)))
    place_of_file.clear()
    return _keyed(staged, given_way, givens, errors), errors


@dataclass(frozen=True, slots=True)
class _Given:
    """What one named input (``given``, as named) added: its documents (``staged[start:end]``) and its
    input errors (``errors[errors_start:errors_end]``). Its root's folders (:func:`_root_folders`, a
    stat) are read only when keys clash."""

    given: str
    start: int
    end: int
    errors_start: int
    errors_end: int


def _root_folders(given: str) -> tuple[str, ...]:
    """The folders of the input root ``given`` is keyed against, outermost first: a folder's own, a
    file's or a URL's parent (``https://a.org/x/p.html``: ``a.org``, ``x``); none for standard input.
    Lexical (``os.path.abspath``): a root reached through a link is named as the user named it."""
    if given == STDIN:
        return ()
    if is_url(given):
        return tuple(part for part in given.split("://", 1)[1].rstrip("/").split("/")[:-1] if part)
    absolute = Path(os.path.abspath(given))
    return (absolute if absolute.is_dir() else absolute.parent).parts[1:]


def _keyed(staged: InputList, given_way: set[int], givens: list[_Given], errors: list[InputError]) -> InputList:
    """The inputs in key order (:func:`_by_key`). Where documents of different input roots have one
    key (``site1/index.html`` and ``site2/index.html`` both ``index.html``), every document and input
    error of each of those roots is keyed with the root's name in front (``site1/index.html``), with as
    many parent folders as tell the roots apart (``a/site/…``, ``b/site/…``); roots without a clash keep
    their keys. Decided on the clashes alone, never on the order of the arguments. A clash no prefix
    settles (two standard inputs, two URLs of one last part) is a usage error."""
    items, clashes = _by_key(staged, given_way)
    if not clashes:
        return items
    starts = [given.start for given in givens]
    root_folders = [_root_folders(given.given) for given in givens]

    def root_of(at: int) -> tuple[str, ...]:
        return root_folders[bisect_right(starts, at) - 1]

    found = staged
    base_errors = [error.key for error in errors]
    depth: dict[tuple[str, ...], int] = {}  # the roots keyed with a prefix: how many folders
    prefixes: dict[tuple[str, ...], str] = {}  # their prefixes (_prefix of root and depth)
    while clashes:
        before = prefixes  # the last round's prefixes (a new dict is built below)
        deeper = set()
        for at, other in clashes:
            roots = {root_of(at), root_of(other)}
            if roots <= before.keys():  # prefixed and still clashing: one more folder each
                deeper |= roots if len(roots) > 1 else set()
            else:  # a root keyed as it was: its name first
                depth.update((root, 1) for root in roots - before.keys())
        depth.update((root, depth[root] + 1) for root in deeper)
        prefixes = {root: _prefix(root, d) for root, d in depth.items()}
        if prefixes == before:
            item, earlier = staged[clashes[0][0]], staged[clashes[0][1]]
            raise UsageError(f"{item.display}: has the same report name '{item.key}' as "
                             f"{earlier.display}; check them in separate runs or --report-dirs")
        rekeyed = InputList()
        for given, root in zip(givens, root_folders):
            prefix = prefixes.get(root)
            for at in range(given.start, given.end):
                item = found[at]
                if prefix:
                    item = replace(item, key=f"{prefix}/{item.key}",
                                   pack_key=item.pack_key and f"{prefix}/{item.pack_key}")
                rekeyed.append(item)
            for at in range(given.errors_start, given.errors_end):
                errors[at].key = f"{prefix}/{base_errors[at]}" if prefix and base_errors[at] else base_errors[at]
        staged = rekeyed
        items, clashes = _by_key(staged, given_way)
    return items


def _prefix(root: tuple[str, ...], depth: int) -> str:
    """The last ``depth`` folders of ``root``; bytes of a folder name that are not UTF-8 written as
    ``\\xff``, as messages name them (a key is UTF-8: it goes into reports and summary.json)."""
    return "/".join(printable(part) for part in root[-depth:]) if root else ""


def _same_document(a: InputFile, b: InputFile) -> bool:
    """Whether two inputs of one key are one document: one file by two names (one resolved path), or
    one URL named twice; two URLs with the same last part are two documents."""
    if a.data is not None or b.data is not None:
        return a.display == b.display
    return resolved(a.path) == resolved(b.path)


def _by_key(staged: InputList, given_way: set[int]) -> tuple[InputList, list[tuple[int, int]]]:
    """The inputs in key order, and the places in ``staged`` of each two different documents that
    have one key (the later found, the first), in key order: of one document reached twice, the later
    (the same file by another name, a URL named twice) is kept."""
    keys = staged.keys
    if not given_way and all(a < b for a, b in pairwise(keys)):
        return staged, []  # a pack in id order, a folder whose names sort as they are walked
    order = sorted((at for at in range(len(staged)) if at not in given_way), key=keys.__getitem__)
    items = InputList()
    clashes: list[tuple[int, int]] = []
    kept = -1
    for i, at in enumerate(order):
        if kept >= 0 and keys[kept] == keys[at]:
            if not _same_document(staged[kept], staged[at]):
                clashes.append((max(at, kept), min(at, kept)))
                continue
        kept = at
        if i + 1 == len(order) or keys[order[i + 1]] != keys[at]:
            items.append(staged[at])
    return items, clashes


def _spool_stdin() -> Path:
    spool = Spool(STDIN_KEY)
    try:
        spool.put_stream(open_source(STDIN))
    finally:
        spool.close()
    return Path(spool.file)


def read_document(item: InputFile, max_file_size: int, earlier: Decoded | None = None,
                  sha256: str | None = None) -> Document:
    """Read and decode one file. Raises InputError naming the file and the problem. Never writes.
    ``earlier``: how the file decoded when it was read before (the caller checks that its digest is
    the same): a strict legacy reading is then not searched for again. ``sha256``: the digest of the
    bytes read before: bytes with that digest are not examined for binary content again (they were
    text then); the caller still compares the document's digest."""
    try:
        return _read_document(item, max_file_size, earlier, sha256)
    except InputError as exc:
        exc.key = exc.key or item.key
        raise


def _read_document(item: InputFile, max_file_size: int, earlier: Decoded | None,
                   sha256: str | None = None) -> Document:
    if item.spooled is not None:
        try:
            stored = item.spooled.read()
        except OSError as exc:
            raise InputError(item.display, f"cannot read the record back: {exc.strerror or exc}") from None
        if item.spooled.raw:
            return _document_from_bytes(item, stored, max_file_size, earlier, sha256)
        return _packed_document(item, max_file_size, stored)
    if item.text is not None:
        return _packed_document(item, max_file_size, item.text.encode("utf-8"))
    if item.data is not None:
        return _document_from_bytes(item, item.data, max_file_size, earlier, sha256)
    try:
        info = item.path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(item.display, "not a regular file (a pipe, socket or device); not read")
        size = info.st_size
        if size > max_file_size:
            raise InputError(item.display, f"file is {size:,} bytes, over the size limit of "
                                           f"{max_file_size:,} (max-file-size); not read")
        raw = item.path.read_bytes()
    except PermissionError:
        raise InputError(item.display, "permission denied: cannot read the file") from None
    except IsADirectoryError:
        raise InputError(item.display, "is a directory") from None
    except OSError as exc:
        raise InputError(item.display, f"cannot read: {exc.strerror or exc}") from None
    return _document_from_bytes(item, raw, max_file_size, earlier, sha256)


def _document_from_bytes(item: InputFile, raw: bytes, max_file_size: int,
                         earlier: Decoded | None = None, sha256: str | None = None) -> Document:
    if len(raw) > max_file_size:
        raise InputError(item.display, f"{len(raw):,} bytes, over the size limit of "
                                       f"{max_file_size:,} (max-file-size); not checked")
    if not raw.strip():
        raise InputError(item.display, "empty file" if not raw else "file holds only white space")
    digest = hashlib.sha256(raw).hexdigest() if sha256 is not None else None
    if digest is None or digest != sha256:  # the same bytes were text when read before
        binary = looks_binary(raw)
        if binary:
            raise InputError(item.display, f"not a text document ({binary})")
    doc = Document.from_bytes(item.key, raw, path=item.display, manifest=item.manifest, earlier=earlier,
                              sha256=digest)
    if not doc.text or doc.text.isspace():  # a byte-order mark alone, UTF-16 spaces, ideographic spaces
        raise InputError(item.display, "file holds no text" if not doc.text else "file holds only white space")
    return doc


def _packed_document(item: InputFile, max_file_size: int, raw: bytes) -> Document:
    if len(raw) > max_file_size:
        raise InputError(item.display, f"text is {len(raw):,} bytes, over the size limit of "
                                       f"{max_file_size:,} (max-file-size); not checked")
    return Document(key=item.key, path=item.display, sha256=hashlib.sha256(raw).hexdigest(),
                    size=len(raw), decoded=Decoded(text=raw.decode("utf-8"), encoding="utf-8",
                                                  method=pack_format(item.pack or "") or "jsonl"),
                    manifest=item.manifest)
