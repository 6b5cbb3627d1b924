"""The Ray engine: the runner's passes on Ray Data, for batches that outgrow one machine.

``scrapegate check --engine ray [--ray-address ADDR]`` runs the same two passes as the local engine
(:func:`scrapegate.checks.runner.run_batch`), only each pass's map goes through Ray Data instead of a
local process pool: pass 1 (read, decode, line fingerprints) is a ``map_batches`` over the inputs; the
batch context and the batch rules are reduced in the driver from what pass 1 sends back, in input order;
pass 2 (every rule on every document) is a second ``map_batches`` whose actors receive the rules and the
context once each. The engine knows nothing of the rule families: it runs whatever functions the runner
hands it, so its reports are byte for byte those of the local engine.

Ray is started locally (a Ray of its own, stopped at the end) unless an address is given (``auto``
for the cluster ``ray start`` runs on this machine, ``host:6379``, ``ray://host:10001``, as
``ray.init`` takes it; or the ``RAY_ADDRESS`` environment variable); a cluster it joins is left
running. On a cluster, every node needs
scrapegate installed and the input files at the same path (shared storage), or the inputs given as
fsspec URLs; the reports are written by the driver.

Example (local Ray with two CPUs, reports identical to ``--engine local``)::

    from scrapegate.checks import check_paths
    result = check_paths(["seeds/"], engine="ray", write_reports=False)
"""

from __future__ import annotations

import logging
import os
import pickle
from typing import Any, Callable, Iterator, Sequence

from scrapegate.checks.errors import UsageError
from scrapegate.checks.progress import progress

ENGINES = ("local", "ray")
INSTALL_HINT = "--engine ray needs Ray Data: pip install 'scrapegate[ray]'"


def _ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401 - Ray core alone cannot run the passes
    except ImportError as exc:
        raise UsageError(f"{INSTALL_HINT} ({exc})") from None
    return ray


class RayMapper:
    """A :data:`scrapegate.checks.runner.Mapper` on Ray Data: ``mapper(fn, items, jobs, label,
    initializer, initargs)`` yields ``fn(item)`` for every item in input order. Items and results
    travel pickled (they are the runner's own objects, not table rows), :attr:`window` items at a
    time; ``jobs`` caps the number of actors (default: the cluster's CPUs)."""

    window = 8192
    """Items a pass sends to Ray at a time (pickled in the driver, then in the object store): the
    driver holds one window of them, not the whole batch; each window starts the pass's actors
    again (its initializer runs once per actor per window)."""

    def __init__(self, address: str | None = None, jobs: int | None = None) -> None:
        ray = _ray()
        self.started = False
        if not ray.is_initialized():
            # "local": a Ray of our own, never one that `ray start` left running on this machine
            # (Ray would join that by default); a cluster only when named.
            target = address or os.environ.get("RAY_ADDRESS") or "local"
            try:
                ray.init(address=target, num_cpus=jobs if target == "local" else None,
                         include_dashboard=False, log_to_driver=False, configure_logging=False)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                where = "" if target == "local" else f" at {target}"
                raise UsageError(f"--engine ray: cannot start or reach Ray{where}: {exc}") from None
            self.started = True
        logging.getLogger("ray.data").setLevel(logging.ERROR)  # no execution plans or tuning hints on stderr
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True  # results come back in input order
        context.enable_progress_bars = False  # scrapegate's own progress bar reports the pass
        self.jobs = jobs

    def workers(self) -> int:
        ray = _ray()
        cpus = int(ray.cluster_resources().get("CPU", 1)) or 1
        return max(1, min(self.jobs, cpus) if self.jobs else cpus)

    def __call__(self, fn: Callable[[Any], Any], items: Sequence[Any], jobs: int, label: str,
                 initializer: Callable[..., None] | None = None, initargs: tuple = (),
                 warm_with: Any = None) -> Iterator[Any]:
        """``warm_with`` is ignored: Ray's actors do not fork from the driver."""
        ray = _ray()
        if not items:
            return
        bar = progress(label, len(items))
        workers = self.workers()
        batch = max(1, min(64, len(items) // (workers * 8)))
        shared = ray.put(initargs)  # once in the object store, read by every actor of the pass
        expected = 0
        try:
            for start in range(0, len(items), self.window):
                # A window of items at a time: the driver never holds every item pickled at once.
                rows = [{"i": i, "job": pickle.dumps(items[i], protocol=pickle.HIGHEST_PROTOCOL)}
                        for i in range(start, min(start + self.window, len(items)))]
                dataset = ray.data.from_items(rows, override_num_blocks=max(1, min(len(rows) // batch,
                                                                                     workers * 16)))
                del rows
                mapped = dataset.map_batches(_Pass, fn_constructor_args=(fn, initializer, [shared]),
                                             batch_size=batch, batch_format="numpy",
                                             compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1)
                for row in mapped.iter_rows():
                    if int(row["i"]) != expected:  # preserve_order is what makes reports identical
                        raise RuntimeError(f"Ray returned item {row['i']} where {expected} was due")
                    expected += 1
                    yield pickle.loads(row["out"])
                    bar.update(1)
        finally:
            bar.close()
        if expected != len(items):
            raise RuntimeError(f"Ray returned {expected} of {len(items)} results")

    def close(self) -> None:
        if self.started:
            _ray().shutdown()
            self.started = False


class _Pass:
    """One actor of a pass: the pass's initializer once (the rules and the batch context arrive once
    per actor, not per document), then ``fn`` on each item of each batch (its grouped version on the
    batch where the runner has one: pass 2 analyses a batch's documents rule by rule)."""

    def __init__(self, fn: Callable[[Any], Any], initializer: Callable[..., None] | None,
                 shared: list[Any]) -> None:
        self.fn = fn
        if initializer is not None:
            initializer(*_ray().get(shared[0]))  # a reference in a list: Ray leaves it for us to get

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        from scrapegate.checks.runner import run_items  # the engine's grouped pass 2, as the local mapper runs it

        results = run_items(self.fn, [pickle.loads(job) for job in batch["job"]])
        out = np.empty(len(results), dtype=object)
        for n, result in enumerate(results):
            out[n] = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        return {"i": batch["i"], "out": out}


def check_engine(engine: str, ray_address: str | None) -> None:
    if engine not in ENGINES:
        raise UsageError(f"--engine must be one of {', '.join(ENGINES)}, got {engine!r}")
    if ray_address is not None and engine != "ray":
        raise UsageError("--ray-address needs --engine ray")
