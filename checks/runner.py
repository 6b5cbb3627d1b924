"""The rule runner: decode in parallel, learn the batch, run per-document rules, then batch rules.

Phases (each parallel phase goes through a ``concurrent.futures`` process pool; results come back in
input order, so output never depends on scheduling):

1. read and decode every file, and fingerprint its lines (pass 1);
2. build the read-only :class:`BatchContext` (template lines learned from the whole batch);
3. read and decode every file again and run every selected per-document rule, and each batch rule's
   ``collect``, per document (pass 2);
4. run each batch rule's ``check_batch`` once over all payloads.

Texts stay in the workers: the main process receives each document as a :class:`StoredDocument`
(what the reports need, without the text) and its findings, payloads and line fingerprints. Reading
a file again costs far less than shipping its text to the main process and back to a worker. What
the main process keeps per document stays on disk (:class:`DocumentList`, :class:`ResultStore`,
the batch rules' ``compact``) with a few bytes in memory, so its memory stays nearly flat in the
number of documents (issue 15).

A rule that raises is recorded against the document (or the batch) and the run goes on.
"""

from __future__ import annotations

import ctypes
import dataclasses
import fnmatch
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from array import array
from functools import partial
from itertools import count, groupby, islice
from operator import itemgetter
from typing import (Any, Callable, ClassVar, Iterable, Iterator, Mapping, NamedTuple, Sequence, TypeVar, cast)

import numpy as np
from scrapegate.checks.baseline import document_identity
from scrapegate.checks.context import BatchContext, LineCounter, line_fingerprints, line_map
from scrapegate.checks.decoding import Decoded
from scrapegate.checks.document import Document
from scrapegate.checks.errors import InputError
from scrapegate.checks.findings import Finding, Severity
from scrapegate.checks.inputs import InputFile, read_document
from scrapegate.checks.lazy_sequence import LazySequence
from scrapegate.checks.progress import progress
from scrapegate.checks.registry import BatchRule, DocumentRule, Rule, families
from scrapegate.checks.spill import Pickled, Spill

T = TypeVar("T")
R = TypeVar("R")
SERIAL_BELOW = 8  # a pool costs more than it saves on a handful of documents


@dataclass
class RuleCrash:
    """A rule raised (or its document's report could not be built: code ``report``): recorded in the
    report, the run goes on, and the exit code becomes 3."""

    code: str
    error: str

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "error": self.error}


@dataclass
class StoredDocument(Document):
    """A read document as the main process keeps it: key, path, digest, size, decoding and manifest,
    without the text. Its text (and everything derived from it: lines, memoised analysis) comes from
    reading and decoding its input again when asked, e.g. for a batch finding's excerpt or a cleaned
    copy; the last document read again is kept, so a run of findings on one document reads it once."""

    source: InputFile | None = field(default=None, repr=False, compare=False)
    max_file_size: int = 0
    _chars: int = 0

    _last: ClassVar[tuple[Any, Document] | None] = None  # class-wide cache of one: (owner, document)

    @classmethod
    def of(cls, doc: Document, source: InputFile, max_file_size: int) -> StoredDocument:
        decoded = dataclasses.replace(doc.decoded, text="", segments=[], undecodable=[])
        return cls(key=doc.key, path=doc.path, sha256=doc.sha256, size=doc.size, decoded=decoded,
                   manifest=doc.manifest, source=source, max_file_size=max_file_size,
                   _chars=len(doc.text))

    def load(self) -> Document:
        """The document read and decoded again. Raises InputError if it can no longer be read or
        its bytes changed since the first read."""
        last = StoredDocument._last
        if last is not None and last[0] is self:
            return last[1]
        assert self.source is not None
        doc = read_document(self.source, self.max_file_size, self.decoded, self.sha256)
        if doc.sha256 != self.sha256:
            raise InputError(self.source.display, "changed while being checked (its SHA-256 differs "
                                                  "between the two reads); check it again", self.key)
        StoredDocument._last = (self, doc)
        return doc

    @property
    def text(self) -> str:
        return self.load().text

    @property
    def chars(self) -> int:
        return self._chars

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        return self.load().memo(key, compute)

    def batch_memo(self, ctx: object, key: str, compute: Callable[[], T]) -> T:
        return self.load().batch_memo(ctx, key, compute)


@dataclass
class DocumentResult:
    document: Document
    findings: list[Finding] = field(default_factory=list)
    crashes: list[RuleCrash] = field(default_factory=list)
    payloads: dict[str, Any] = field(default_factory=dict)
    described: dict[str, Any] = field(default_factory=dict)
    """The families' fields for the report's ``document`` block (title, source_url, region …)."""
    undescribed: tuple[str, ...] = ()
    """The families whose ``describe`` did not run (none of their rules ran): their fields above are
    their ``document_defaults``."""
    identity: str | None = None
    """:func:`result_identity`, once computed (it can cost a describe): the baseline and a
    fingerprinted output format both read it."""

    def __getstate__(self) -> dict[str, Any]:
        # Coming back from a worker, the document is already in the main process: don't ship it twice.
        state = dict(self.__dict__)
        state["document"] = None
        return state


class FindingMark(NamedTuple):
    """What a batch rule may weigh of a document's per-document findings: a distinct (category,
    severity, code) of them. The findings themselves stay on disk until the report is written."""

    category: str
    severity: Severity
    code: str


MarkKeys = tuple[tuple[str, Severity, str], ...]


def mark_keys(findings: Iterable[Finding]) -> MarkKeys:
    """The distinct (category, severity, code) of ``findings``, in order: what
    :class:`FindingMarksByKey` keeps of them."""
    return tuple(sorted({(f.category, f.severity, f.code) for f in findings}))


class DocumentList(LazySequence[StoredDocument]):
    """Pass 1's documents in input order, each kept in a :class:`Spill` (on disk) and read back
    when asked; only where they and their input records are stay in memory (a document's key is its
    input's, read from ``inputs.keys``). A document is stored without its input record, which it gets
    back when read (from ``inputs``, by the place :meth:`append` was given): unpickling the record (a
    frozen dataclass with a Path) cost four times the rest of the document, and the main process reads
    each document back at least twice (for pass 2 and for its report)."""

    def __init__(self, spill: Spill | None = None, inputs: Sequence[InputFile] = ()) -> None:
        self.spill = spill if spill is not None else Spill()
        self._numbers = array("Q")
        self._inputs = inputs
        self._input_keys: Sequence[str] | None = getattr(inputs, "keys", None)
        self._input_at = array("q")
        self._sources: dict[int, InputFile | None] = {}  # documents appended without a place in inputs
        self._own_keys: dict[int, str] = {}  # their keys, and any that is not its input's

    def append(self, doc: StoredDocument, input_at: int | None = None) -> None:
        """Add a document; ``input_at``: the place of its record in ``inputs`` (else the record the
        document holds is kept as it is)."""
        source = doc.source
        doc.source = None
        try:
            self._numbers.append(self.spill.put(doc))
        finally:
            doc.source = source
        at = len(self._input_at)
        if input_at is None:
            self._sources[at] = source
        self._input_at.append(-1 if input_at is None else input_at)
        if input_at is None or self._input_key(input_at) != doc.key:
            self._own_keys[at] = doc.key

    def _input_key(self, input_at: int) -> str:
        if self._input_keys is not None:
            return self._input_keys[input_at]
        return self._inputs[input_at].key

    def key(self, i: int) -> str:
        """The key of document ``i`` (``0 <= i < len(self)``)."""
        own = self._own_keys.get(i)
        return own if own is not None else self._input_key(self._input_at[i])

    def keys_at(self, places: Sequence[int]) -> Iterator[str]:
        """:meth:`key` of each document at ``places``, in order; the inputs' keys read in chunks
        (:meth:`KeyList.at_places`) instead of one disk read a key."""
        at_places = getattr(self._input_keys, "at_places", None)
        if at_places is None:
            yield from map(self.key, places)
            return
        own = self._own_keys
        input_keys = at_places(self._input_at[i] for i in places if i not in own)
        for i in places:
            key = own.get(i)
            yield key if key is not None else next(input_keys)

    def __len__(self) -> int:
        return len(self._numbers)

    def _item(self, i: int) -> StoredDocument:
        doc: StoredDocument = self.spill.get(self._numbers[i])
        at = self._input_at[i]
        doc.source = self._sources.get(i) if at < 0 else self._inputs[at]
        return doc


class _Keys(LazySequence[str]):
    """The keys of a :class:`ResultStore`, each read by its ``key(i)`` (from the inputs'
    :class:`KeyList`), none held."""

    def __init__(self, owner: ResultStore) -> None:
        self._owner = owner

    def __len__(self) -> int:
        return len(self._owner)

    def _item(self, i: int) -> str:
        return self._owner.key(i)

    def __iter__(self) -> Iterator[str]:
        return self._owner.keys_in_order()


class ResultStore(LazySequence[DocumentResult]):
    """Every document's result in input order, its findings kept in a :class:`Spill` (on disk) and
    its :class:`StoredDocument` in the pass-1 :class:`DocumentList` (on disk too); in memory, per
    document, two numbers (its key is its document's). Reading one (``store[i]``, iteration) loads a
    fresh copy with the batch rules' findings added; :meth:`replace` stores a changed copy in its place
    (the report phase stores each result as reported)."""

    def __init__(self, documents: DocumentList | None = None) -> None:
        self.spill = Spill()
        """Where the results are; batch rules may keep parts of their payloads here too."""
        self._documents = documents if documents is not None else DocumentList(self.spill)
        self._keys = _Keys(self)
        self._at = array("Q")  # each result's document in the DocumentList
        self._numbers = array("Q")
        self._pending = PendingFindings(self.spill)  # batch findings not yet in the stored copy
        self._index: KeyIndex | None = None

    def append(self, result: DocumentResult | Pickled, at: int | None = None) -> None:
        """Add a result (or a result a worker pickled); ``at``: its document's place in the store's
        DocumentList (else the result's document is added to it)."""
        if at is None:
            assert isinstance(result, DocumentResult), "a pickled result needs its document's place"
            self._documents.append(cast(StoredDocument, result.document))
            at = len(self._documents) - 1
        self._at.append(at)
        self._numbers.append(self.spill.put(result))
        self._index = None

    def __len__(self) -> int:
        return len(self._at)

    def _item(self, i: int) -> DocumentResult:
        if i < 0:
            i += len(self)
        result: DocumentResult = self.spill.get(self._numbers[i])
        result.document = self.document(i)
        result.findings.extend(self._pending.get(i))
        return result

    def key_list(self) -> Sequence[str]:
        """The documents' keys, in order, not copied: read it, do not change it."""
        return self._keys

    def key(self, i: int) -> str:
        """The key of result ``i`` (``0 <= i < len(self)``): its document's."""
        return self._documents.key(self._at[i])

    def keys_in_order(self) -> Iterator[str]:
        """Every result's :meth:`key`, in order."""
        return self._documents.keys_at(self._at)

    def document(self, i: int) -> Document:
        return self._documents[self._at[i]]

    def documents(self) -> Mapping[str, Document]:
        """{key: document}, each read from disk when looked up."""
        return _DocumentsByKey(self)

    def position(self, key: str) -> int:
        """The place of ``key``'s result; KeyError when there is none."""
        if self._index is None:
            self._index = KeyIndex(self._keys)
        return self._index[key]

    def pending(self, i: int) -> list[Finding]:
        """The batch findings of result ``i`` not yet in its stored copy (the last of its findings
        when read; the same objects as ``store[i]``'s when asked right after it)."""
        return self._pending.get(i)

    def add_findings(self, key: str, findings: Iterable[Finding]) -> None:
        self._pending.add(self.position(key), list(findings))

    def pending_entries(self) -> int:
        """How many times findings were added (:meth:`forget_pending_since` takes it back to that)."""
        return len(self._pending)

    def forget_pending_since(self, entries: int) -> None:
        """Forget the findings added after there were ``entries`` (a batch rule that raised)."""
        self._pending.truncate(entries)

    def replace(self, i: int, result: DocumentResult) -> None:
        self._numbers[i] = self.spill.put(result)
        self._pending.drop(i)

    def remove(self, keys: set[str]) -> None:
        """Forget the results of these documents."""
        if not keys:
            return
        kept = [i for i, key in enumerate(self._keys) if key not in keys]
        self._pending.renumber(kept, len(self))
        self._at = array("Q", (self._at[i] for i in kept))
        self._numbers = array("Q", (self._numbers[i] for i in kept))
        self._index = None


class PendingFindings:
    """The batch rules' findings by result position until the report phase stores them with their
    results: pickled in the results' spill, one entry a (position, findings) added, 16 bytes an entry
    in memory, where a dict of lists of findings held some 500 bytes a finding (a million short
    pages: about 200,000 duplicate findings). Read by position (the entries of a position in the order
    added); the last position read is kept, so a result read (``store[i]``) and its ``pending(i)``
    right after share their finding objects, as the report phase needs to tell them apart."""

    def __init__(self, spill: Spill) -> None:
        self._spill = spill
        self._positions = array("q")
        self._numbers = array("Q")
        self._order: np.ndarray | None = None  # entries sorted by position (stable), made when read
        self._sorted: np.ndarray | None = None
        self._dropped: set[int] = set()  # positions whose findings are in their stored result now
        self._last: tuple[int, list[Finding]] | None = None

    def add(self, position: int, findings: list[Finding]) -> None:
        if not findings:
            return
        self._positions.append(position)
        self._numbers.append(self._spill.put(findings))
        self._order = self._sorted = self._last = None
        self._dropped.discard(position)

    def get(self, position: int) -> list[Finding]:
        if self._last is not None and self._last[0] == position:
            return self._last[1]
        found: list[Finding] = []
        if self._positions and position not in self._dropped:
            if self._order is None or self._sorted is None:
                positions = np.frombuffer(self._positions, dtype=np.int64)
                self._order = np.argsort(positions, kind="stable")
                self._sorted = positions[self._order]
            start, end = np.searchsorted(self._sorted, [position, position + 1])
            for entry in self._order[start:end]:
                found.extend(self._spill.get(self._numbers[int(entry)]))
        self._last = (position, found)
        return found

    def __len__(self) -> int:
        """Entries added (each :meth:`add` of findings)."""
        return len(self._positions)

    def truncate(self, entries: int) -> None:
        """Forget the entries added after the first ``entries`` (their pickles stay in the spill)."""
        del self._positions[entries:], self._numbers[entries:]
        self._order = self._sorted = self._last = None

    def drop(self, position: int) -> None:
        """Forget ``position``'s findings (its stored result holds them now)."""
        self._dropped.add(position)
        self._last = None

    def renumber(self, kept: list[int], count: int) -> None:
        """Only the positions in ``kept`` (ascending, of ``count``) stay, numbered 0, 1, …"""
        new = np.full(count, -1, dtype=np.int64)
        new[np.asarray(kept, dtype=np.int64)] = np.arange(len(kept), dtype=np.int64)
        moved = new[np.frombuffer(self._positions, dtype=np.int64)]
        dropped = np.fromiter(self._dropped, dtype=np.int64, count=len(self._dropped))
        live = moved >= 0
        self._positions = array("q", moved[live].tobytes())
        self._numbers = array("Q", np.frombuffer(self._numbers, dtype=np.uint64)[live].tobytes())
        self._dropped = {int(p) for p in new[dropped] if p >= 0}
        self._order = self._sorted = self._last = None


class KeyIndex:
    """Where each key is in a list of keys (the last place, as a dict built in order would say), in
    16 bytes a key: the keys' hashes sorted in a numpy array beside their places. A dict of a million
    document keys cost the main process about 100 bytes a key."""

    def __init__(self, keys: Sequence[str]) -> None:
        self._keys = keys
        hashes = np.fromiter((hash(k) for k in keys), dtype=np.int64, count=len(keys))
        self._order = np.argsort(hashes, kind="stable")
        self._hashes = hashes[self._order]

    def get(self, key: str) -> int | None:
        wanted = hash(key)
        at = int(np.searchsorted(self._hashes, wanted))
        found = None
        while at < len(self._hashes) and self._hashes[at] == wanted:
            place = int(self._order[at])
            if self._keys[place] == key:
                found = place
            at += 1
        return found

    def __getitem__(self, key: str) -> int:
        place = self.get(key)
        if place is None:
            raise KeyError(key)
        return place


_ABSENT = -1  # no payload for this document (its rule's collect raised)
_HELD = -2  # a payload that could not be pickled, held in memory


class PayloadMap(Mapping[str, Any]):
    """One batch rule's payloads by document key, in the results' order, as ``check_batch`` reads
    them: per document an 8-byte slot where a dict took about 100 bytes a key. A rule that keeps
    the default ``compact`` has its payloads pickled in the run's spill and read back when looked up;
    a rule with its own ``compact`` and ``expand`` keeps the number ``compact`` returns and expands
    it when looked up (the duplicate rules: a row of their profile store); a rule with only its own
    ``compact`` keeps what that returns (an object shared by the rules whose payloads were one object)."""

    def __init__(self, results: ResultStore, read: Callable[[int], Any] | None) -> None:
        self._results = results
        self._read = read  # a slot's number -> its payload; None: the slots hold the payloads
        self._numbers = array("q")
        self._objects: list[Any] = []
        self._held: dict[int, Any] = {}
        self._count = 0

    def add(self, position: int, payload: Any, number: int | None = None) -> None:
        """The payload of the result that will be at ``position``. A map that reads numbers keeps
        ``number`` (where the payload is in the spill, or what the rule's ``compact`` returned)
        instead; without one (a payload that could not be pickled) it holds the payload."""
        if self._read is not None:
            self._numbers.extend([_ABSENT] * (position - len(self._numbers)))
            if number is None:
                self._held[position] = payload
                number = _HELD
            self._numbers.append(number)
        else:
            self._objects.extend([_MISSING] * (position - len(self._objects)))
            self._objects.append(payload)
        self._count += 1

    def _slot(self, position: int) -> Any:
        if self._read is not None:
            if position >= len(self._numbers) or self._numbers[position] == _ABSENT:
                return _MISSING
            number = self._numbers[position]
            return self._held[position] if number == _HELD else self._read(number)
        return self._objects[position] if position < len(self._objects) else _MISSING

    def share_slots(self, other: PayloadMap) -> bool:
        """Keep ``other``'s slots instead of this map's equal ones (the duplicate rules' four maps
        hold the same rows: 8 bytes a document each); whether they were equal."""
        if self._read is None or other._read is None or self._numbers != other._numbers:
            return False
        self._numbers = other._numbers  # never changed again: the pass that adds to them is over
        return True

    def __getitem__(self, key: str) -> Any:
        found = self._slot(self._results.position(key))
        if found is _MISSING:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[str]:
        numbered = self._read is not None
        slots = self._numbers if numbered else self._objects
        keys = self._results.key_list()
        for position in range(len(slots)):
            if (slots[position] != _ABSENT) if numbered else (slots[position] is not _MISSING):
                yield keys[position]

    def __len__(self) -> int:
        return self._count


_MISSING: Any = object()


def share_equal_slots(maps: Iterable[PayloadMap]) -> None:
    """Once every payload is added: maps whose slots are equal keep one array of them."""
    kept: list[PayloadMap] = []
    for m in maps:
        if not any(m.share_slots(k) for k in kept):
            kept.append(m)


class FindingMarksByKey(Mapping[str, tuple[FindingMark, ...]]):
    """``BatchContext.document_findings`` as the runner fills it: per document (in the results'
    order) a 4-byte number of its distinct tuple of marks, of which a batch holds a few hundred."""

    def __init__(self, results: ResultStore) -> None:
        self._results = results
        self._ids = array("I")
        self._distinct: list[tuple[FindingMark, ...]] = []
        self._id_of: dict[MarkKeys, int] = {}  # keyed by the kept marks: a plain tuple of keys finds them
        self._marks: dict[tuple[str, Severity, str], FindingMark] = {}

    def add(self, position: int, keys: MarkKeys) -> None:
        """The marks of the result at ``position``, as :func:`mark_keys` gives them. A new tuple of
        them is kept once, made of one shared :class:`FindingMark` per distinct key: the tuples a worker
        sends (each with its own strings) cost about 100 bytes a document on generated reports,
        whose combinations of codes keep growing with the batch."""
        number = self._id_of.get(keys)
        if number is None:
            marks = tuple(self._mark(key) for key in keys)
            number = self._id_of[marks] = len(self._distinct)
            self._distinct.append(marks)
        self._ids.extend([0] * (position - len(self._ids)))
        self._ids.append(number)

    def _mark(self, key: tuple[str, Severity, str]) -> FindingMark:
        found = self._marks.get(key)
        if found is None:
            found = FindingMark(*key)
            self._marks[found] = found
        return found

    def __getitem__(self, key: str) -> tuple[FindingMark, ...]:
        position = self._results.position(key)
        if position >= len(self._ids):
            raise KeyError(key)
        return self._distinct[self._ids[position]]

    def __iter__(self) -> Iterator[str]:
        return islice(self._results.key_list(), len(self._ids))

    def __len__(self) -> int:
        return len(self._ids)


class _DocumentsByKey(Mapping[str, Document]):
    def __init__(self, store: ResultStore) -> None:
        self._store = store

    def __getitem__(self, key: str) -> Document:
        return self._store.document(self._store.position(key))

    def __iter__(self) -> Iterator[str]:
        return iter(self._store.key_list())

    def __len__(self) -> int:
        return len(self._store)


@dataclass
class BatchRun:
    results: ResultStore
    input_errors: list[InputError]
    batch_crashes: list[RuleCrash]
    context: BatchContext
    lost: list[tuple[str, RuleCrash]] = field(default_factory=list)
    """Documents whose reading killed a worker twice, by key (each is an input error too): in the
    summary's ``rule_errors``, exit code 3."""


WORKER = "worker"
"""The code of a :class:`RuleCrash` that says a worker process died (or raised) on the document."""


def lost_result(doc: Document, lost: Lost) -> DocumentResult:
    """The result of a document whose check killed its worker twice: no findings, the families'
    default ``document`` fields, and a ``worker`` crash that says what happened (exit code 3)."""
    result = DocumentResult(document=doc)
    for family in families():
        result.described.update(family.document_defaults)
    result.crashes.append(RuleCrash(WORKER, f"not checked: {lost.problem}"))
    return result


_WARM_TEXT = """当前位置：首页 > 政务公开 > 工作报告
某某区人民政府工作报告
——在区第五届人民代表大会第三次会议上
各位代表：
现在，我代表区人民政府，向大会报告工作，请予审议。
一、过去一年工作回顾
过去一年，全区经济运行稳中有进，地区生产总值增长6.5%，湖北省宜昌市猇亭区重点项目加快建设。
（一）坚持项目引领，产业发展提速。
二、今年工作安排
让我们团结一心，为建设现代化新城区而努力奋斗！
版权所有：区人民政府办公室  ICP备00000000号
"""


def warm_up_input() -> InputFile:
    """The runner's own document for :func:`_warm_up`: a short report in GB 18030, read like a file."""
    return InputFile(key="warm-up.txt", path=Path("warm-up.txt"), display="warm-up.txt",
                     data=_WARM_TEXT.encode("gb18030"))


def _warm_up_document(max_file_size: int) -> StoredDocument | None:
    item = warm_up_input()
    try:
        return StoredDocument.of(read_document(item, max_file_size), item, max_file_size)
    except InputError:
        return None


def _crash(rule: Rule | str, exc: BaseException) -> RuleCrash:
    code = rule if isinstance(rule, str) else rule.code
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {os.path.basename(frame.filename)}:{frame.lineno}" if frame else ""
    return RuleCrash(code=code, error=f"{type(exc).__name__}: {exc}{where}")


# --- worker side ------------------------------------------------------------------------------

PARENT_POLL_SECONDS = 0.5


def _start_worker(parent: int, initializer: Callable[..., None] | None, initargs: tuple) -> None:
    """Every pool worker's initializer: exit when the main process dies (kill -9 included), so no
    worker is left running; then the phase's own initializer.

    A forked worker first moves every object it inherited to the collector's permanent generation
    (``gc.freeze``, a few pointer moves): its collections then never walk the main process's heap
    (models, gazetteers, the run's indexes), which cost CPU and turned shared pages into copies."""
    gc.freeze()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the CLI's handler is the main process's (cli.main)
    _exit_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


def _exit_with_parent(parent: int) -> None:
    """On Linux the kernel kills this process when its parent dies (PR_SET_PDEATHSIG); everywhere, a
    daemon thread also checks twice a second that the parent is still there (the parent may be a
    fork server rather than the main process, whose own death the thread then notices)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    first_parent = os.getppid()

    def watch() -> None:
        while True:
            if os.getppid() != first_parent or not _alive(parent):
                os._exit(1)
            time.sleep(PARENT_POLL_SECONDS)

    threading.Thread(target=watch, name="scrapegate-parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_worker_rules: Sequence[Rule] = ()
_worker_context = BatchContext()


def _init_worker(rules: Sequence[Rule], context: BatchContext) -> None:
    global _worker_rules, _worker_context
    _worker_rules, _worker_context = rules, context


def _read(job: tuple[InputFile, int]) -> tuple[StoredDocument | InputError, np.ndarray]:
    """Pass 1: read and decode one file; its stored form, with its distinct line fingerprints
    (uint64) for template learning."""
    item, max_file_size = job
    try:
        doc = read_document(item, max_file_size)
    except InputError as exc:
        return exc, _NO_FINGERPRINTS
    return StoredDocument.of(doc, item, max_file_size), line_fingerprints(doc)


_NO_FINGERPRINTS = np.empty(0, dtype=np.uint64)


def _line_texts(job: tuple[StoredDocument, tuple[int, ...]]) -> dict[int, str]:
    """The text of each of these line fingerprints in the document (the first line that has it);
    nothing when the document changed since pass 1 (pass 2 reports it)."""
    stored, wanted = job
    try:
        doc = stored.load()
    except InputError:
        return {}
    finally:
        StoredDocument._last = None
    chosen = set(wanted)
    return {fp: text for fp, text in line_map(doc).items() if fp in chosen}  # in the document's order


_DECODINGS: dict[tuple[Any, ...], Decoded] = {}


class _ReadJobs(LazySequence[tuple[InputFile, int]]):
    """Pass 1's items, ``(input record, max_file_size)``, made when the pass reaches them."""

    def __init__(self, items: Sequence[InputFile], max_file_size: int) -> None:
        self._items, self._max_file_size = items, max_file_size

    def __len__(self) -> int:
        return len(self._items)

    def _item(self, i: int) -> tuple[InputFile, int]:
        return self._items[i], self._max_file_size


def _kept(stored: StoredDocument) -> StoredDocument:
    """The stored document as the main process keeps it, for each of a million documents: one
    text-free decoding among the documents decoded alike; its memo dictionaries are never used (it
    reads itself again). Its input record is not kept: the DocumentList finds it in ``items``."""
    stored.source = None
    d = stored.decoded
    if not d.segments and not d.undecodable:
        shape = (d.encoding, d.method, d.confidence, d.bom, d.byte_order, d.declared)
        stored.decoded = _DECODINGS.setdefault(shape, d)
    stored._memo = stored._batch_memo = _NO_MEMO
    return stored


_NO_MEMO: dict[str, Any] = {}


def read_pass(items: Sequence[InputFile], *, jobs: int, max_file_size: int, map_: Mapper,
              expect_region: str | None = None,
              lost: list[tuple[str, RuleCrash]] | None = None) -> tuple[DocumentList, list[InputError], BatchContext]:
    """Pass 1 and the batch context: every document read once (kept without its text), its line
    fingerprints counted (:class:`LineCounter`); then the documents that first hold a line of two or
    more documents are read again for those lines' texts (the templates rules diff against). A
    document whose reading killed its worker twice (:class:`Lost`) is an input error, and a
    ``worker`` crash of its key in ``lost``."""
    docs = DocumentList(inputs=items)
    input_errors: list[InputError] = []
    counter = LineCounter()
    reads = map_(_read, _ReadJobs(items, max_file_size), jobs, "reading", warm_with=(warm_up_input(), max_file_size))
    for at, read in enumerate(reads):
        if isinstance(read, Lost):
            item = items[at]
            input_errors.append(InputError(item.display, f"not read: {read.problem}", item.key))
            if lost is not None:
                lost.append((item.key, RuleCrash(WORKER, f"reading it: {read.problem}")))
            continue
        loaded, fingerprints = read
        if isinstance(loaded, InputError):
            input_errors.append(loaded)
        else:
            docs.append(_kept(loaded), at)
            counter.add(fingerprints)
    counts, first = counter.frequent()
    wanted: dict[int, list[int]] = {}
    for fp, number in first.items():
        wanted.setdefault(number, []).append(fp)
    templates: dict[int, str] = {}
    fetch = _TemplateJobs(docs, sorted((number, tuple(sorted(fps))) for number, fps in wanted.items()))
    del wanted
    for texts in map_(_line_texts, fetch, jobs, "template lines"):
        if not isinstance(texts, Lost):  # its lines are left out, as a document changed since pass 1
            templates.update(texts)
    # In the order the lines were first met (rules may read them in order); a line whose document
    # changed since pass 1 is dropped.
    ctx = BatchContext(documents=counter.documents, line_doc_freq={fp: counts[fp] for fp in templates},
                       template_lines=templates, expect_region=expect_region)
    return docs, input_errors, ctx


class _TemplateJobs(LazySequence[tuple[StoredDocument, tuple[int, ...]]]):
    """The template-lines pass's items, ``(document, fingerprints)``, each document read back from the
    DocumentList when the pass reaches it: a list of them held every document that first has a
    frequent line in memory at once (tens of thousands in a large batch)."""

    def __init__(self, docs: DocumentList, wanted: list[tuple[int, tuple[int, ...]]]) -> None:
        self._docs, self._wanted = docs, wanted

    def __len__(self) -> int:
        return len(self._wanted)

    def _item(self, i: int) -> tuple[StoredDocument, tuple[int, ...]]:
        number, fingerprints = self._wanted[i]
        return self._docs[number], fingerprints


def describing(rules: Sequence[Rule]) -> frozenset[str]:
    """The names of the families whose ``describe`` runs when ``rules`` run: each family with a
    describe hook and a rule among them, or with no rules at all. A family whose rules are all left
    out (``--select EN``) keeps its ``document_defaults``: its describe paid for analyses (the chrome
    zones of the title, the region inference) that nothing else of such a run reads."""
    kinds = {type(rule) for rule in rules}
    return frozenset(f.name for f in families()
                     if f.describe is not None and (not f.rules or not kinds.isdisjoint(f.rules)))


def analyse_document(doc: Document, rules: Sequence[Rule], ctx: BatchContext) -> DocumentResult:
    """Run every per-document rule and batch-rule ``collect`` on one document, and the ``describe``
    of the families :func:`describing` names."""
    return analyse_documents([doc], rules, ctx)[0]


def analyse_documents(docs: Sequence[Document], rules: Sequence[Rule], ctx: BatchContext) -> list[DocumentResult]:
    """:func:`analyse_document` of each document, the same results, computed rule by rule over the
    group instead of document by document: each family's tables (automata, model weights, lexicons)
    are read for every document of the group while they are in the processor's caches; run document
    by document, every family evicted the others' (on short pages, 30 % more CPU). Each document sees
    the same hooks in the same order, so its findings, crashes and fields are those it would get alone;
    a group of two or more first goes through the families' ``prepare`` hooks (:func:`prepare_groups`),
    which compute for the whole group what the documents would each compute alone."""
    results = [DocumentResult(document=doc) for doc in docs]
    described = describing(rules)
    if len(docs) > 1:
        prepare_groups(docs, rules, ctx)
    for family in families():
        for result in results:
            result.described.update(family.document_defaults)
        if family.describe is None:
            continue
        if family.name not in described:
            for result in results:
                result.undescribed += (family.name,)
            continue
        for result in results:
            try:
                result.described.update(family.describe(result.document, ctx))
            except Exception as exc:  # recorded, never lost
                result.crashes.append(_crash(family.name, exc))
    for rule in rules:
        if isinstance(rule, DocumentRule):
            if len(results) > 1:
                try:
                    rule.prepare(docs, ctx)
                except Exception:  # check meets it again, document by document, where it is recorded
                    pass
            check = rule.check
            for result in results:
                try:
                    found = list(check(result.document, ctx))
                except Exception as exc:
                    result.crashes.append(_crash(rule, exc))
                    continue
                if found:  # most rules find nothing in most documents
                    result.findings.extend(cap_findings(found))
        elif isinstance(rule, BatchRule):
            if len(results) > 1:
                try:
                    rule.prepare(docs, ctx)
                except Exception:  # collect meets it again, document by document, where it is recorded
                    pass
            collect = rule.collect
            for result in results:
                try:
                    result.payloads[rule.code] = collect(result.document, ctx)
                except Exception as exc:
                    result.crashes.append(_crash(rule, exc))
    return results


def prepare_groups(docs: Sequence[Document], rules: Sequence[Rule], ctx: BatchContext) -> None:
    """Each family's ``prepare`` hook over the group, for the families one of whose rules runs."""
    kinds = {type(rule) for rule in rules}
    for family in families():
        if family.prepare is not None and not kinds.isdisjoint(family.rules):
            try:
                family.prepare(docs, ctx)
            except Exception:  # each document computes its own again, and meets it where it is recorded
                pass


IDENTITY_FIELDS = frozenset({"source_url", "title"})


def result_identity(result: DocumentResult, ctx: BatchContext) -> str:
    """:func:`~scrapegate.checks.baseline.document_identity` of a checked document. When the run left
    the family of the fields it reads (URL, title) undescribed, that family describes the document
    now: a finding's identity, and so its baseline entry and fingerprint, is the same whichever rules ran.
    It is kept on the result: a run with a baseline and a fingerprinted format describes the document once."""
    if result.identity is not None:
        return result.identity
    described = result.described
    for family in families():
        if (family.name in result.undescribed and family.describe is not None
                and not IDENTITY_FIELDS.isdisjoint(family.document_defaults)):
            try:
                described = {**described, **family.describe(result.document, ctx)}
            except Exception:  # as when its describe crashed in the check: the defaults stand
                pass
    result.identity = document_identity(result.document.key, described)
    return result.identity


MAX_FINDINGS_PER_RULE = 1000


def cap_findings(found: list[Finding], limit: int = MAX_FINDINGS_PER_RULE) -> list[Finding]:
    """At most ``limit`` findings of one rule on one document (a hostile page can hold a million
    zero-width runs): the most severe are kept, so the document's status is unchanged, and the first
    one kept says in ``details.capped`` how many there were."""
    if len(found) <= limit:
        return found
    kept = sorted(found, key=lambda f: (-f.severity.rank, f.sort_key()))[:limit]
    kept.sort(key=Finding.sort_key)
    kept[0].details = {**kept[0].details, "capped": {"listed": limit, "total": len(found)}}
    kept[0].message += (f" ({len(found):,} findings of {kept[0].code} in this document; the first "
                        f"{limit:,} by severity and position are listed)")
    return kept


class Checked(NamedTuple):
    """A document's result as pass 2's worker sends it to the main process: the distinct marks of
    its findings (:func:`mark_keys`), its batch payloads as each rule packs them (one that keeps the
    default ``compact`` pickled, as the spill keeps it), the rest of the result pickled. The main
    process writes the pickled parts to its spill as they are: unpickling a result and pickling it
    again was most of its serial work per document."""

    marks: MarkKeys
    payloads: dict[str, Any]
    result: Pickled


def checked(result: DocumentResult, rules: Iterable[Rule]) -> Checked:
    """``result`` (its payloads taken out) as :class:`Checked`; a payload shared by rules stays shared."""
    by_code = {r.code: r for r in rules if isinstance(r, BatchRule)}
    packed: dict[tuple[int, bool], Any] = {}
    payloads = {}
    for code, payload in result.payloads.items():
        rule = by_code[code]
        own = _overrides(rule, "compact")
        if (id(payload), own) not in packed:
            packed[id(payload), own] = rule.pack(payload) if own else _pickled(payload)
        payloads[code] = packed[id(payload), own]
    result.payloads = {}
    return Checked(mark_keys(result.findings), payloads, Pickled(result))


def _pickled(payload: Any) -> Any:
    """The payload pickled; as it is if it cannot be (the main process then holds it in memory)."""
    try:
        return Pickled(payload)
    except Exception:
        return payload


def _analyse(stored: StoredDocument) -> Checked | InputError:
    """Pass 2: read the document again and analyse it."""
    return _analyse_group([stored])[0]


GROUP_DOCUMENTS = 32
GROUP_BYTES = 1 << 20
"""Pass 2 analyses the documents of a chunk in groups of at most GROUP_DOCUMENTS documents and
GROUP_BYTES bytes (a larger document alone): :func:`analyse_documents` runs each rule over a group, so
a group's texts and analyses are held at once."""


def _analyse_group(group: Sequence[StoredDocument]) -> list[Checked | InputError]:
    """:func:`_analyse` of each document of the group, the group analysed rule by rule."""
    loaded: list[Checked | InputError | Document] = []
    for stored in group:
        try:
            loaded.append(stored.load())
        except InputError as exc:
            loaded.append(exc)
        StoredDocument._last = None  # the worker holds no text past its group
    docs = [doc for doc in loaded if isinstance(doc, Document)]
    results = iter(analyse_documents(docs, _worker_rules, _worker_context))
    return [checked(next(results), _worker_rules) if isinstance(doc, Document) else doc for doc in loaded]


def _analyse_many(items: Sequence[StoredDocument]) -> list[Checked | InputError]:
    """:func:`_analyse` of each item, in groups (see :data:`GROUP_DOCUMENTS`)."""
    out: list[Checked | InputError] = []
    for group in _groups(items):
        out.extend(_analyse_group(group))
    return out


def _groups(items: Sequence[StoredDocument]) -> Iterator[list[StoredDocument]]:
    group: list[StoredDocument] = []
    size = 0
    for item in items:
        if group and (len(group) == GROUP_DOCUMENTS or size + item.size > GROUP_BYTES):
            yield group
            group, size = [], 0
        group.append(item)
        size += item.size
    if group:
        yield group


_GROUPED: dict[Callable[..., Any], Callable[[Sequence[Any]], list[Any]]] = {_analyse: _analyse_many}
"""A pass function's version for a run of items, same results in the same order, which the
mappers call with a chunk's or a batch's items (:func:`run_items`)."""


# --- main side --------------------------------------------------------------------------------


class Lost(NamedTuple):
    """What :func:`_map` yields for an item whose worker failed on it twice: the worker process died
    (killed, a crash in native code, ``os._exit``) or the pass's function let an exception out. The
    first time, the item's chunk is run again one item at a time in a fresh worker process; the item
    that fails there too is given up and the pass goes on with the others. ``problem`` says how the
    worker failed; the caller decides what the item becomes (an error report of its document)."""

    problem: str


def _map(fn: Callable[[T], R], items: Sequence[T], jobs: int, label: str,
         initializer: Callable[..., None] | None = None, initargs: tuple = (),
         warm_with: T | None = None) -> Iterator[R | Lost]:
    """``fn(item)`` for each item in input order, in ``jobs`` worker processes (in this process below
    :data:`SERIAL_BELOW` items or with one job: then nothing guards this process against ``fn``).
    ``warm_with``: an item of the caller's own (never one of ``items``) run once in this process
    before the workers fork, see :func:`_warm_up`."""
    bar = progress(label, len(items))
    try:
        if jobs <= 1 or len(items) < SERIAL_BELOW:
            if initializer:
                initializer(*initargs)
            if fn in _GROUPED:
                for start in range(0, len(items), GROUP_DOCUMENTS):
                    for result in run_items(fn, [items[i] for i in range(start, min(start + GROUP_DOCUMENTS,
                                                                                     len(items)))]):
                        bar.update(1)
                        yield result
                return
            for item in items:
                result = fn(item)
                bar.update(1)
                yield result
            return
        chunksize = max(1, min(64, len(items) // (jobs * 8)))
        if warm_with is not None:
            _warm_up(fn, warm_with, initializer, initargs)
        # Forked workers have the items (a DocumentList reads its spill with os.pread): a chunk goes
        # to them as its places, where pickling each item here and unpickling it there took the
        # main process ~5 % of a checking pass's CPU on short pages.
        token = next(_item_tokens) if multiprocessing.get_start_method() == "fork" else None
        if token is not None:
            _forked_items[token] = items
        # A few chunks in flight at a time (Executor.map would submit them all at once, holding
        # every item, and every result the loop has not reached yet, in this process).
        window = jobs * 4
        pool = _pool(jobs, initializer, initargs)
        pending: deque[tuple[list[int], Future[list[R]]]] = deque()
        try:
            remaining = iter(range(len(items)))
            while True:
                chunk = list(islice(remaining, chunksize))
                if chunk:
                    pending.append((chunk, _submitted(pool, fn, items, chunk, token)))
                if not pending:
                    break
                if len(pending) >= window or not chunk:
                    head, future = pending.popleft()
                    try:
                        done: list[R] | None = future.result()
                    except Exception as exc:  # BrokenProcessPool when a worker died
                        done, broken = None, isinstance(exc, BrokenProcessPool)
                    if done is None:
                        failed = [(head, future), *pending] if broken else [(head, future)]
                        if broken:
                            _count_death()
                            pending.clear()
                            pool.shutdown(wait=True)
                        for chunk_places, chunk_future in failed:
                            outcome: Iterable[R | Lost]
                            if chunk_future.done() and not chunk_future.cancelled() \
                                    and chunk_future.exception() is None:  # done before the death
                                outcome = chunk_future.result()
                            else:
                                outcome = _one_at_a_time(fn, [items[i] for i in chunk_places], initializer,
                                                         initargs)
                            for given in outcome:
                                bar.update(1)
                                yield given
                        if broken:
                            pool = _pool(jobs, initializer, initargs)
                        continue
                    for result in done:
                        bar.update(1)
                        yield result
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            if token is not None:
                del _forked_items[token]
    finally:
        bar.close()


FREEZE_SERIAL_FROM = 64
"""A --jobs 1 check of this many documents or more moves the heap to the collector's permanent
generation once pass 2's first result is in (its first group of documents, :data:`GROUP_DOCUMENTS`),
as a forked worker does at its start (:func:`_start_worker`)."""


@contextmanager
def _frozen_after_first(items: int) -> Iterator[Callable[[], None]]:
    """``first_done()``, to call after each of ``items`` items: the first call freezes the heap
    (``gc.freeze``: by then pass 2 has loaded its models, gazetteers and tables; run serially, pass 2
    yields its first result when its first group of documents is done), so that the
    collector's full collections, every few hundred documents, no longer walk it (on 3,000 short
    pages, --jobs 1, 0.18 of 0.33 CPU s of collections); leaving the block unfreezes it (an exception
    too), so a long-lived caller's heap is collected as before. Nothing is frozen under
    :data:`FREEZE_SERIAL_FROM` items, nor when something else froze objects already (its freeze is
    left alone). Held by :func:`run_batch`, a plain function, so the block is always left when the
    check ends (a generator's ``finally`` waits for the generator to be collected)."""
    wanted = items >= FREEZE_SERIAL_FROM and gc.get_freeze_count() == 0
    froze = False

    def first_done() -> None:
        nonlocal wanted, froze
        if wanted:
            wanted, froze = False, True
            gc.freeze()

    try:
        yield first_done
    finally:
        if froze:
            gc.unfreeze()


_forked_items: dict[int, Sequence[Any]] = {}  # the items of the passes under way, for forked workers
_item_tokens = count()


def _submitted(pool: ProcessPoolExecutor, fn: Callable[[T], R], items: Sequence[T], chunk: list[int],
               token: int | None) -> Future[list[R]]:
    """The chunk (places in ``items``) submitted to the pool: as its places when the workers are forked
    with the items (``token``), else as its items; if a worker died and the pool already knows it is
    broken, a future failed as the chunks in flight fail (the chunk is then run as theirs are, one
    item at a time)."""
    try:
        if token is not None:
            return pool.submit(_run_places, fn, token, chunk[0], chunk[-1] + 1)
        return pool.submit(run_items, fn, [items[i] for i in chunk])
    except BrokenProcessPool as exc:
        failed: Future[list[R]] = Future()
        failed.set_exception(exc)
        return failed


_deaths = 0


def pool_deaths() -> int:
    """How many times a worker pool of this process broke (a worker died) so far: a caller whose
    workers write files compares it before and after a pass, to clean up what a dead one left."""
    return _deaths


def _count_death() -> None:
    global _deaths
    _deaths += 1


def _pool(jobs: int, initializer: Callable[..., None] | None, initargs: tuple) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                               initargs=(os.getpid(), initializer, initargs))


def _one_at_a_time(fn: Callable[[T], R], items: list[T], initializer: Callable[..., None] | None,
                   initargs: tuple) -> Iterator[R | Lost]:
    """The items of a chunk whose worker failed, each alone in a worker process of its own pool (a
    fresh one after a death), so the item that fails again is known: it is :class:`Lost`."""
    pool: ProcessPoolExecutor | None = None
    try:
        for item in items:
            if pool is None:
                pool = _pool(1, initializer, initargs)
            future = pool.submit(fn, item)
            workers = list(getattr(pool, "_processes", {}).values())  # to say how the worker died
            try:
                result: R | Lost = future.result()
            except BrokenProcessPool:
                _count_death()
                pool.shutdown(wait=True)
                pool = None
                result = Lost(f"its worker process {_how_it_died(workers)}, twice (the second time "
                              "alone in a fresh worker)")
            except Exception as exc:
                result = Lost(f"{type(exc).__name__}: {exc} (raised in a worker process, twice; the "
                              "second time alone in a fresh worker)")
            yield result
    finally:
        if pool is not None:
            pool.shutdown(wait=True)


def _how_it_died(workers: list[Any]) -> str:
    for process in workers:
        process.join(5)
        code = process.exitcode
        if code is not None and code < 0:
            try:
                return f"was killed by signal {-code} ({signal.Signals(-code).name})"
            except ValueError:
                return f"was killed by signal {-code}"
        if code:
            return f"exited with code {code}"
    return "died"


def _warm_up(fn: Callable[[T], R], item: T, initializer: Callable[..., None] | None, initargs: tuple) -> None:
    """Run a pass on an item of the runner's own (:func:`warm_up_input`, never a document of the
    batch: a document that kills its process must kill a worker, not this one) once in this process
    before the pool forks its workers, which then inherit what it built (models, gazetteers, lookup
    tables, compiled patterns: about half a CPU second that every worker of a checking pass spent
    again) instead of each building its own. The result is dropped, and so is anything the worker
    initializer set here. Only where workers are forked: a spawned worker inherits nothing."""
    if multiprocessing.get_start_method() != "fork":
        return
    global _worker_rules, _worker_context
    rules, context = _worker_rules, _worker_context
    try:
        if initializer is not None:
            initializer(*initargs)
        fn(item)
    except Exception:  # only a head start: a worker builds whatever this did not
        pass
    finally:
        _worker_rules, _worker_context = rules, context
        StoredDocument._last = None


def run_items(fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``fn`` of each item, in order: through its grouped version where :data:`_GROUPED` has one."""
    many = _GROUPED.get(fn)
    return many(items) if many is not None else [fn(item) for item in items]


def _run_places(fn: Callable[[T], R], token: int, start: int, stop: int) -> list[R]:
    items = _forked_items[token]  # as the worker was forked with them
    return run_items(fn, [items[i] for i in range(start, stop)])


Mapper = Callable[..., Iterator[Any]]
"""How a pass runs ``fn`` over its items: ``mapper(fn, items, jobs, label, initializer, initargs,
warm_with=None)`` yields ``fn(item)`` (or a :class:`Lost` for an item it gave up on) for each item in
input order, after ``initializer(*initargs)`` has run in whatever process calls ``fn``; ``warm_with``
is an item it may run first to build what the workers share (or ignore). :func:`_map` is the local engine (a process pool); another engine (Ray) runs
the same passes by passing its own mapper. Keep every pass of the run going through it."""


def run_batch(items: Sequence[InputFile], rules: Sequence[Rule], *, jobs: int, max_file_size: int,
              expect_region: str | None = None, index_path: str | None = None,
              update_index: bool = False, mapper: Mapper | None = None) -> BatchRun:
    map_ = mapper or _map
    lost: list[tuple[str, RuleCrash]] = []
    docs, input_errors, ctx = read_pass(items, jobs=jobs, max_file_size=max_file_size, map_=map_,
                                        expect_region=expect_region, lost=lost)
    ctx.index_path, ctx.update_index = index_path, update_index
    results = ResultStore(docs)
    batch_rules = [r for r in rules if isinstance(r, BatchRule)]
    keepers = {r.code: _Keeper.of(r, results.spill) for r in batch_rules}
    payloads = {code: PayloadMap(results, keeper.read) for code, keeper in keepers.items()}
    marks = FindingMarksByKey(results)
    ctx.document_findings = marks
    warm = _warm_up_document(max_file_size)
    with _frozen_after_first(len(docs) if jobs <= 1 else 0) as first_done:
        for at, answer in enumerate(map_(_analyse, docs, jobs, "checking", _init_worker, (tuple(rules), ctx),
                                         warm_with=warm)):
            first_done()
            if isinstance(answer, Lost):
                answer = checked(lost_result(docs[at], answer), batch_rules)
            if isinstance(answer, InputError):
                input_errors.append(answer)
                continue
            position = len(results)
            marks.add(position, answer.marks)
            compacted: dict[int, Any] = {}  # rules sharing one payload object keep sharing it
            spilled: dict[int, int | None] = {}
            for code, payload in answer.payloads.items():
                keeper = keepers[code]
                if keeper.compact is not None:
                    if id(payload) not in compacted:
                        compacted[id(payload)] = keeper.compact(payload, results.spill)
                    if keeper.expands:
                        payloads[code].add(position, None, compacted[id(payload)])
                    else:
                        payloads[code].add(position, compacted[id(payload)])
                else:
                    if id(payload) not in spilled:
                        spilled[id(payload)] = _spilled_number(results.spill, payload)
                    payloads[code].add(position, payload, spilled[id(payload)])
            results.append(answer.result, at)
        ctx.forget()
        share_equal_slots(payloads.values())
        batch_crashes = run_batch_rules(results, batch_rules, ctx, payloads)
        ctx.forget()
    return_free_heap()
    input_errors.extend(ctx.write_errors)
    return BatchRun(results=results, input_errors=input_errors, batch_crashes=batch_crashes, context=ctx,
                    lost=lost)


def return_free_heap() -> bool:
    """Give the memory the C heap holds free back to the system (glibc's ``malloc_trim``); whether it
    could be asked. The duplicate search frees most of what it built when it ends, but glibc keeps
    freed blocks for reuse: the main process's RSS then stayed about 0.9 KB a document above what it
    holds, and the report phase (new arrays, and workers forked from this process) came on top of it
    (a million short pages: the run's peak, 1,332 MB, was in the report phase)."""
    try:
        libc = ctypes.CDLL(None)
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (macOS, musl, Windows)
        return False
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    trim(0)
    return True


def _overrides(rule: BatchRule, hook: str) -> bool:
    """Whether the rule defines its own ``hook`` (``compact``, ``expand``) rather than BatchRule's."""
    return getattr(type(rule), hook) is not getattr(BatchRule, hook)


class _Keeper(NamedTuple):
    """How the main process keeps a batch rule's payloads in its :class:`PayloadMap`, worked out once
    per rule: ``compact``, the rule's own (None: the payload is pickled into the spill); ``expands``,
    whether a slot holds a number the rule's ``expand`` reads back; ``read``, how the map turns a
    slot's number into the payload (its ``expand``, the spill's ``get``; None: the slot holds it)."""

    compact: Callable[[Any, Spill], Any] | None
    expands: bool
    read: Callable[[int], Any] | None

    @classmethod
    def of(cls, rule: BatchRule, spill: Spill) -> _Keeper:
        own_compact, expands = _overrides(rule, "compact"), _overrides(rule, "expand")
        read = partial(rule.expand, spill=spill) if expands else None if own_compact else spill.get
        return cls(rule.compact if own_compact else None, expands, read)


def _spilled_number(spill: Spill, payload: Any) -> int | None:
    """Where ``payload`` went in ``spill``; None if it cannot be pickled (it stays in memory)."""
    try:
        return spill.put(payload)
    except Exception:
        return None


def run_batch_rules(results: ResultStore, rules: Iterable[BatchRule], ctx: BatchContext,
                    payloads: Mapping[str, Mapping[str, Any]]) -> list[RuleCrash]:
    """Each batch rule's ``check_batch`` over the payloads (by rule code, then document key); their
    findings join the documents' results in ``results``."""
    docs = results.documents()
    crashes = []
    rules = list(rules)
    bar = progress("batch rules", len(rules), unit="rule")
    for rule in rules:
        # to disk as they come, a run of one document's findings at a time (a rule's findings, held
        # whole, were a batch-phase peak that grew with the batch); a rule that raises adds none
        mark = results.pending_entries()
        try:
            for key, found in groupby(rule.check_batch(docs, payloads.get(rule.code, {}), ctx), itemgetter(0)):
                results.add_findings(key, [finding for _, finding in found])
        except Exception as exc:
            results.forget_pending_since(mark)
            crashes.append(_crash(rule, exc))
        bar.update(1)
    bar.close()
    return crashes


def apply_per_file_ignores(result: DocumentResult, per_file_ignores: dict[str, list[str]],
                           config_dir: Path | None = None) -> None:
    """Drop findings of ignored codes; patterns match the report name, the path as given, or (as in
    ruff) the path relative to the config file's folder."""
    if not per_file_ignores:
        return
    doc = result.document
    names = {doc.key, doc.path}
    if config_dir is not None and doc.decoded.method != "jsonl":
        names.add(os.path.relpath(Path(doc.path).resolve(), config_dir.resolve()))
    ignored = [code for pattern, codes in per_file_ignores.items()
               if any(fnmatch.fnmatch(name, pattern) for name in names) for code in codes]
    if ignored:
        result.findings = [f for f in result.findings if not f.code.startswith(tuple(ignored))]
