"""Configuration: ``[tool.scrapegate]`` in the nearest pyproject.toml, else ``scrapegate.toml``.

Example::

    [tool.scrapegate]
    paths = ["seeds/"]
    select = ["EN", "BP", "SP"]        # codes or prefixes; default: all rules
    ignore = ["BP003"]
    fail-on = "error"                  # error | warning | info | never
    report-dir = "reports"
    max-file-size = 52428800           # bytes; larger files are reported, not read
    extensions = ["txt", "md", "html", "htm"]

    [tool.scrapegate.per-file-ignores]
    "archive/*.txt" = ["TR"]

    [tool.scrapegate.duplicates]       # a family's settings, shared by all its rules
    near-threshold = 0.8               # (`scrapegate rule DU002` lists them: meaning, type, default)

    [tool.scrapegate.rules.TR001]
    severity = "error"                 # any rule's severity can be set, up or down
    [tool.scrapegate.rules.SP005]
    min-annotations = 8                # a rule's own settings, as listed by `scrapegate rule SP005`

Keys are kebab-case, as ruff's. A family's settings live in the family's table (its name, as
`scrapegate rule CODE` shows it), never per rule: the rules of a family judge with one set of
thresholds (a rule that reads only some of them, as RG003 reads only strong-confidence, lists only
those). The older spellings still work with a deprecation warning: snake_case keys
(``near_threshold``), and a family setting in a rule's table (``[tool.scrapegate.rules.DU002]
near_threshold = 0.8``), which then applies to the whole family.

Unknown keys, unknown codes and options of the wrong type are errors that name the key (exit 2).
Relative paths in a config file are relative to the file's folder.
"""

from __future__ import annotations

import sys
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapegate.checks.errors import ConfigError
from scrapegate.checks.findings import Severity
from scrapegate.checks.registry import Family, Rule, families, reads_family_settings, settings_of
from scrapegate.checks.suggest import rule_code_hint

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FAIL_ON = ("error", "warning", "info", "never")
DEFAULT_MAX_FILE_SIZE = 50 * 1024 * 1024
DEFAULT_EXTENSIONS = ("txt", "md", "html", "htm")


@dataclass
class RuleSettings:
    severity: Severity | None = None
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Config:
    source: str | None = None
    paths: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    report_dir: str = "reports"
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    expect_region: str | None = None
    manifest: str | None = None
    jobs: int | None = None
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    rules: dict[str, RuleSettings] = field(default_factory=dict)
    family_settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per family name, the values its settings table gives, by dataclass field."""
    warnings: list[str] = field(default_factory=list)
    """Deprecated spellings met in the config file (the command line prints them)."""


_KEYS: dict[str, type | tuple[type, ...]] = {
    "paths": list, "select": list, "ignore": list, "fail-on": str, "report-dir": str,
    "max-file-size": int, "extensions": list, "expect-region": str, "manifest": str, "jobs": int,
    "per-file-ignores": dict, "rules": dict,
}
_PATH_KEYS = ("report-dir", "manifest")


def find_config(start: Path) -> Path | None:
    """The nearest pyproject.toml with a [tool.scrapegate] table, else scrapegate.toml, walking up."""
    for folder in [start, *start.parents]:
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "scrapegate" in _read_toml(pyproject).get("tool", {}):
            return pyproject
        standalone = folder / "scrapegate.toml"
        if standalone.is_file():
            return standalone
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from exc


def load_config(path: Path | None, known_rules: dict[str, type[Rule]]) -> Config:
    if path is None:
        return Config()
    data = _read_toml(path)
    table = data.get("tool", {}).get("scrapegate", {}) if path.name == "pyproject.toml" else data
    return parse_config(table, known_rules, source=str(path), base=path.parent)


def parse_config(table: dict[str, Any], known_rules: dict[str, type[Rule]], *, source: str,
                 base: Path) -> Config:
    where = f"{source}: [tool.scrapegate]" if source.endswith("pyproject.toml") else source
    cfg = Config(source=source)
    with_settings = {f.name: f for f in families() if f.settings is not None}
    for key, value in table.items():
        if key in with_settings and key not in _KEYS:
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: '{key}' must be a table of the {key} family's settings")
            family = with_settings[key]
            assert family.settings is not None
            _merge(cfg, family, _values(family.settings, value, f"{where}: {key}", cfg.warnings), where)
            continue
        expected = _KEYS.get(key)
        if expected is None:
            known = ", ".join(sorted([*_KEYS, *with_settings]))
            raise ConfigError(f"{where}: unknown key '{key}' (known: {known})")
        if not isinstance(value, expected) or isinstance(value, bool) and expected is int:
            raise ConfigError(f"{where}: '{key}' must be {_toml_type(expected)}, got {value!r}")
    cfg.paths = [str(base / p) for p in _strings(table.get("paths", []), "paths", where)]
    cfg.select = check_codes(_strings(table.get("select", []), "select", where), known_rules, f"{where}: select")
    if "select" in table and not cfg.select:
        raise ConfigError(f"{where}: 'select' is empty (name rule codes or prefixes, or leave the key out to "
                          "run every rule)")
    cfg.ignore = check_codes(_strings(table.get("ignore", []), "ignore", where), known_rules, f"{where}: ignore")
    cfg.fail_on = table.get("fail-on", cfg.fail_on)
    if cfg.fail_on not in FAIL_ON:
        raise ConfigError(f"{where}: 'fail-on' must be one of {', '.join(FAIL_ON)}, got {cfg.fail_on!r}")
    for key in _PATH_KEYS:
        if key in table:
            setattr(cfg, key.replace("-", "_"), str(base / table[key]))
    cfg.expect_region = table.get("expect-region")
    cfg.jobs = table.get("jobs")
    if cfg.jobs is not None and cfg.jobs < 1:
        raise ConfigError(f"{where}: 'jobs' must be at least 1")
    cfg.max_file_size = table.get("max-file-size", cfg.max_file_size)
    if cfg.max_file_size < 1:
        raise ConfigError(f"{where}: 'max-file-size' must be a positive number of bytes")
    if "extensions" in table:
        cfg.extensions = tuple(e.lstrip(".").lower() for e in _strings(table["extensions"], "extensions", where))
    for pattern, codes in table.get("per-file-ignores", {}).items():
        if not isinstance(codes, list):
            raise ConfigError(f"{where}: per-file-ignores '{pattern}' must be a list of codes")
        cfg.per_file_ignores[pattern] = check_codes(
            _strings(codes, f"per-file-ignores.{pattern}", where), known_rules,
            f"{where}: per-file-ignores '{pattern}'")
    for code, settings in table.get("rules", {}).items():
        cfg.rules[code] = _rule_settings(code, settings, known_rules, where, cfg)
    return cfg


def family_of(rule: type[Rule]) -> Family | None:
    return next((f for f in families() if rule in f.rules), None)


def _values(options: type, table: dict[str, Any], where: str, warnings: list[str]) -> dict[str, Any]:
    """A settings table's values by dataclass field: kebab-case keys, snake_case with a warning."""
    settings = settings_of(options)
    by_key = {s.key: s for s in settings}
    by_field = {s.field: s for s in settings}
    hints = typing.get_type_hints(options)
    out: dict[str, Any] = {}
    for key, value in table.items():
        setting = by_key.get(key)
        if setting is None and key in by_field:
            setting = by_field[key]
            warnings.append(f"{where}: '{key}' is deprecated, write '{setting.key}'")
        if setting is None:
            raise ConfigError(f"{where}: unknown setting '{key}' (known: {', '.join(by_key) or 'none'})")
        out[setting.field] = _coerce(value, hints[setting.field], f"{where}.{setting.key}")
    return out


def _merge(cfg: Config, family: Family, values: dict[str, Any], where: str) -> None:
    """A family's values, from its table and rules' tables: the same setting twice must agree."""
    current = cfg.family_settings.setdefault(family.name, {})
    for name, value in values.items():
        if name in current and current[name] != value:
            key = name.replace("_", "-")
            raise ConfigError(f"{where}: the {family.name} family's '{key}' is set twice, to "
                              f"{current[name]!r} and {value!r}; set it once, in [tool.scrapegate.{family.name}]")
        current[name] = value


def _strings(value: list, key: str, where: str) -> list[str]:
    if not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return list(value)


def check_codes(codes: list[str], known_rules: dict[str, type[Rule]], where: str) -> list[str]:
    """Codes and prefixes must each match at least one known rule. An empty one is refused: as a
    prefix it would match every rule (``ignore = [""]`` switched every rule off and the gate passed)."""
    for code in codes:
        if not code.strip():
            raise ConfigError(f"{where}: an empty rule code {code!r} (it would match every rule; name codes "
                              "or prefixes such as 'SP' or 'BP003')")
        if not any(known.startswith(code) for known in known_rules):
            raise ConfigError(f"{where}: unknown rule code or prefix '{code}'"
                              f"{rule_code_hint(code, known_rules)} (see `scrapegate rules`)")
    return codes


def _rule_settings(code: str, settings: Any, known_rules: dict[str, type[Rule]], where: str,
                   cfg: Config) -> RuleSettings:
    rule = known_rules.get(code)
    if rule is None:
        raise ConfigError(f"{where}: rules.{code}: unknown rule code '{code}'"
                          f"{rule_code_hint(code, known_rules)} (see `scrapegate rules`)")
    if not isinstance(settings, dict):
        raise ConfigError(f"{where}: rules.{code} must be a table")
    out = RuleSettings()
    if "severity" in settings:
        try:
            out.severity = Severity(settings["severity"])
        except ValueError:
            raise ConfigError(f"{where}: rules.{code}.severity must be error, warning or info, "
                              f"got {settings['severity']!r}") from None
    rest = {k: v for k, v in settings.items() if k != "severity"}
    family = family_of(rule)
    # A rule that reads a part of its family's settings still takes all of them in its table, as
    # it did when it declared them all: they apply to the family.
    shared = family if family is not None and reads_family_settings(family, rule) else None
    options = shared.settings if shared is not None and shared.settings is not None else rule.Options
    known = [s.key for s in settings_of(options)]
    unknown = [k for k in rest if k not in known and k not in {s.field for s in settings_of(options)}]
    if unknown:
        raise ConfigError(f"{where}: rules.{code}: unknown option '{unknown[0]}' "
                          f"(known: {', '.join(['severity', *known])})")
    values = _values(options, rest, f"{where}: rules.{code}", cfg.warnings)
    if shared is not None and values:
        keys = ", ".join(name.replace("_", "-") for name in values)
        cfg.warnings.append(f"{where}: rules.{code}: {keys} is a setting of the {shared.name} family, "
                            f"{_readers(shared, list(values))}")
        _merge(cfg, shared, values, where)
    else:
        out.options = values
    return out


def _readers(family: Family, names: list[str]) -> str:
    """Where the settings go and which of the family's rules read them, for the warning on a
    rule's table."""
    readers = [rule.code for rule in family.rules if reads_family_settings(family, rule)
               and all(name in {s.field for s in settings_of(rule.Options)} for name in names)]
    where = f"set it in [tool.scrapegate.{family.name}]"
    if len(readers) == sum(reads_family_settings(family, rule) for rule in family.rules):
        return f"shared by all its rules; {where} (it now applies to every {family.prefix} rule)"
    read_by = (f"{readers[0]}, the {family.prefix} rule that reads it" if len(readers) == 1
               else f"{', '.join(readers)}, the {family.prefix} rules that read it" if readers
               else f"the {family.prefix} rules that read it")
    return f"one value for every rule that reads it; {where} (it now applies to {read_by})"


_TOML_TYPES = {bool: "a boolean (true or false)", int: "an integer", float: "a number", str: "a string",
               list: "an array", dict: "a table"}


def _toml_type(expected: Any) -> str:
    """A Python type as a TOML user reads it: ``int`` -> 'an integer'."""
    return _TOML_TYPES.get(expected, f"a {getattr(expected, '__name__', expected)}")


def _coerce(value: Any, hint: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    arguments = [a for a in typing.get_args(hint) if a is not type(None)]
    if origin is typing.Union or type(hint).__name__ == "UnionType":
        if value is None or len(arguments) != 1:
            return value
        return _coerce(value, arguments[0], where)
    if origin in (tuple, list, frozenset, set):
        if not isinstance(value, list):
            raise ConfigError(f"{where} must be a list, got {value!r}")
        (item,) = {a for a in typing.get_args(hint) if a is not Ellipsis} or {Any}
        return origin(_coerce(v, item, where) for v in value)
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if hint in (int, float, str, bool) and (not isinstance(value, hint) or
                                            (hint is int and isinstance(value, bool))):
        raise ConfigError(f"{where} must be {_toml_type(hint)}, got {value!r}")
    return value


def rule_options(rule: type[Rule], settings: RuleSettings | None) -> Any:
    if not settings or not settings.options:
        return rule.Options()
    return rule.Options(**settings.options)


def selected(code: str, select: list[str], ignore: list[str]) -> bool:
    """ruff's rule: the most specific matching prefix wins; ties go to ignore."""
    sel = max((len(p) for p in select if code.startswith(p)), default=-1) if select else 0
    ign = max((len(p) for p in ignore if code.startswith(p)), default=-1)
    return sel >= 0 and sel > ign
