"""Rules and their registry.

A rule is a class with a stable ``code`` (family prefix + 3 digits, never reused), a kebab-case
``name``, a ``category``, a default ``severity``, typed ``Options`` (a dataclass with defaults) and a
docstring that explains what it flags, why, and an example. ``scrapegate rule CODE`` prints it.

Two kinds:

* :class:`DocumentRule`: a pure function of one document (plus the read-only :class:`BatchContext`).
* :class:`BatchRule`: a cross-document pass. ``collect`` runs per document in the workers and returns
  a small picklable payload; ``check_batch`` then sees all payloads at once in the main process.

Rules come in families. A family is a package under ``scrapegate.rules`` whose ``__init__`` declares a
:class:`Family` as ``FAMILY``: its category, code prefix, rules, whether ``--write-clean`` removes its
spans, what it adds to a report's ``document`` block and to ``summary.json``, and how it validates its
command-line arguments. The engine knows families only through this registry: built-in families are
listed explicitly in :data:`BUILTIN_FAMILIES`; third-party packages add families, or rule classes
(or lists of them), through the ``scrapegate.rules.v1`` entry-point group. A family's category is its
own string: a plugin family with a new category needs nothing from the engine.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import re
import sys
import textwrap
import typing
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, ClassVar, Iterable, Iterator, Mapping, Sequence, get_origin

from scrapegate.checks.charsets import shared_charsets
from scrapegate.checks.context import BatchContext
from scrapegate.checks.document import Document
from scrapegate.checks.findings import Category, Finding, Severity, Span, excerpt
from scrapegate.checks.spill import Spill

# The order is the order of the families' fields in a report's document block and in summary.json.
BUILTIN_FAMILIES = (
    "scrapegate.rules.provenance",
    "scrapegate.rules.encoding",
    "scrapegate.rules.boilerplate",
    "scrapegate.rules.spam",
    "scrapegate.rules.truncation",
    "scrapegate.rules.region",
    "scrapegate.rules.duplicates",
    "scrapegate.rules.placeholder",
)
ENTRY_POINT_GROUP = "scrapegate.rules.v1"
_CODE = re.compile(r"^[A-Z]{2,3}\d{3}$")
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_CATEGORY = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class NoOptions:
    """This rule takes no options."""


@dataclass(frozen=True)
class Setting:
    """One setting of a rule or a family, as the config spells it and the documentation shows it."""

    key: str
    """The config key, kebab-case (``near-threshold``)."""
    field: str
    """The dataclass field (``near_threshold``); the old snake_case key, still read with a warning."""
    type: str
    default: Any
    doc: str
    """What it means: the field's docstring or its trailing comment where the dataclass declares it."""


def settings_of(options: type) -> list[Setting]:
    """The documented settings of an options dataclass, in declaration order."""
    docs = _field_docs(options)
    hints = typing.get_type_hints(options)
    return [Setting(key=f.name.replace("_", "-"), field=f.name, type=_type_name(hints.get(f.name, Any)),
                    default=(f.default if f.default is not dataclasses.MISSING
                             else typing.cast(Callable[[], Any], f.default_factory)()),
                    doc=docs.get(f.name, ""))
            for f in dataclasses.fields(options) if f.init]


def _type_name(hint: Any) -> str:
    if isinstance(hint, type) and get_origin(hint) is None:  # Python 3.10 counts tuple[str, ...] a type
        return hint.__name__
    return str(hint).replace("typing.", "").replace("NoneType", "None")


@lru_cache(maxsize=None)
def _field_docs(options: type) -> dict[str, str]:
    """Each field's docstring (a string right after it), its trailing ``#`` comment with the comment
    lines that continue it, or its ``name: meaning`` entry in the class docstring."""
    try:
        source = textwrap.dedent(inspect.getsource(options))
    except (OSError, TypeError):
        return {}
    lines = source.splitlines()
    body = ast.parse(source).body[0]
    docs: dict[str, str] = {}
    entry = None
    for line in inspect.cleandoc(options.__doc__ or "").splitlines():
        match = re.match(r"^(\w+): (.+)", line)
        if match:
            entry = match.group(1)
            docs[entry] = match.group(2).strip()
        elif entry and line.startswith(" ") and line.strip():
            docs[entry] += " " + line.strip()
        else:
            entry = None
    statements = getattr(body, "body", [])
    for i, node in enumerate(statements):
        if not isinstance(node, ast.AnnAssign) or not isinstance(node.target, ast.Name):
            continue
        following = statements[i + 1] if i + 1 < len(statements) else None
        if (isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)):
            docs[node.target.id] = inspect.cleandoc(following.value.value)
            continue
        comment = []
        line = lines[(node.end_lineno or node.lineno) - 1]
        if "#" in line:
            comment.append(line.split("#", 1)[1].strip())
            column = line.index("#")
            for more in lines[node.end_lineno or node.lineno:]:
                if more.strip().startswith("#") and more.index("#") == column:
                    comment.append(more.strip()[1:].strip())
                else:
                    break
        if comment:
            docs[node.target.id] = " ".join(comment)
    return docs


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    category: ClassVar[Category]
    severity: ClassVar[Severity]
    severities: ClassVar[tuple[Severity, ...]] = ()
    """A rule that grades its findings lists every severity they print with (``severity`` is the
    highest); ``scrapegate rules`` shows the range. Empty: every finding has ``severity``."""
    Options: ClassVar[type] = NoOptions

    def __init__(self, options: Any = None, severity: Severity | None = None) -> None:
        self.options = options if options is not None else self.Options()
        self.configured_severity = severity
        """The severity the config sets for this rule: every finding gets it, up or down."""

    def finding(self, doc: Document, message: str, span: Span | tuple[int, int] | None = None,
                *, details: dict[str, Any] | None = None, severity: Severity | None = None) -> Finding:
        """Build a finding of this rule; ``severity`` overrides the default for this one finding.

        A severity set in the config always wins over both, in either direction: TR001 grades its
        findings (error, or warning on structure alone), ``severity = "error"`` makes them all errors.
        """
        if isinstance(span, tuple):
            span = Span(*span)
        if self.configured_severity is not None:
            severity = self.configured_severity
        return Finding(code=self.code, name=self.name, category=self.category,
                       severity=severity or self.severity, message=message, span=span,
                       excerpt=excerpt(doc.text, span), details=details or {})

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.documentation().split("\n", 1)[0]

    @classmethod
    def option_fields(cls) -> list[dataclasses.Field]:
        return list(dataclasses.fields(cls.Options))


class DocumentRule(Rule):
    def prepare(self, docs: Sequence[Document], ctx: BatchContext) -> None:
        """Called by the runner with a group of documents before :meth:`check` of each, as
        :meth:`BatchRule.prepare` is before ``collect``: what ``check`` reads may be computed for the group at
        once and memoised on each document (the same values). Nothing by default; an exception here is ignored."""

    def check(self, doc: Document, ctx: BatchContext) -> Iterable[Finding]:
        raise NotImplementedError


class BatchRule(Rule):
    def collect(self, doc: Document, ctx: BatchContext) -> Any:
        """Per-document payload, computed in a worker. Must be picklable and small."""
        raise NotImplementedError

    def prepare(self, docs: Sequence[Document], ctx: BatchContext) -> None:
        """Called by the runner with a group of documents before :meth:`collect` of each: a rule may
        compute what ``collect`` reads for all of them at once and memoise it on each document (the
        same values ``collect`` would compute alone: a group's pass pays a numpy pipeline's fixed
        costs once). Nothing by default. An exception here is ignored: ``collect`` then computes
        each document's payload alone and meets the exception where the run records it."""

    def pack(self, payload: Any) -> Any:
        """The payload as it goes from the worker that collected it to :meth:`compact` in the main
        process (called once per payload object, in the worker). Unchanged by default. A rule whose
        ``compact`` stores most of the payload on disk may pickle that part here
        (:class:`~scrapegate.checks.spill.Pickled`): the main process then writes the worker's bytes
        instead of rebuilding the object and pickling it again, serial work of every document."""
        return payload

    def compact(self, payload: Any, spill: Spill) -> Any:
        """The payload as the main process holds it until ``check_batch``: a large batch holds every
        document's, so a rule may move what it rarely reads into ``spill`` (on disk). Unchanged by
        default. A rule that also defines :meth:`expand` returns a number (``>= 0``) here: the
        runner keeps it in 8 bytes and hands ``check_batch`` ``expand(number, spill)``. In a run
        the payload comes as :meth:`pack` made it; called directly, it may be ``collect``'s."""
        return payload

    def expand(self, compacted: int, spill: Spill) -> Any:
        """The payload ``check_batch`` reads for the number :meth:`compact` returned (only called when
        the rule defines it: an object held per document costs far more than its number)."""
        raise NotImplementedError

    def check_batch(self, docs: Mapping[str, Document], payloads: Mapping[str, Any],
                    ctx: BatchContext) -> Iterator[tuple[str, Finding]]:
        """Yield (document key, finding) over the whole batch. Runs once, in the main process.
        ``payloads`` is read-only (the runner passes a compact mapping, see runner.PayloadMap)."""
        raise NotImplementedError


@dataclass(frozen=True)
class RunArguments:
    """The run's command-line arguments that families validate before any file is read."""

    expect_region: str | None
    index: str | None
    update_index: bool
    rules: tuple["Rule", ...]


@dataclass(frozen=True)
class Family:
    """A rule family as the engine sees it (declared as ``FAMILY`` in the family package)."""

    name: str
    category: Category
    """The category of the family's findings, a lower-case word (``"spam"``); every rule of the family
    declares the same one."""
    prefix: str
    rules: tuple[type[Rule], ...]
    settings: type | None = None
    """The family's settings (a dataclass): one object shared by every rule of the family whose
    ``Options`` it is, so that they judge with the same thresholds. Set in
    ``[tool.scrapegate.<name>]`` with kebab-case keys. A rule that reads only some of them declares
    as ``Options`` a dataclass the settings class derives from (see :func:`reads_family_settings`)."""
    cleans: bool = False
    """``--write-clean`` removes the spans of this family's findings."""
    document_defaults: Mapping[str, Any] = field(default_factory=dict)
    """The keys the family adds to a report's ``document`` block, with their values when unknown."""
    document_schema: Mapping[str, Any] = field(default_factory=dict)
    """The JSON Schema of each ``document_defaults`` key (the report schema is generated from it)."""
    details_schema: Mapping[str, Any] | None = None
    """The JSON Schema of the ``details`` of the family's findings: each key under ``properties`` with a
    ``description`` a user can act on (``scrapegate rule CODE`` prints them) and, when only some of the
    family's rules write it, ``x-rules`` listing their codes."""
    describe: Callable[[Document, BatchContext], dict[str, Any]] | None = None
    """Per document, in the workers: values for the ``document_defaults`` keys."""
    prepare: Callable[[Sequence[Document], BatchContext], None] | None = None
    """Per group of documents, in the workers, before any family's ``describe`` or rule runs on them, when
    one of the family's rules runs: compute what the family's analysis reads for all of them at once and
    memoise it on each document, the same values each would compute alone (a numpy pipeline's fixed
    costs paid once a group, not once a document). An exception here is ignored: each document then
    computes its own and meets the exception where the run records it."""
    summarize: Callable[[Sequence[tuple[str, Finding]]], dict[str, Any]] | None = None
    """Once per run: keys the family adds to ``summary.json``, from every (document key, finding) of
    the family's category (kept on disk until then: each item read is made again)."""
    summary_schema: Mapping[str, Any] = field(default_factory=dict)
    """The JSON Schema of each key ``summarize`` adds to ``summary.json``."""
    check_arguments: Callable[[RunArguments], list[str]] | None = None
    """Before any file is read: raise :class:`~scrapegate.checks.errors.UsageError` for a bad argument
    of this family; return warnings."""


CAPPED_DETAILS = {"capped": {
    "type": "object", "required": ["listed", "total"],
    "description": "On the first finding of a rule that found more than it lists (1,000 a document): "
                   "{listed, total}."}}
"""A key the engine adds to any rule's details (:func:`checks.runner` caps findings per rule)."""


def details_keys(family: Family | None, code: str) -> list[tuple[str, str]]:
    """The keys a rule's findings may have in ``details``, each with its description: the family's
    ``details_schema`` properties that apply to the rule (those without ``x-rules``, and those whose
    ``x-rules`` name it).

    >>> from scrapegate.rules.truncation import FAMILY
    >>> [key for key, _ in details_keys(FAMILY, "TR001")][:3]
    ['where', 'kind', 'probability']
    """
    properties = (family.details_schema or {}).get("properties", {}) if family else {}
    return [(key, spec.get("description", "")) for key, spec in properties.items()
            if code in spec.get("x-rules", (code,))]


def reads_family_settings(family: Family | None, rule: type[Rule]) -> bool:
    """Whether the rule's options come from its family's settings table: its ``Options`` is the
    family's settings class, or a part of it (a dataclass with fields that the settings class
    derives from, so every field of it is a family setting; the rule then gets only those)."""
    if family is None or family.settings is None:
        return False
    if rule.Options is family.settings:
        return True
    return (isinstance(rule.Options, type) and issubclass(family.settings, rule.Options)
            and bool(dataclasses.fields(rule.Options)))


def family_options(family: Family, rule: type[Rule], shared: Any) -> Any:
    """The options of a rule that reads its family's settings, from the family's settings object:
    that object itself, or for a rule that reads a part of them, the part (its own fields only)."""
    if rule.Options is family.settings:
        return shared
    return rule.Options(**{f.name: getattr(shared, f.name) for f in dataclasses.fields(rule.Options)
                           if f.init})


@lru_cache(maxsize=None)
def builtin_families() -> tuple[Family, ...]:
    with shared_charsets():  # most of the rules' patterns are compiled here (see charsets)
        out = tuple(importlib.import_module(name).FAMILY for name in BUILTIN_FAMILIES)
    for family in out:
        _validate_family(family, f"family {family.name!r}")
    return out


def families(include_plugins: bool = True) -> tuple[Family, ...]:
    """The built-in families, then those that plugins declare through entry points."""
    plugins = tuple(obj for obj, _ in _entry_point_objects(tuple(sys.path)) if isinstance(obj, Family))
    return builtin_families() + (plugins if include_plugins else ())


def _validate_family(family: Family, origin: str) -> None:
    if not _CATEGORY.match(family.category):
        raise TypeError(f"{origin}: category {family.category!r} is not a lower-case word like 'spam'")
    if family.settings is not None and not dataclasses.is_dataclass(family.settings):
        raise TypeError(f"{origin}: settings must be a dataclass")
    if set(family.document_schema) != set(family.document_defaults):
        raise TypeError(f"{origin}: document_schema must describe exactly the document_defaults keys")
    for rule in family.rules:
        if getattr(rule, "category", family.category) != family.category:
            raise TypeError(f"rule {rule.code} from {origin}: category {rule.category!r} is not the "
                            f"family's {family.category!r}")
        if not str(getattr(rule, "code", "")).startswith(family.prefix):
            raise TypeError(f"rule {getattr(rule, 'code', rule)} from {origin}: code does not start "
                            f"with the family's prefix {family.prefix!r}")


def _validate(rule: type[Rule], origin: str) -> None:
    for attr in ("code", "name", "category", "severity"):
        if not hasattr(rule, attr):
            raise TypeError(f"rule {rule.__name__} from {origin} has no '{attr}'")
    if not _CODE.match(rule.code):
        raise TypeError(f"rule {rule.__name__} from {origin}: code {rule.code!r} is not like 'EN001'")
    if not _NAME.match(rule.name):
        raise TypeError(f"rule {rule.code} from {origin}: name {rule.name!r} is not kebab-case")
    if not isinstance(rule.category, str) or not _CATEGORY.match(rule.category):
        raise TypeError(f"rule {rule.code} from {origin}: category {rule.category!r} is not a lower-case "
                        "word like 'spam'")
    if not rule.__doc__:
        raise TypeError(f"rule {rule.code} from {origin} has no docstring")
    if not dataclasses.is_dataclass(rule.Options):
        raise TypeError(f"rule {rule.code} from {origin}: Options must be a dataclass")


@lru_cache(maxsize=8)
def _entry_point_objects(path: tuple[str, ...]) -> tuple[tuple[Any, str], ...]:
    """What the plugins declare (families, rule classes), loaded once per ``sys.path``."""
    from importlib.metadata import entry_points  # not at start-up: it costs a tenth of a second

    out: list[tuple[Any, str]] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        obj = ep.load()
        origin = f"entry point {ep.name!r}"
        if isinstance(obj, Family):
            _validate_family(obj, origin)
            out.append((obj, origin))
        else:
            out.extend((rule, origin) for rule in (obj if isinstance(obj, (list, tuple)) else [obj]))
    return tuple(out)


def all_rules(include_plugins: bool = True) -> dict[str, type[Rule]]:
    """Every known rule class by code, built-ins first, in code order within each module."""
    found: dict[str, type[Rule]] = {}
    sources: list[tuple[type[Rule], str]] = []
    for family in builtin_families():
        sources.extend((rule, f"family {family.name!r}") for rule in family.rules)
    if include_plugins:
        for obj, origin in _entry_point_objects(tuple(sys.path)):
            sources.extend((rule, origin) for rule in (obj.rules if isinstance(obj, Family) else [obj]))
    for rule, origin in sources:
        _validate(rule, origin)
        if rule.code in found and found[rule.code] is not rule:
            raise TypeError(f"rule code {rule.code} from {origin} is already taken")
        found[rule.code] = rule
    return dict(sorted(found.items()))
