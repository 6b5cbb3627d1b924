"""A --jobs 1 check freezes the heap once pass 2's first document is done, as forked workers do at
their start, and unfreezes it when the check's passes end (an exception too); a short check, or a
process that froze objects itself, is left alone. The collector is replaced by a recorder, so the
tests neither depend on nor change the test process's own freeze state."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrapegate.checks import runner
from scrapegate.checks.api import check_paths
from scrapegate.checks.runner import FREEZE_SERIAL_FROM, _frozen_after_first


class _Collector:
    def __init__(self, frozen: int = 0) -> None:
        self.frozen, self.calls = frozen, []

    def freeze(self) -> None:
        self.calls.append("freeze")
        self.frozen += 1

    def unfreeze(self) -> None:
        self.calls.append("unfreeze")
        self.frozen = 0

    def get_freeze_count(self) -> int:
        return self.frozen


@pytest.fixture
def collector(monkeypatch: pytest.MonkeyPatch) -> _Collector:
    fake = _Collector()
    monkeypatch.setattr(runner, "gc", fake)
    return fake


def test_the_first_item_done_freezes_and_the_end_unfreezes(collector: _Collector) -> None:
    with _frozen_after_first(FREEZE_SERIAL_FROM) as first_done:
        assert collector.calls == []
        for _ in range(3):
            first_done()
        assert collector.calls == ["freeze"]
    assert collector.calls == ["freeze", "unfreeze"]


def test_an_exception_unfreezes(collector: _Collector) -> None:
    with pytest.raises(RuntimeError):
        with _frozen_after_first(FREEZE_SERIAL_FROM) as first_done:
            first_done()
            raise RuntimeError
    assert collector.calls == ["freeze", "unfreeze"]


def test_a_short_pass_or_an_earlier_freeze_is_left_alone(collector: _Collector) -> None:
    with _frozen_after_first(FREEZE_SERIAL_FROM - 1) as first_done:
        first_done()
    collector.frozen = 5  # the caller froze objects of its own
    with _frozen_after_first(FREEZE_SERIAL_FROM) as first_done:
        first_done()
    assert collector.calls == [] and collector.frozen == 5


def test_a_jobs_1_check_freezes_once_and_unfreezes(tmp_path: Path, collector: _Collector) -> None:
    for n in range(FREEZE_SERIAL_FROM):
        (tmp_path / f"{n:03d}.txt").write_text(f"第{n}号通知。本单位将于下周召开会议，请各部门准时参加。\n", "utf-8")
    check_paths([tmp_path], jobs=1, write_reports=False)
    assert collector.calls == ["freeze", "unfreeze"] and collector.frozen == 0
    check_paths([tmp_path / "000.txt", tmp_path / "001.txt"], jobs=1, write_reports=False)
    assert collector.calls == ["freeze", "unfreeze"]
