"""A read-only sequence whose items are made when asked (read back from disk, rebuilt from compact
arrays), so that a million of them are never held at once."""

from __future__ import annotations

from typing import Sequence, TypeVar, overload

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
