"""scrapegate's built-in rule families, one package per family (``scrapegate.rules.<family>``).

Each family package declares its :class:`~scrapegate.checks.registry.Family` as ``FAMILY``; the
registry lists them in :data:`scrapegate.checks.registry.BUILTIN_FAMILIES`. Shared document analysis
lives beside them: :mod:`scrapegate.rules.segmentation` (chrome/body split, title, source URL) and
:mod:`scrapegate.rules.data` (data files).
"""

if __name__ != "scrapegate.rules":
    raise ImportError(
        "the 'rules' folder is installed as 'scrapegate.rules'; "
        "import scrapegate.rules (after `pip install .`), not the bare folder"
    )
