"""The report encoder writes exactly what json.dumps(ensure_ascii=False, indent=2) writes."""

import enum
import json

import pytest

from scrapegate.checks.json_indent import dumps_indented, indented_pieces


class _Kind(str, enum.Enum):
    A = "a"


class _Level(enum.IntEnum):
    HIGH = 3


@pytest.mark.parametrize("obj", [
    {"a": [1.5, float("nan"), float("inf"), -float("inf"), 1e-05, 1e16, 0.1 + 0.2, True, False, None,
           (1, 2), [], {}, "\x00\x1f\u2028\"\\é中"], "n": {"x": [[], [{}], [[1]]]}, "big": 10 ** 30},
    {7: 2, 2.5: 3, True: 1, False: 0, None: "k", "e": _Kind.A, "i": _Level.HIGH, _Kind.A: [_Level.HIGH]},
    [], {}, "x", 3, None, 2.5, [{"finding": {"span": {"start": 0, "end": 4}, "details": {}}}],
])
def test_same_text_as_json_dumps(obj: object) -> None:
    assert dumps_indented(obj) == json.dumps(obj, ensure_ascii=False, indent=2)
    assert "".join(indented_pieces(obj)) == dumps_indented(obj)  # summary.json is written in pieces


def test_a_summary_is_encoded_one_listed_document_at_a_time() -> None:
    summary = {"status": "pass", "per_document": [{"path": f"d{i}", "summary": {"error": 0}} for i in range(3)],
               "input_errors": [], "rule_errors": [{"path": None, "error": "x"}]}
    pieces = list(indented_pieces(summary))
    assert "".join(pieces) == json.dumps(summary, ensure_ascii=False, indent=2)
    assert sum('"path": "d' in piece for piece in pieces) == 3  # each document its own piece
    with pytest.raises(ValueError):
        list(indented_pieces({"s": {1, 2}}))


def test_errors_are_the_standard_librarys() -> None:
    with pytest.raises(TypeError, match="keys must be"):
        dumps_indented({(1, 2): 1})
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps_indented({"s": {1, 2}})
    cycle: list[object] = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="Circular reference"):
        dumps_indented(cycle)
