"""A list of strings (a batch's document keys) kept on disk, 8 bytes a string in memory.

A batch of a million documents names each one by its key in several places (the inputs, the
results, the report statuses, the summary's list). As Python strings in lists they cost the main
process about 80 bytes a key plus 8 a list: memory that grows with the batch. Here the keys are
written, UTF-8, to an anonymous temporary file (:func:`~scrapegate.checks.spill.temporary_file`: in
the run's scratch folder inside its output folder while a check runs) and each read gives a fresh
string.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from typing import IO, Iterable, Iterator, Sequence

from scrapegate.checks.lazy_sequence import LazySequence
from scrapegate.checks.spill import read_at, seek_read, temporary_file, write_temporary

_PENDING_MAX = 1 << 16  # bytes kept in memory before they go to the file
_READ_CHUNK = 1 << 20  # bytes read at once when the keys are read in order


def _encoded(key: str) -> bytes:
    # surrogatepass: any str comes back as it was, a lone surrogate included
    return key.encode("utf-8", "surrogatepass")


def _decoded(data: bytes | bytearray | memoryview) -> str:
    return bytes(data).decode("utf-8", "surrogatepass")


class KeyList(LazySequence[str]):
    """Strings in the order appended; ``keys[i]`` reads one back (a fresh, equal string).

    Forked worker processes may read a list their parent made (the file's reads never move its
    offset; the bytes not yet on disk are in the copy of the buffer they inherited); only the
    process that made it appends.

    >>> keys = KeyList(["a.txt", "b/文.txt"])
    >>> keys.append("c.txt")
    2
    >>> keys[1], keys[-1], list(keys), len(keys), keys == ['a.txt', 'b/文.txt', 'c.txt']
    ('b/文.txt', 'c.txt', ['a.txt', 'b/文.txt', 'c.txt'], 3, True)
    """

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self._file: IO[bytes] | None = None  # made when the first bytes go to disk
        self._ends = array("Q", [0])
        self._on_disk = 0  # bytes written to the file; the rest are in _pending
        self._pending = bytearray()
        for key in keys:
            self.append(key)

    def append(self, key: str) -> int:
        """Add ``key``; its place."""
        self._pending += _encoded(key)
        self._ends.append(self._on_disk + len(self._pending))
        if len(self._pending) >= _PENDING_MAX:
            self._flush()
        return len(self._ends) - 2

    def _flush(self) -> None:
        if self._file is None:
            self._file = temporary_file("scrapegate-keys-", buffering=0)
        if read_at is seek_read:  # a read moved the offset
            self._file.seek(self._on_disk)
        write_temporary(self._file, bytes(self._pending))
        self._on_disk += len(self._pending)
        self._pending.clear()

    def __len__(self) -> int:
        return len(self._ends) - 1

    def _bytes(self, start: int, end: int) -> bytes | bytearray:
        """The list's bytes from ``start`` to ``end``."""
        if start >= self._on_disk:
            return self._pending[start - self._on_disk:end - self._on_disk]
        assert self._file is not None
        data = read_at(self._file, min(end, self._on_disk) - start, start)
        if end > self._on_disk:
            data += self._pending[:end - self._on_disk]
        return data

    def _item(self, i: int) -> str:
        return _decoded(self._bytes(self._ends[i], self._ends[i + 1]))

    def __iter__(self) -> Iterator[str]:
        return self.at_places(range(len(self)))

    def at_places(self, places: Iterable[int]) -> Iterator[str]:
        """``self[p]`` for each place ``p`` (``0 <= p < len(self)``), in the order given. Where the
        places ascend, about a megabyte of keys is read at once (one read instead of one a key); a
        place before the last one is read alone.

        >>> list(KeyList(["a", "b", "c", "d"]).at_places([1, 3, 3, 0, 2]))
        ['b', 'd', 'd', 'a', 'c']
        """
        ends, count = self._ends, len(self)
        low = high = base = last = 0  # the keys low..high-1 are in view, from byte base
        view = memoryview(b"")
        for place in places:
            if not low <= place < high:
                if not 0 <= place < count:
                    raise IndexError(f"KeyList index {place} out of range")
                low, high = place, place + 1
                if place >= last:
                    high = max(high, min(count, bisect_right(ends, ends[place] + _READ_CHUNK, place + 1, count + 1) - 1))
                base = ends[low]
                view = memoryview(self._bytes(base, ends[high]))
            last = place
            yield _decoded(view[ends[place] - base:ends[place + 1] - base])

    def __eq__(self, other: object) -> bool:
        """Equal to a sequence of the same strings (a list of them, another KeyList)."""
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def close(self) -> None:
        if self._file is not None:
            self._file.close()

    def __getstate__(self) -> object:
        raise TypeError("a KeyList belongs to the process that wrote it")


def sorted_keys(keys: Iterable[str]) -> Sequence[str]:
    """``sorted(keys)`` without a string a key in memory when ``keys`` come in order, as a batch's do
    (discovery orders the inputs by key): a :class:`KeyList`. Otherwise the sorted list. ``keys`` may
    be iterated twice (a mapping, a sequence).

    >>> list(sorted_keys({"a": 1, "b": 2})), sorted_keys(["b", "a"])
    (['a', 'b'], ['a', 'b'])
    """
    held = KeyList()
    last: str | None = None
    for key in keys:
        if last is not None and key < last:
            held.close()
            return sorted(keys)
        held.append(key)
        last = key
    return held

