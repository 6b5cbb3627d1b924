"""scrapegate's built-in rule families, one module per family.

The registry of built-in rules is :data:`scrapegate.checks.registry.BUILTIN_RULE_MODULES`; third-party
rules register through the ``scrapegate.rules.v1`` entry-point group.
"""

if __name__ != "scrapegate.rules":
    raise ImportError(
        "the 'rules' folder is installed as 'scrapegate.rules'; "
        "import scrapegate.rules (after `pip install .`), not the bare folder"
    )
