"""Document keys held on disk (checks.key_list.KeyList): the same strings back, in any order of reading,
across the boundary between the bytes on disk and those still in memory, and in a forked worker."""

from __future__ import annotations

import os
import pickle
import tracemalloc

import pytest

from scrapegate.checks.key_list import KeyList


def _keys(n: int) -> list[str]:
    return [f"省/市{i % 97}/报告-{i:06d}" + "\udcff" * (i % 13 == 0) + ".txt" * (i % 2) for i in range(n)]


def test_keys_come_back_as_appended() -> None:
    keys = _keys(30_000)  # about 800 KB: most on disk, the last in memory
    held = KeyList()
    for i, key in enumerate(keys):
        assert held.append(key) == i
        if i in (0, 5_000, 29_999):  # a read while appending: whatever part is on disk by then
            assert held[i] == key and held[0] == keys[0]
    assert len(held) == len(keys) and list(held) == keys and held == keys and held != keys[:-1]
    assert [held[i] for i in (-1, 0, 17_001, 29_998)] == [keys[-1], keys[0], keys[17_001], keys[29_998]]
    assert held[100:103] == keys[100:103] and list(KeyList()) == []
    with pytest.raises(IndexError):
        held[30_000]


class _CountedReads(KeyList):
    reads = 0

    def _bytes(self, start: int, end: int) -> bytes | bytearray:
        self.reads += 1
        return super()._bytes(start, end)


def test_keys_at_places_are_read_a_chunk_at_a_time_where_the_places_ascend() -> None:
    keys = _keys(60_000)  # about 1.7 MB: two chunks
    held = _CountedReads(keys)
    ascending = list(range(0, 60_000, 3))
    assert list(held.at_places(ascending)) == [keys[p] for p in ascending]
    assert held.reads <= 3  # not one read a key
    assert list(held) == keys
    held.reads = 0
    jumbled = [59_999, 0, 0, 31_000, 12, 59_998, 30_999, 30_999]
    assert list(held.at_places(jumbled)) == [keys[p] for p in jumbled]
    assert held.reads == 6  # a place before the last read alone, a place ahead with its chunk
    with pytest.raises(IndexError):
        list(held.at_places([1, 60_000]))


def test_a_key_is_a_few_bytes_in_memory() -> None:
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    held = KeyList(f"{'很长的路径/' * 20}{i:06d}.txt" for i in range(20_000))
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert held[7] == f"{'很长的路径/' * 20}000007.txt"
    assert grown < 20_000 * 12 + (1 << 16) * 2  # the 8-byte ends and one buffer, not 20,000 strings


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks")
def test_a_forked_worker_reads_the_parents_keys() -> None:
    keys = _keys(5_000)
    held = KeyList(keys)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: what it reads goes back through the pipe
        os.close(read)
        with os.fdopen(write, "wb") as out:
            out.write(pickle.dumps([held[i] for i in range(len(held) - 1, -1, -1)]))
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as back:
        seen = pickle.loads(back.read())
    os.waitpid(pid, 0)
    assert seen == keys[::-1]
    held.append("later.txt")  # the parent goes on appending
    assert held[-1] == "later.txt" and held[:-1] == keys


def test_a_key_list_is_not_pickled() -> None:
    with pytest.raises(TypeError, match="belongs to the process"):
        pickle.dumps(KeyList(["a"]))
