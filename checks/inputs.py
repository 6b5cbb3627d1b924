"""Finding the input files and reading one into a Document, with a clear error for each bad input."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from scrapegate.checks.decoding import decode, looks_binary
from scrapegate.checks.document import Document, ManifestEntry
from scrapegate.checks.errors import InputError, UsageError


@dataclass(frozen=True)
class InputFile:
    """A file to check: ``key`` is its path relative to the input root, ``display`` as the user named it."""

    key: str
    path: Path
    display: str
    manifest: ManifestEntry | None = None


def _hidden(name: str) -> bool:
    return name.startswith(".")


def discover(paths: list[str], extensions: tuple[str, ...]) -> tuple[list[InputFile], list[InputError]]:
    """Walk files and folders (recursively, hidden entries skipped). Order is sorted, not filesystem order."""
    found: dict[str, InputFile] = {}
    errors: list[InputError] = []
    suffixes = tuple("." + e for e in extensions)

    def add(file: Path, root: Path, display: str) -> None:
        key = file.relative_to(root).as_posix()
        if key in found and found[key].path != file:
            raise UsageError(f"{display}: has the same report name '{key}' as {found[key].display}; "
                             "check the two folders in separate runs or with separate --report-dir")
        found[key] = InputFile(key=key, path=file, display=display)

    for given in paths:
        path = Path(given)
        if path.is_symlink() and not path.exists():
            errors.append(InputError(given, "broken symbolic link"))
        elif not path.exists():
            errors.append(InputError(given, "no such file or directory"))
        elif path.is_dir():
            before = len(found)
            for folder, dirnames, filenames in os.walk(path, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames if not _hidden(d))
                for name in sorted(filenames):
                    file = Path(folder) / name
                    if _hidden(name) or not name.lower().endswith(suffixes):
                        continue
                    if file.is_symlink() and not file.exists():
                        errors.append(InputError(str(file), "broken symbolic link"))
                        continue
                    add(file, path, str(file))
            if len(found) == before and not any(e.path.startswith(given) for e in errors):
                errors.append(InputError(given, "directory holds no documents "
                                                f"(looked for {', '.join(suffixes)})"))
        else:
            add(path, path.parent, given)
    return [found[k] for k in sorted(found)], errors


def read_document(item: InputFile, max_file_size: int) -> Document:
    """Read and decode one file. Raises InputError naming the file and the problem. Never writes."""
    try:
        size = item.path.stat().st_size
        if size > max_file_size:
            raise InputError(item.display, f"file is {size:,} bytes, over the size limit of "
                                           f"{max_file_size:,} (max-file-size); not read")
        raw = item.path.read_bytes()
    except PermissionError:
        raise InputError(item.display, "permission denied: cannot read the file") from None
    except IsADirectoryError:
        raise InputError(item.display, "is a directory") from None
    except OSError as exc:
        raise InputError(item.display, f"cannot read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise InputError(item.display, "empty file" if not raw else "file holds only white space")
    binary = looks_binary(raw)
    if binary:
        raise InputError(item.display, f"not a text document ({binary})")
    return Document(key=item.key, path=item.display, sha256=hashlib.sha256(raw).hexdigest(),
                    size=len(raw), decoded=decode(raw), manifest=item.manifest)
