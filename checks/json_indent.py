"""``json.dumps(obj, ensure_ascii=False, indent=2)``, byte for byte, at a fraction of the CPU.

With ``indent`` the standard library falls back to its pure-Python encoder, a chain of generators
that took a tenth of a whole check (every report is indented). This encoder writes the same text
with one recursive function and the C string encoder; a value it does not know (another type, a
key json would refuse, a cycle, nesting too deep) sends the whole object to ``json.dumps``, so
errors and their messages are the standard library's.
"""

from __future__ import annotations

import json
from abc import abstractmethod
from json.encoder import encode_basestring  # the C one when available (ensure_ascii=False)
from typing import Any, Iterable, Iterator, Sequence

_INFINITY = float("inf")


class _Unsupported(Exception):
    pass


class EncodedList(Sequence[Any]):
    """A list whose items are already encoded (a summary's list of a million documents, kept on
    disk): :func:`indented_pieces` copies :meth:`encoded_items` when it is a top-level value, and
    :func:`dumps_indented` encodes it as the list of its items."""

    @abstractmethod
    def encoded_items(self) -> Iterable[str]:
        """Each item as :func:`encode_item` encodes it, in order."""


def encode_item(obj: Any) -> str:
    """An item of a list held by a top-level key, encoded as :func:`indented_pieces` encodes it.
    Raises ValueError for a value this encoder does not know."""
    return _whole(obj, "\n    ")


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INFINITY:
        return "Infinity"
    if o == -_INFINITY:
        return "-Infinity"
    return float.__repr__(o)


def _key(k: Any) -> str:
    if isinstance(k, str):
        return encode_basestring(k)
    if isinstance(k, float):
        return encode_basestring(_float(k))
    if k is True:
        return '"true"'
    if k is False:
        return '"false"'
    if k is None:
        return '"null"'
    if isinstance(k, int):
        return encode_basestring(int.__repr__(k))
    raise _Unsupported


def _encode(o: Any, out: list[str], newline: str) -> None:
    """Append the encoding of ``o``; ``newline`` is a line break and the indent of ``o``'s line."""
    if isinstance(o, str):
        out.append(encode_basestring(o))
    elif o is None:
        out.append("null")
    elif o is True:
        out.append("true")
    elif o is False:
        out.append("false")
    elif isinstance(o, int):
        out.append(int.__repr__(o))
    elif isinstance(o, float):
        out.append(_float(o))
    elif isinstance(o, (list, tuple, EncodedList)):
        if not o:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for value in o:
            out.append(separator)
            _encode(value, out, inner)
            separator = "," + inner
        out.append(newline + "]")
    elif isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for k, value in o.items():
            out.append(separator + _key(k) + ": ")
            _encode(value, out, inner)
            separator = "," + inner
        out.append(newline + "}")
    else:
        raise _Unsupported


def dumps_indented(obj: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2)``."""
    out: list[str] = []
    try:
        _encode(obj, out, "\n")
    except (_Unsupported, RecursionError):
        return json.dumps(obj, ensure_ascii=False, indent=2)
    return "".join(out)


def indented_pieces(obj: Any) -> Iterator[str]:
    """:func:`dumps_indented` of ``obj`` in pieces whose concatenation is the same text: each item of
    a list held by a top-level key is encoded on its own, so a summary's list of a million documents
    is never encoded (or held as one string) whole. Raises ValueError where :func:`dumps_indented`
    would fall back to ``json.dumps`` (a value this encoder does not know); nothing then is complete."""
    if not isinstance(obj, dict) or not obj:
        yield _whole(obj, "\n")
        return
    separator = "{\n  "
    for k, value in obj.items():
        yield separator + _whole(k, "", key=True) + ": "
        if isinstance(value, EncodedList) and value:
            item_separator = "[\n    "
            for encoded in value.encoded_items():
                yield item_separator + encoded
                item_separator = ",\n    "
            yield "\n  ]"
        elif isinstance(value, list) and value:
            inner = "\n    "
            item_separator = "[" + inner
            for item in value:
                yield item_separator + _whole(item, inner)
                item_separator = "," + inner
            yield "\n  ]"
        else:
            yield _whole(value, "\n  ")
        separator = ",\n  "
    yield "\n}"


def _whole(o: Any, newline: str, key: bool = False) -> str:
    try:
        if key:
            return _key(o)
        out: list[str] = []
        _encode(o, out, newline)
        return "".join(out)
    except (_Unsupported, RecursionError) as exc:
        raise ValueError(f"not encodable in pieces: {type(o).__name__}") from exc
