"""Errors that stop a run with exit code 2 (usage, config, manifest, input), each naming its file."""

from __future__ import annotations


class UsageError(Exception):
    """Bad command line, config or manifest: the run cannot start (exit 2)."""


class ConfigError(UsageError):
    pass


class ManifestError(UsageError):
    pass


class InputError(Exception):
    """One input file cannot be checked; the others still are (exit 2 at the end)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem

    def __reduce__(self) -> tuple:
        # Crosses process boundaries: the default pickling would call __init__ with one argument.
        return (InputError, (self.path, self.problem))
