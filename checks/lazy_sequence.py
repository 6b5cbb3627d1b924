"""A read-only sequence whose items are made when asked (read back from disk, rebuilt from compact
arrays), so that a million of them are never held at once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence, TypeVar, overload

if TYPE_CHECKING:
    import numpy as np

T = TypeVar("T")


class LazySequence(Sequence[T]):
    """Subclasses give ``__len__`` and ``_item(i)`` for ``0 <= i < len(self)``; negative indexes,
    bounds and slices (a list of the items, each made) are handled here.

    >>> class Squares(LazySequence[int]):
    ...     def __len__(self) -> int: return 4
    ...     def _item(self, i: int) -> int: return i * i
    >>> Squares()[-1], Squares()[1:3], list(Squares())
    (9, [1, 4], [0, 1, 4, 9])
    """

    @overload
    def __getitem__(self, i: int) -> T: ...
    @overload
    def __getitem__(self, i: slice) -> list[T]: ...

    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self._item(j) for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(f"{type(self).__name__} index out of range")
        return self._item(i)

    def _item(self, i: int) -> T:
        raise NotImplementedError


class Selected(LazySequence[T]):
    """The items of ``items`` at ``places`` (integers), read from ``items`` when asked: a view, where
    a list of them would hold each item (a million keys read back from disk).

    >>> Selected("abcdef", [5, 0, 2])[:]
    ['f', 'a', 'c']
    """

    def __init__(self, items: Sequence[T], places: Sequence[int] | np.ndarray) -> None:
        self._items, self._places = items, places

    def __len__(self) -> int:
        return len(self._places)

    def _item(self, i: int) -> T:
        return self._items[int(self._places[i])]

