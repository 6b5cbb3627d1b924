"""The Python API: the same inputs as ``scrapegate check``, the same reports, as objects.

Example::

    from scrapegate.checks import check_paths

    result = check_paths(["seeds/"], expect_region="湖北省", write_reports=False)
    for key, report in result.reports.items():
        print(key, report["status"], [f["code"] for f in report["findings"]])
    result.exit_code   # 0 passed, 1 gate failed, 2 input errors, 3 a rule crashed
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
import time
from contextlib import ExitStack, contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from array import array
from collections import Counter
from collections.abc import ItemsView, ValuesView
from typing import IO, Any, Callable, Iterable, Iterator, Mapping, NamedTuple, Sequence, cast

from scrapegate.checks.baseline import Baseline
from scrapegate.checks.context import BatchContext
from scrapegate.checks.config import (
    FAIL_ON,
    Config,
    check_codes,
    find_config,
    load_config,
    rule_options,
    selected,
)
from scrapegate.checks.errors import ConfigError, InputError, UsageError
from scrapegate.checks.findings import Finding
from scrapegate.checks.inputs import InputFile, InputList, discover, remove_stale_spools
from scrapegate.checks.key_list import KeyList
from scrapegate.checks.outputs import (
    OutputError,
    OutputFolder,
    assign_names,
    check_overlap,
    renamed_with_suffix,
    resolved,
)
from scrapegate.checks.packs import STDIN, FieldMap, is_url, make_record
from scrapegate.checks.pipeline_outputs import (
    attribute_spans,
    attributes_name,
    clean_pack_name,
    cleaned,
    pack_attribute_lines,
    write_attributes,
    write_clean_pack,
)
from scrapegate.checks.progress import progress
from scrapegate.checks.ray_engine import RayMapper, check_engine
from scrapegate.checks.registry import Rule, RunArguments, all_rules, families, family_options, reads_family_settings
from scrapegate.checks.json_indent import indented_pieces
from scrapegate.checks.reports import (
    REPORT_FORMATS,
    SUMMARY_NAME,
    PerDocument,
    SummaryTally,
    build_report,
    build_summary,
    dumps,
    finding_counts,
    json_line,
    report_name,
    shard_report_name,
    summarized_categories,
)
from scrapegate.checks.spill import Spill, temporaries_in
from scrapegate.checks.runner import (
    SERIAL_BELOW,
    BatchRun,
    DocumentResult,
    KeyIndex,
    Lost,
    ResultStore,
    RuleCrash,
    WORKER,
    _map,
    apply_per_file_ignores,
    pool_deaths,
    result_identity,
    run_batch,
)

EXIT_PASSED, EXIT_GATE_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


@dataclass
class CheckResult:
    """What a check produced: per-file reports by document key, the summary, and the exit code."""

    reports: dict[str, dict[str, Any]]
    summary: dict[str, Any]
    exit_code: int
    warnings: list[str] = field(default_factory=list)
    run: BatchRun | None = field(default=None, repr=False)
    report_dir: str | None = None
    """Where the reports were written (None with ``write_reports=False``)."""

    def findings_frame(self) -> Any:
        """Every finding as a row of a pandas DataFrame, validated by :data:`FINDINGS_FRAME_SCHEMA`
        (pandas and pandera are imported only here)."""
        from scrapegate.checks.frames import findings_frame

        return findings_frame(self.reports)


def resolve_config(config_path: str | None, known: dict[str, type[Rule]]) -> Config:
    if config_path:
        path = Path(config_path)
        if not path.is_file():
            raise ConfigError(f"{config_path}: config file not found")
        return load_config(path, known)
    return load_config(find_config(Path.cwd()), known)


def build_rules(cfg: Config, known: dict[str, type[Rule]], select: Sequence[str],
                ignore: Sequence[str]) -> list[Rule]:
    """The selected rules with their settings. A family's settings are one object, shared by every
    rule of the family whose options they are (DU001-DU004 judge with the same thresholds); a rule
    that reads a part of them (RG003 reads strong-confidence only) gets that part of the same values."""
    shared: dict[str, Any] = {}
    for family in families():
        if family.settings is not None:
            try:
                shared[family.name] = family.settings(**cfg.family_settings.get(family.name, {}))
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"{cfg.source}: {family.name}: {exc}") from exc
    owner = {rule: family for family in families() for rule in family.rules}
    rules = []
    for code, rule in known.items():
        if not selected(code, list(select), list(ignore)):
            continue
        settings = cfg.rules.get(code)
        owning = owner.get(rule)
        if owning is not None and owning.name in shared and reads_family_settings(owning, rule):
            options = family_options(owning, rule, shared[owning.name])
        else:
            try:
                options = rule_options(rule, settings)
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"{cfg.source}: rules.{code}: {exc}") from exc
        rules.append(rule(options=options, severity=settings.severity if settings else None))
    return rules


def _load_manifest(path: Path) -> tuple[dict[Path, Any], list[str]]:
    """The manifest module brings pandas and pandera (most of a bare run's start-up time): it is
    imported only when a manifest is read."""
    from scrapegate.checks.manifest import load_manifest

    return load_manifest(path)


def selected_codes(select: Sequence[str] | None, known: dict[str, type[Rule]], cfg: Config) -> list[str]:
    """The codes given to --select (checked), else the config's. An empty selection is a usage error:
    ``--select "$CODES"`` with the variable unset would otherwise run every rule unseen."""
    if select is not None and not select:
        raise UsageError("--select: empty (name rule codes or prefixes, e.g. --select TR,RG, or leave the "
                         "option out to run every rule the config selects)")
    return check_codes(list(select), known, "--select") if select is not None else cfg.select


def ignored_codes(ignore: Sequence[str] | None, known: dict[str, type[Rule]], cfg: Config) -> list[str]:
    """The config's ignored codes and those given to --ignore (checked). An empty --ignore is a usage
    error, as an empty --select is: ``--ignore "$CODES"`` with the variable unset would otherwise run
    the rules it was meant to leave out."""
    if ignore is not None and not ignore:
        raise UsageError("--ignore: empty (name rule codes or prefixes, e.g. --ignore BP,EN003, or leave the "
                         "option out to ignore only what the config ignores)")
    return [*cfg.ignore, *check_codes(list(ignore), known, "--ignore")] if ignore is not None else cfg.ignore


def check_paths(
    paths: Sequence[str | os.PathLike] = (),
    *,
    manifest: str | os.PathLike | None = None,
    expect_region: str | None = None,
    config: str | os.PathLike | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    fail_on: str | None = None,
    jobs: int | None = None,
    report_dir: str | os.PathLike | None = None,
    write_reports: bool = True,
    write_clean: str | os.PathLike | None = None,
    index: str | os.PathLike | None = None,
    update_index: bool = False,
    fields: FieldMap | None = None,
    attributes: str | os.PathLike | None = None,
    _records: tuple[list[InputFile], list[InputError]] | None = None,
    baseline: str | os.PathLike | None = None,
    report_format: str = "json",
    keep_reports: bool = True,
    engine: str = "local",
    ray_address: str | None = None,
    _reported: Callable[[DocumentResult, BatchContext], None] | None = None,
) -> CheckResult:
    """Check documents and return their reports (and write them unless ``write_reports=False``).

    Arguments mirror the ``scrapegate check`` options; those left ``None`` come from the config
    (``[tool.scrapegate]`` in the nearest pyproject.toml, else scrapegate.toml). Raises
    :class:`UsageError` for bad config, manifest or arguments (the CLI's exit 2). Input files that
    cannot be read are reported in ``summary["input_errors"]`` and give exit code 2; the others are
    still checked. ``baseline``: a file written by ``scrapegate baseline``; the findings it holds are
    left out of the reports (``summary["baseline"]`` counts them and lists its stale entries).
    ``fail_on="never"`` switches the gate off: statuses are computed as with ``error`` (they describe
    the findings), only the exit code ignores them. ``report_format``: ``json``, one report file per
    document; ``jsonl``, one file per input shard (``<pack>.reports.jsonl``, and
    ``documents.reports.jsonl`` for plain files), one report a line in the summary's order.
    ``keep_reports=False``: each report is written as soon as it is final and not kept
    (``CheckResult.reports`` then holds only each document's ``status`` and ``summary``, in a
    dictionary shared by the documents with the same ones: read them, do not change them), so a
    large batch does not hold every report in memory; ``summary["per_document"]`` is then the
    list as the run wrote it to a temporary file (:class:`~scrapegate.checks.reports.PerDocument`: a
    read-only sequence whose entries are decoded when read, equal to the list it holds; ``list()`` it
    for a list of your own). With ``keep_reports=True`` (the default) it is a list, as before. ``engine="ray"`` runs the passes on Ray Data (a local
    Ray, or the cluster at ``ray_address``; ``jobs`` then caps the Ray workers): same reports, byte for
    byte (see :mod:`scrapegate.checks.ray_engine`). ``_reported`` (the CLI's): called with each
    result as reported and the run's context, in the run's order, when this process writes the
    reports itself (not when workers write them), so the printed findings need no second reading.
    """
    started = time.time()
    known = all_rules()
    cfg = resolve_config(str(config) if config else None, known)
    select = selected_codes(select, known, cfg)
    ignore = ignored_codes(ignore, known, cfg)
    fail_on = fail_on or cfg.fail_on
    if fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on must be one of {', '.join(FAIL_ON)}, got {fail_on!r}")
    if report_format not in REPORT_FORMATS:
        raise UsageError(f"--report-format must be one of {', '.join(REPORT_FORMATS)}, got {report_format!r}")
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs must be at least 1")
    check_engine(engine, ray_address)
    if expect_region is not None and not expect_region.strip():
        # an unset shell variable (--expect-region "$REGION") would switch the region check off unseen
        raise UsageError("--expect-region: empty (name a province, prefecture or county, or leave the option out)")
    region = expect_region or cfg.expect_region
    known_baseline = Baseline.load(Path(baseline)) if baseline else None
    rules = build_rules(cfg, known, select, ignore)
    arguments = RunArguments(expect_region=region, index=str(index) if index else None,
                             update_index=update_index, rules=tuple(rules))
    warnings = [w for family in families() if family.check_arguments
                for w in family.check_arguments(arguments)]

    manifest_path = manifest or cfg.manifest
    entries, manifest_warnings = _load_manifest(Path(manifest_path)) if manifest_path else ({}, [])
    path_list = [str(p) for p in paths] or cfg.paths
    inputs: Iterable[tuple[Path, bool]]  # what the output folders must not overlap
    if _records is not None:  # check_texts: documents in memory
        inputs = []
    elif path_list:
        # made as the overlap check reads them: a list held a resolved Path (~300 bytes) per file named
        inputs = ((resolved(p), Path(p).is_dir()) for p in path_list if p != STDIN and not is_url(p))
    elif entries:
        inputs = ((f, False) for f in entries)  # resolved by load_manifest; read once
    else:
        raise UsageError("no paths given (name files or folders, or set 'paths' in the config)")
    folders, made = _output_folders(inputs, report_dir if report_dir is not None else cfg.report_dir,
                                    write_reports, write_clean, attributes)
    out, clean = folders.get("--report-dir"), folders.get("--write-clean")

    # the run's temporary files inside its output folder: the packs' spools (discovery makes them) too
    with _scratch(folders, made):
        if _records is not None:
            records, input_errors = _records
            items = InputList(records)
        elif path_list:
            fields = fields or FieldMap()
            warnings += _stale_spools(started)
            items, input_errors = discover(path_list, cfg.extensions, fields)
            if entries:  # a path resolved per file (an lstat per component) only when a manifest is read
                for at in range(len(items)):
                    if items.pack(at) is None:
                        items.set_manifest(at, entries.get(resolved(items[at].path)))
        else:
            root = Path(os.path.commonpath([str(f.parent) for f in entries]))
            items = InputList(InputFile(key=f.relative_to(root).as_posix(), path=f, display=str(f), manifest=e)
                              for f, e in sorted(entries.items()))
            input_errors = []
        mapper = RayMapper(ray_address, jobs or cfg.jobs) if engine == "ray" else None
        try:
            run = run_batch(items, rules, jobs=jobs or cfg.jobs or os.cpu_count() or 1,
                            max_file_size=cfg.max_file_size, expect_region=region,
                            index_path=str(index) if index else None, update_index=update_index, mapper=mapper)
        finally:
            if mapper is not None:
                mapper.close()
        run.input_errors[:0] = input_errors
        config_dir = Path(cfg.source).parent if cfg.source else None
        reports: dict[str, dict[str, Any]] = {} if keep_reports else cast(dict[str, dict[str, Any]], _Statuses())
        by_key = _ItemsByKey(items)
        removable = {family.category for family in families() if family.cleans}
        pack_outcomes: dict[str, _Outcomes] = {}
        pack_keys = items.packs()
        if report_format == "jsonl":
            plain = [("", None)] if items.has_plain() else []
            shards = assign_names({source: shard_report_name(key) for source, key in [*pack_keys.items(), *plain]},
                                  reserved={SUMMARY_NAME})
            names: Mapping[str, str] = _ShardNames(run.results.key_list(), by_key, shards)
        else:
            keys = run.results.key_list()
            names = _ReportNames(keys, renamed_with_suffix(keys, report_name(""), reserved={SUMMARY_NAME}))
        shard_files = _ShardFiles(out, run.input_errors) if out is not None and report_format == "jsonl" else None
        # a plain document's cleaned text is one file; a pack's records share the pack's cleaned copy
        clean_of: dict[str, str] = {}
        clean_names: dict[str, str] = {}
        if clean is not None:  # a million documents need neither map without --write-clean
            clean_of = {key: item.pack if item.pack is not None else key for key, item in by_key.items()}
            clean_names = assign_names({**{key: key for key, source in clean_of.items() if source == key},
                                        **{pack: clean_pack_name(key) for pack, key in pack_keys.items()}})
        unreadable: set[str] = set()
        tally = SummaryTally()
        per_document = PerDocument()  # the summary's list, on disk as the reports are done
        workers = jobs or cfg.jobs or os.cpu_count() or 1
        # In workers when it writes per document and nothing needs the texts in order: the baseline's
        # entries are consumed document by document, --write-clean's packs are written by this process.
        in_workers = (mapper is None and out is not None and clean is None and known_baseline is None and workers > 1
                      and len(run.results) >= SERIAL_BELOW and multiprocessing.get_start_method() == "fork")
        deaths = pool_deaths()
        if in_workers:
            assert out is not None
            job = _ReportJob(run.results, cfg.per_file_ignores, config_dir, status_threshold(fail_on), out, names,
                             keep_reports, shard_files is not None)
            for position, done in enumerate(_map(_report_in_worker, range(len(run.results)), workers,
                                                 "writing reports", _init_reporting, (job,))):
                if isinstance(done, Lost):  # its worker failed twice on it: written here, without findings
                    done = _report_in_worker(position, job, done.problem)
                # the batch findings as this process holds them, not the worker's copies: the summary's
                # tally keeps some (duplicate clusters) until the end; read before replace() drops them
                batch = run.results.pending(position)
                key = run.results.key(position)
                if key != done.key:
                    raise RuntimeError(f"internal error: the report of {done.key!r} came back where {key!r}'s "
                                       "was due (the report phase's results must come in document order)")
                if done.changed is not None:
                    run.results.replace(position, done.changed)
                tally.add_counted(key, done.counts, done.summarized, done.crashes)
                tally.add_findings(key, [batch[i] for i in done.batch_kept], [])
                reports[key] = done.report
                name = names[key]
                per_document.add(key, done.report["status"], name, None, done.report["summary"])
                if shard_files is not None and done.line is not None:
                    shard_files.write_line(name, by_key.pack(key) or done.path, done.line)
                if done.write_error is not None:
                    run.input_errors.append(done.write_error)
        bar = progress("writing reports" if out is not None else "reporting", 0 if in_workers else len(run.results))
        for position, result in enumerate(() if in_workers else run.results):
            bar.update(1)
            as_stored = result.findings
            apply_per_file_ignores(result, cfg.per_file_ignores, config_dir)
            pack = by_key.pack(result.document.key)
            try:
                text, removed = _report_inputs(result, run.context, known_baseline, clean is not None, removable,
                                               packed=pack is not None)
            except InputError as exc:
                # Changed or gone since it was checked (the baseline and cleaned text need it again):
                # an input error for this document, never an aborted run.
                run.input_errors.append(exc)
                unreadable.add(result.document.key)
                continue
            if clean is not None and pack is None:
                _write(clean, clean_names[result.document.key], result.document.path, run.input_errors,
                       "cleaned text", lambda handle: handle.write(text.encode("utf-8")),
                       key=result.document.key)
            report, encoded = _built_report(result, status_threshold(fail_on), removed,
                                            None if out is None else json_line if shard_files is not None else _indented)
            if result.findings is not as_stored:  # as reported: what the output and CheckResult.run read
                run.results.replace(position, result)
            if _reported is not None:
                _reported(result, run.context)
            tally.add(result)
            key = run.results.key(position)
            reports[key] = report
            name = names[key]
            per_document.add(key, report["status"], name,
                             clean_names[clean_of[key]] if clean is not None else None, report["summary"])
            if clean is not None and pack is not None:
                block = {"status": report["status"], "codes": sorted({f.code for f in result.findings}),
                         "removed": removed}
                pack_outcomes.setdefault(pack, _Outcomes(run.results.spill))[result.document.key] = (text, block)
            if shard_files is not None:
                shard_files.write_line(name, pack or result.document.path, encoded)
            elif out is not None:
                _write(out, name, result.document.path, run.input_errors, "report",
                       lambda handle: handle.write(encoded), key=result.document.key)
        run.results.remove(unreadable)
        bar.close()
        if shard_files is not None:
            shard_files.close()
        # A worker killed while it wrote left its temporary file; removed only now that this process's own
        # temporary files (the shard files just closed) are in place.
        if out is not None and pool_deaths() != deaths:
            out.remove_unfinished()
        if clean is not None:
            _write_clean_packs(pack_outcomes, pack_keys, clean, clean_names, fields or FieldMap(), run.input_errors)
        if "--attributes" in folders:
            _write_attributes(run, items, folders["--attributes"], fields or FieldMap())
        warnings += [w for flag, folder in folders.items() for w in _stale_files(flag, folder)]
        summary = build_summary(run, reports, fail_on, tally=tally, per_document=per_document, keep=keep_reports)
        if known_baseline is not None:
            summary["baseline"] = known_baseline.summary()
        if out is not None:
            _write_summary(out, summary)
        return CheckResult(reports=reports, summary=summary, exit_code=_exit_code(run, summary),
                           warnings=cfg.warnings + manifest_warnings + warnings, run=run,
                           report_dir=str(out.given) if out is not None else None)


def check_texts(records: Iterable[str | Mapping[str, Any]], *, fields: FieldMap | None = None,
                write_reports: bool = False, **options: Any) -> CheckResult:
    """Check documents held in memory: strings, or mappings with the text and optional ``id``, ``url``,
    ``title``, ``region``, ``source``, ``fetched_at`` (names mapped by ``fields``, as for packs).

    Each document's report key is its ``id`` (default: its 1-based position). Other keyword arguments
    are :func:`check_paths`'s; reports are written only with ``write_reports=True``. Example::

        result = check_texts([{"id": "a", "text": "宜昌市猇亭区人民政府工作报告……"}], select=["TR"])
        result.reports["a"]["findings"]
        result.findings_frame()   # one row per finding, a pandas DataFrame
    """
    fields = fields or FieldMap()
    items: list[InputFile] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    for number, record in enumerate(records, start=1):
        mapping = {fields.text: record} if isinstance(record, str) else record
        made = make_record(dict(mapping) if isinstance(mapping, Mapping) else mapping, number, "",
                           f"record {number}", fields, seen)
        if isinstance(made, str):
            errors.append(InputError(f"record {number}", made))
        else:
            items.append(InputFile(key=made.key, path=Path(made.key), display=made.key, manifest=made.entry,
                                   text=made.text, pack="<memory>"))
    return check_paths((), fields=fields, write_reports=write_reports, _records=(items, errors), **options)


_OUTCOMES: dict[tuple[Any, ...], dict[str, Any]] = {}


def _outcome(report: dict[str, Any]) -> dict[str, Any]:
    """What is kept of a report not kept (``keep_reports=False``): its status and summary counts, one
    dictionary shared by every report with the same ones (a million documents hold a few dozen)."""
    shape = (report["status"], *report["summary"].items())
    found = _OUTCOMES.get(shape)
    if found is None:
        found = _OUTCOMES[shape] = {"status": report["status"], "summary": dict(report["summary"])}
    return found


def _output_folders(inputs: Iterable[tuple[Path, bool]], report_dir: str | os.PathLike | None,
                    write_reports: bool, write_clean: str | os.PathLike | None,
                    attributes: str | os.PathLike | None) -> tuple[dict[str, OutputFolder], list[Path]]:
    """The output folders by flag, created now, so a bad one is a usage error before any work:
    an empty path, a folder overlapping an input or another output (see outputs.check_overlap);
    and the folders this created, each one's parents before it."""
    given = []
    for flag, folder in (("--report-dir", report_dir if write_reports else None),
                         ("--write-clean", write_clean), ("--attributes", attributes)):
        if folder is None:
            continue
        if not str(folder).strip():  # Path("") is ".": the current folder, never what was meant
            raise UsageError(f"{flag}: empty path (name a folder, e.g. {flag} out)")
        given.append((flag, Path(folder)))
    check_overlap(given, inputs)
    folders: dict[str, OutputFolder] = {}
    made: list[Path] = []
    try:
        for flag, folder in given:
            made += reversed([p for p in (folder, *folder.parents) if not p.exists() and not p.is_symlink()])
            folders[flag] = OutputFolder(flag, folder)
    except UsageError:
        _remove_made(made)
        raise
    return folders, made


def _remove_made(made: list[Path]) -> None:
    """A run refused before it wrote anything (a usage error) leaves no empty folder of its making."""
    for path in reversed(made):
        with suppress(OSError):
            path.rmdir()


@contextmanager
def _scratch(folders: Mapping[str, OutputFolder], made: list[Path]) -> Iterator[None]:
    """While the block runs, the run's temporary files are made in a scratch folder inside its first
    output folder (:meth:`OutputFolder.scratch`), removed when the block is left, an error included;
    without an output folder, in the system's temporary folder. A usage error in the block (keys that
    no prefix tells apart, found by discovery) removes the output folders the run made too."""
    folder = next(iter(folders.values()), None)
    try:
        with folder.scratch() if folder is not None else nullcontext() as path, temporaries_in(path):
            yield
    except UsageError:
        _remove_made(made)
        raise


def _stale_spools(started: float) -> list[str]:
    """A warning when the spool folders of killed runs were removed from TMPDIR (see
    :func:`~scrapegate.checks.inputs.remove_stale_spools`)."""
    removed, size = remove_stale_spools(started)
    if not removed:
        return []
    return [f"removed {removed} spool folder{'s' * (removed > 1)} ({size / 1e6:,.1f} MB) in {tempfile.gettempdir()} "
            "left by an earlier run that was killed"]


def _stale_files(flag: str, folder: OutputFolder) -> list[str]:
    """Warnings about the temporary files of killed runs found in an output folder (see
    :meth:`OutputFolder.remove_stale`)."""
    removed, kept = folder.remove_stale()
    found = []
    scratch, kept_scratch = folder.remove_stale_scratch()
    if scratch:
        found.append(f"{flag} {folder.given}: removed {scratch} scratch folder{'s' * (scratch > 1)} "
                     "(.scrapegate-*-scratch) left by an earlier run that was killed")
    kept += kept_scratch
    if removed:
        found.append(f"{flag} {folder.given}: removed {removed} temporary file{'s' * (removed > 1)} "
                     "(.scrapegate-*.tmp) left by an earlier run that was killed")
    if kept:
        found.append(f"{flag} {folder.given}: {len(kept)} temporary file{'s' * (len(kept) > 1)} left by an "
                     f"earlier run ({kept[0]}{' …' * (len(kept) > 1)}); delete them once no scrapegate run "
                     "writes into this folder")
    return found


def _exit_code(run: BatchRun, summary: dict[str, Any]) -> int:
    if summary["rule_errors"]:
        return EXIT_INTERNAL
    if run.input_errors:
        return EXIT_USAGE
    gate_on = summary["fail_on"] != "never"
    return EXIT_GATE_FAILED if gate_on and summary["documents"]["fail"] else EXIT_PASSED


def status_threshold(fail_on: str) -> str:
    """The threshold report statuses are computed against: the gate's, or ``error`` when it is off."""
    return "error" if fail_on == "never" else fail_on


def _write(folder: OutputFolder, name: str, display: str, errors: list[InputError], what: str,
           fill: Callable[[IO[bytes]], Any], key: str | None = None) -> None:
    """Write one output file; one that cannot be written is an input error of its document or pack."""
    try:
        with folder.open(name) as handle:
            fill(handle)
    except OSError as exc:
        problem = str(exc) if isinstance(exc, OutputError) else f"{folder.root / name}: {exc.strerror or exc}"
        errors.append(InputError(display, f"{what} not written: {problem}", key))


class _ItemsByKey(Mapping[str, InputFile]):
    """The inputs by key (the last of a key, as a dict built in order), through a :class:`KeyIndex`."""

    def __init__(self, items: InputList) -> None:
        self._items = items
        self._index = KeyIndex(items.keys)

    def __getitem__(self, key: str) -> InputFile:
        return self._items[self._index[key]]

    def pack(self, key: str) -> str | None:
        """``self[key].pack``, without making the record."""
        return self._items.pack(self._index[key])

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys(self._items.keys))

    def __len__(self) -> int:
        return len(set(self._items.keys))


class _ReportNames(Mapping[str, str]):
    """Each document's report name: ``<key>.json`` unless ``renamed`` says otherwise."""

    def __init__(self, keys: Sequence[str], renamed: dict[str, str]) -> None:
        self._keys, self._renamed = keys, renamed

    def __getitem__(self, key: str) -> str:
        return self._renamed.get(key) or report_name(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class _ShardNames(_ReportNames):
    """Each document's reports file with ``--report-format jsonl``: its shard's."""

    def __init__(self, keys: Sequence[str], items: _ItemsByKey, shards: dict[str, str]) -> None:
        super().__init__(keys, {})
        self._items, self._shards = items, shards

    def __getitem__(self, key: str) -> str:
        return self._shards[self._items.pack(key) or ""]


class _Statuses(Mapping[str, dict[str, Any]]):
    """``CheckResult.reports`` with ``keep_reports=False``: per document, in report order, a 4-byte
    number of its status and summary (:func:`_outcome`'s dictionary, of which a million documents
    hold a few dozen) and its key on disk (:class:`KeyList`); a dict cost the main process about 100
    bytes a document."""

    def __init__(self) -> None:
        self._keys = KeyList()
        self._numbers = array("I")
        self._outcomes: list[dict[str, Any]] = []
        self._number_of: dict[int, int] = {}
        self._index: KeyIndex | None = None

    def __setitem__(self, key: str, report: dict[str, Any]) -> None:
        outcome = _outcome(report)
        number = self._number_of.setdefault(id(outcome), len(self._outcomes))
        if number == len(self._outcomes):
            self._outcomes.append(outcome)
        self._keys.append(key)
        self._numbers.append(number)
        self._index = None

    def __getitem__(self, key: str) -> dict[str, Any]:
        if self._index is None:
            self._index = KeyIndex(self._keys)
        return self._outcomes[self._numbers[self._index[key]]]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def values(self) -> ValuesView[dict[str, Any]]:
        return _StatusValues(self)

    def items(self) -> ItemsView[str, dict[str, Any]]:
        return _StatusItems(self)


class _StatusValues(ValuesView[dict[str, Any]]):
    _mapping: _Statuses

    def __iter__(self) -> Iterator[dict[str, Any]]:
        outcomes = self._mapping._outcomes
        return (outcomes[n] for n in self._mapping._numbers)


class _StatusItems(ItemsView[str, dict[str, Any]]):
    _mapping: _Statuses

    def __iter__(self) -> Iterator[tuple[str, dict[str, Any]]]:
        outcomes = self._mapping._outcomes
        return ((key, outcomes[n]) for key, n in zip(self._mapping._keys, self._mapping._numbers))


class _ShardFiles:
    """JSONL report files, one per input shard, open while the run writes them a report at a time;
    each is renamed into place when complete (OutputFolder), or left out with an input error of its
    shard when it cannot be written."""

    def __init__(self, folder: OutputFolder, errors: list[InputError]) -> None:
        self.folder, self.errors = folder, errors
        self.open: dict[str, tuple[ExitStack, IO[bytes]]] = {}
        self.failed: set[str] = set()

    def write_line(self, name: str, source: str, line: bytes) -> None:
        """Append one report's line (``json_line``) to the reports file ``name``."""
        if name in self.failed:
            return
        try:
            if name not in self.open:
                stack = ExitStack()
                self.open[name] = stack, stack.enter_context(self.folder.open(name))
            self.open[name][1].write(line)
        except OSError as exc:
            self._fail(name, source, exc)

    def close(self) -> None:
        for name, (stack, _) in list(self.open.items()):
            try:
                stack.close()
            except OSError as exc:
                self.errors.append(InputError(name, f"reports not written: {self._problem(name, exc)}"))
        self.open.clear()

    def _fail(self, name: str, source: str, exc: OSError) -> None:
        self.failed.add(name)
        if name in self.open:
            stack, _ = self.open.pop(name)
            # the temporary file is removed; closing flushes into the same full device, and the write's
            # error is the one reported
            with suppress(OSError):
                stack.__exit__(type(exc), exc, exc.__traceback__)
        self.errors.append(InputError(source, f"reports not written: {self._problem(name, exc)}"))

    def _problem(self, name: str, exc: OSError) -> str:
        return str(exc) if isinstance(exc, OutputError) else f"{self.folder.root / name}: {exc.strerror or exc}"


class _Outcomes(Mapping[str, tuple[str, dict[str, Any]]]):
    """Each record's (cleaned text, scrapegate block) until its pack's cleaned copy is written: on disk
    (the run's spill), so a pack of a million records is not held in memory."""

    def __init__(self, spill: Spill) -> None:
        self._spill = spill
        self._at: dict[str, int] = {}

    def __setitem__(self, key: str, value: tuple[str, dict[str, Any]]) -> None:
        self._at[key] = self._spill.put(value)

    def __getitem__(self, key: str) -> tuple[str, dict[str, Any]]:
        return self._spill.get(self._at[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)


def _write_summary(folder: OutputFolder, summary: dict[str, Any]) -> None:
    """summary.json, the bytes of ``dumps(summary)`` encoded and written a piece at a time (its
    per-document list holds every document of the batch: encoded whole, it cost the main process
    about 1 KB per document at the end of the run; a :class:`PerDocument` is copied from its file),
    under a temporary name renamed into place when complete. A failed write (a full device) names the
    summary's path, as a report's does."""
    try:
        _write_summary_pieces(folder, summary)
    except OutputError:
        raise
    except OSError as exc:
        if exc.filename is not None:
            raise
        raise OSError(exc.errno, exc.strerror, str(folder.root / SUMMARY_NAME)) from None


def _write_summary_pieces(folder: OutputFolder, summary: dict[str, Any]) -> None:
    try:
        with folder.open(SUMMARY_NAME) as handle:
            buffered: list[bytes] = []
            size = 0
            for piece in indented_pieces(summary):
                buffered.append(piece.encode("utf-8"))
                size += len(buffered[-1])
                if size >= 1 << 20:
                    handle.write(b"".join(buffered))
                    buffered, size = [], 0
            handle.write(b"".join(buffered) + b"\n")
    except ValueError:  # a value only json.dumps encodes (a plugin's): the whole text at once
        folder.write(SUMMARY_NAME, dumps({k: list(v) if isinstance(v, PerDocument) else v
                                          for k, v in summary.items()}))


def _write_clean_packs(outcomes: dict[str, _Outcomes], pack_keys: dict[str, str],
                       folder: OutputFolder, names: dict[str, str], fields: FieldMap,
                       errors: list[InputError]) -> None:
    """Each pack's cleaned copy in its own format, every original field kept (see pipeline_outputs)."""
    for source, outcome in sorted(outcomes.items()):
        if source == STDIN:  # standard input cannot be read twice: rebuild the records
            rows = [{fields.id: key.split("/", 1)[1], fields.text: text, "scrapegate": block}
                    for key, (text, block) in outcome.items()]
            write = lambda: write_attributes(folder, names[source], rows)  # noqa: E731
        else:
            write = lambda: write_clean_pack(source, pack_keys[source], folder, names[source],  # noqa: E731
                                             fields, outcome)
        try:
            write()
        except OSError as exc:
            problem = str(exc) if isinstance(exc, OutputError) else exc.strerror or str(exc)
            errors.append(InputError(source, f"cleaned pack not written: {problem}", pack_keys[source]))


@dataclass
class _ReportJob:
    """What the report phase's workers need: set in the main process before they fork, so it is
    inherited, never pickled (the results are read from the run's spills by each worker)."""

    results: ResultStore
    per_file_ignores: dict[str, list[str]]
    config_dir: Path | None
    threshold: str
    out: OutputFolder
    names: Mapping[str, str]
    keep_reports: bool
    lines: bool
    """JSONL reports: send each report's line back (the main process appends it to its shard's file)."""
    summarized: frozenset[str] = field(default_factory=summarized_categories)


class _Reported(NamedTuple):
    """A report done by a worker: what the main process keeps or tallies of it."""

    key: str
    path: str
    report: dict[str, Any]
    """The report (``keep_reports``), else its status and summary."""
    counts: Counter[tuple[str, str, str]]
    """:func:`~scrapegate.checks.reports.finding_counts` of the reported findings the document's rules
    found (the batch rules' are ``batch_kept``)."""
    summarized: list[Finding]
    """Those of them the summary needs whole (:func:`~scrapegate.checks.reports.summarized_categories`):
    sending every finding back only to be counted was most of what the report phase's pipe carried."""
    batch_kept: tuple[int, ...]
    """Which of the result's batch findings (``ResultStore.pending``) are reported, in order."""
    crashes: list[RuleCrash]
    changed: DocumentResult | None
    """The result as reported, when per-file ignores changed its findings."""
    write_error: InputError | None
    line: bytes | None


_reporting: _ReportJob | None = None


def _init_reporting(job: _ReportJob) -> None:
    global _reporting
    _reporting = job


def _report_in_worker(position: int, job: _ReportJob | None = None, lost: str | None = None) -> _Reported:
    """One document's report, built and written (per-file JSON) in a worker: what the report phase
    of :func:`check_paths` does in the main process without a baseline or --write-clean. ``lost``:
    how the workers failed on it (:class:`Lost`); the main process then writes a report without
    its findings (whatever killed the workers may be in them) and with a ``worker`` crash."""
    job = job or _reporting
    if job is None:
        raise RuntimeError("internal error: a report worker started without its job")
    result = job.results[position]
    key = result.document.key
    as_stored = result.findings
    batch = {id(f): n for n, f in enumerate(job.results.pending(position))}
    apply_per_file_ignores(result, job.per_file_ignores, job.config_dir)
    if lost is not None:
        result.findings = []
        result.crashes = [*result.crashes, RuleCrash(WORKER, f"report not built: {lost} (all findings left out)")]
    report, encoded = _built_report(result, job.threshold, None, json_line if job.lines else _indented)
    errors: list[InputError] = []
    line = None
    if job.lines:
        line = encoded
    else:
        _write(job.out, job.names[key], result.document.path, errors, "report",
               lambda handle: handle.write(encoded), key=key)
    kept = report if job.keep_reports else {"status": report["status"], "summary": report["summary"]}
    own = [f for f in result.findings if id(f) not in batch]
    return _Reported(key, result.document.path, kept, finding_counts(own),
                     [f for f in own if f.category in job.summarized],
                     tuple(batch[id(f)] for f in result.findings if id(f) in batch), result.crashes,
                     result if result.findings is not as_stored else None, errors[0] if errors else None, line)


def _indented(report: dict[str, Any]) -> bytes:
    return dumps(report).encode("utf-8")


def _built_report(result: DocumentResult, threshold: str, removed: list[dict[str, Any]] | None,
                  encode: Callable[[dict[str, Any]], bytes] | None) -> tuple[dict[str, Any], bytes]:
    """The document's report and its bytes (``encode``: none without a report folder). A report that
    cannot be built or encoded (a plugin's details JSON refuses) is a crash of its document, as a
    rule's is: the findings that cannot be encoded are left out (all, if that is not enough), the
    crash is recorded in the report, and the run goes on."""
    def attempt() -> tuple[dict[str, Any], bytes]:
        report = build_report(result, threshold, removed)
        return report, encode(report) if encode else b""

    try:
        return attempt()
    except Exception as exc:
        problem = f"report not built: {type(exc).__name__}: {exc}"
    crashes = result.crashes
    left_out = sorted({f.code for f in result.findings if not _encodes(f)})
    if left_out:
        result.findings = [f for f in result.findings if _encodes(f)]
        result.crashes = [*crashes, RuleCrash("report", f"{problem} (findings of {', '.join(left_out)} left out)")]
        try:
            return attempt()
        except Exception:
            pass
    result.findings = []
    result.crashes = [*crashes, RuleCrash("report", f"{problem} (all findings left out)")]
    return attempt()


def _encodes(finding: Finding) -> bool:
    try:
        json_line(finding.to_json())
    except Exception:
        return False
    return True


def _report_inputs(result: DocumentResult, ctx: BatchContext, known_baseline: Baseline | None, clean: bool,
                   removable: set[str],
                   packed: bool) -> tuple[str, list[dict[str, Any]] | None]:
    """What the report phase needs the document's text for: baselined findings are dropped, and with
    --write-clean the cleaned text (an HTML page as its main text) and what was removed. Raises
    InputError when the document can no longer be read as it was checked."""
    doc = result.document
    if known_baseline is not None and result.findings:  # (its identity can cost a describe)
        result.findings = known_baseline.suppress(doc.key, doc.text, result_identity(result, ctx), result.findings)
    if not clean:
        return "", None
    text, removed = cleaned(doc.text, result.findings, removable)
    from scrapegate.checks import html  # selectolax, only when cleaned texts are written

    if not packed and html.is_html(doc):
        # An HTML page is written as its main text, one paragraph a line, not as HTML with holes.
        text = html.render(doc, [(r["start"], r["end"]) for r in removed])
    return text, removed


def _write_attributes(run: BatchRun, items: Sequence[InputFile], folder: OutputFolder, fields: FieldMap) -> None:
    """Dolma-style attribute files, one per input shard, line-aligned with it (see pipeline_outputs)."""
    found = {r.document.key: attribute_spans(r.document.chars, r.findings) for r in run.results}
    packed = {i.key for i in items if i.pack is not None}
    shards: list[tuple[str, str, Callable[[], Any]]] = []
    plain = [{"id": key, "attributes": found[key]} for key in sorted(found) if key not in packed]
    if plain:
        shards.append(("documents", attributes_name(None), lambda: plain))
    for source, pack_key in sorted({(i.pack, i.pack_key) for i in items if i.pack is not None}):
        if source == STDIN:
            lines = [{"id": k.split("/", 1)[1], "attributes": found[k]}
                     for k in sorted(found) if k.startswith(f"{pack_key}/")]
            shards.append((source, attributes_name(pack_key), partial(list, lines)))
        else:
            shards.append((source, attributes_name(pack_key),
                           partial(pack_attribute_lines, source, cast(str, pack_key), fields, found)))
    names = assign_names({source: name for source, name, _ in shards})  # two packs may share a name
    for source, name, produce in shards:
        try:
            write_attributes(folder, names[source], produce())
        except OSError as exc:
            problem = str(exc) if isinstance(exc, OutputError) else exc.strerror or str(exc)
            run.input_errors.append(InputError(source, f"attributes not written: {problem}", name))


__all__ = ["check_paths", "check_texts", "CheckResult", "UsageError", "InputError"]
