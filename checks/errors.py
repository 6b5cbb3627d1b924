"""Errors that stop a run with exit code 2 (usage, config, manifest, input), each naming its file."""

from __future__ import annotations


class UsageError(Exception):
    """Bad command line, config or manifest: the run cannot start (exit 2)."""


class ConfigError(UsageError):
    pass


class ManifestError(UsageError):
    pass


class InputError(Exception):
    """One input file cannot be checked; the others still are (exit 2 at the end).

    ``path`` names the file as the user named it (for messages); ``key`` is the document's name
    relative to its input root (for summary.json, which must not depend on the working folder).
    """

    def __init__(self, path: str, problem: str, key: str | None = None) -> None:
        path, key = printable(path), key if key is None else printable(key)
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
        self.key = key

    def __reduce__(self) -> tuple:
        # Crosses process boundaries: the default pickling would call __init__ with one argument.
        return (InputError, (self.path, self.problem, self.key))


def printable(name: str) -> str:
    """``name`` with the bytes of a file name that are not UTF-8 (os.fsdecode's surrogate escapes) written
    as ``\\xff``: summary.json and the messages are UTF-8, which cannot hold a lone surrogate."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that escapes no byte
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
