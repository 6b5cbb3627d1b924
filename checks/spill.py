"""An append-only store of pickled objects in an anonymous temporary file, addressed by number.

The main process keeps what a large batch produces per document (its findings, the duplicate
family's normalised body) here instead of in memory: an 8-byte offset per object stays in memory.
The file is anonymous (no name in any folder) and disappears with the process; it lives in the
run's scratch folder inside its output folder while a check that writes one runs
(:func:`temporaries_in`), else in the system's temporary folder (``TMPDIR``).
Reads never move the file's offset (``os.pread``), so worker processes forked from the main process
may read a spill at the same time (the report phase does); only the process that made it writes.
An object a worker has already pickled (:class:`Pickled`) is written as it is: the main process
neither unpickles it from the worker's answer nor pickles it again.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Callable, Iterator, TypeVar

from scrapegate.checks.lazy_sequence import LazySequence

T = TypeVar("T")


def pread_at(file: Any, size: int, offset: int) -> bytes:
    """``size`` bytes of ``file`` (a file object on disk: flushed) from ``offset``, fewer at its end,
    leaving the file's offset where it was: any process holding the descriptor may read at once."""
    return os.pread(file.fileno(), size, offset)


def seek_read(file: Any, size: int, offset: int) -> bytes:
    """:func:`pread_at` where there is no ``os.pread`` (Windows): it moves the file's offset, so only
    the process that owns the file reads it, and its writes must seek to the end first."""
    file.seek(offset)
    return bytes(file.read(size))


# how a spill, the summary's entries and the duplicate profiles' files are read back
read_at = pread_at if hasattr(os, "pread") else seek_read


_folder: Path | None = None  # where temporary_file makes files now (None: the system's temporary folder)


@contextmanager
def temporaries_in(folder: Path | None) -> Iterator[None]:
    """While the block runs, :func:`temporary_file` makes its files in ``folder`` (a check's scratch
    folder inside its output folder: :meth:`~scrapegate.checks.outputs.OutputFolder.scratch`), so a
    check writes nothing outside the folders it was given; None: in the system's (``TMPDIR``). Files
    made in the block keep working after it (they have no name to lose)."""
    global _folder
    before, _folder = _folder, folder
    try:
        yield
    finally:
        _folder = before


def temporary_file(prefix: str, buffering: int = -1) -> IO[bytes]:
    """An anonymous temporary file (removed when closed or when the process ends, even killed) where
    :func:`temporaries_in` says: every temporary file of a check is made here."""
    return tempfile.TemporaryFile(prefix=prefix, buffering=buffering, dir=_folder)


def scratch_folder() -> Path | None:
    """The run's scratch folder while :func:`temporaries_in` names one (None: the system's temporary
    folder is used): where a temporary file that must have a name (a pack's spool) goes."""
    return _folder


def temporary_folder() -> str:
    """Where :func:`temporary_file` makes its files now, as an error names it."""
    if _folder is not None:
        return f"{_folder} (the run's temporary files, inside its output folder)"
    return f"{tempfile.gettempdir()} (the run's temporary files; TMPDIR chooses the folder)"


def write_temporary(file: Any, data: bytes) -> None:
    """Write all of ``data`` to an unbuffered anonymous temporary ``file``. A failed write (the
    temporary folder full: ``No space left on device``) names that folder, since the file has no name
    a user could look for."""
    view = memoryview(data)
    try:
        while view:  # an unbuffered write may take part of the data
            view = view[file.write(view):]
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, temporary_folder()) from None


class Pickled:
    """An object pickled where it was made (in a worker): it crosses to the main process as bytes
    (a copy, where the object would be rebuilt) and :meth:`Spill.put` writes them as they are;
    :meth:`Spill.get` returns the object."""

    __slots__ = ("data",)

    def __init__(self, obj: Any) -> None:
        self.data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)

    def __getstate__(self) -> bytes:
        return self.data

    def __setstate__(self, data: bytes) -> None:
        self.data = data


class Spill:
    def __init__(self) -> None:
        # unbuffered: every put is on the file at once, where os.pread (in any process) finds it
        self._file = temporary_file("scrapegate-spill-", buffering=0)
        self._ends = array("Q", [0])
        self._end = 0
        self._companions: dict[str, Any] = {}

    def __len__(self) -> int:
        return len(self._ends) - 1

    def put(self, obj: Any) -> int:
        """Store ``obj`` (a :class:`Pickled` one: its bytes); its number."""
        data = obj.data if isinstance(obj, Pickled) else pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        if read_at is seek_read:  # get() moved the offset
            self._file.seek(self._end)
        write_temporary(self._file, data)
        self._end += len(data)
        self._ends.append(self._end)
        return len(self._ends) - 2

    def get(self, number: int) -> Any:
        start, end = self._ends[number], self._ends[number + 1]
        return pickle.loads(read_at(self._file, end - start, start))

    def companion(self, name: str, make: Callable[[], T]) -> T:
        """The one object of this name kept beside the spill for the run (e.g. a batch rule's own
        on-disk store), made on first use."""
        if name not in self._companions:
            self._companions[name] = make()
        return self._companions[name]

    def close(self) -> None:
        self._file.close()

    def __getstate__(self) -> dict[str, Any]:
        raise TypeError("a Spill belongs to the process that wrote it")


class SpilledList(LazySequence[T]):
    """A list whose items are kept pickled in a :class:`Spill` of its own (made on the first
    :meth:`append`, in the run's temporary folder; item ``i`` is the spill's object number ``i``), 8
    bytes an item in memory; each item read is a fresh copy. What the summary collects item by item
    over a whole batch (the findings a family summarizes) is kept here.

    >>> found = SpilledList[tuple[str, int]]()
    >>> found.append(("a.txt", 1)); found.append(("b.txt", 2))
    >>> list(found), found[-1]
    ([('a.txt', 1), ('b.txt', 2)], ('b.txt', 2))
    """

    def __init__(self) -> None:
        self._spill: Spill | None = None

    def append(self, item: T) -> None:
        if self._spill is None:
            self._spill = Spill()
        self._spill.put(item)

    def __len__(self) -> int:
        return 0 if self._spill is None else len(self._spill)

    def _item(self, i: int) -> T:
        assert self._spill is not None
        item: T = self._spill.get(i)
        return item
