"""scrapegate's engine: loading, decoding, config, the rule runner, the gate, reports and the CLI.

The public Python entry point is :func:`scrapegate.checks.api.check_paths`, re-exported here.
"""

if __name__ != "scrapegate.checks":
    raise ImportError(
        "the 'checks' folder is installed as 'scrapegate.checks'; "
        "import scrapegate.checks (after `pip install .`), not the bare folder"
    )

__version__ = "0.1.0"


def __getattr__(name: str):
    # Lazy so that `import scrapegate.checks.findings` in a worker does not import the whole engine.
    if name in ("check_paths", "CheckResult"):
        from scrapegate.checks import api

        return getattr(api, name)
    raise AttributeError(name)
