"""Region (RG…): the administrative unit a document is about versus what its manifest, title, URL or batch claim."""

from scrapegate.checks.registry import Family
from scrapegate.rules.region.hooks import check_arguments, describe
from scrapegate.rules.region.rules import RULES, ContradictionOptions

FAMILY = Family(
    name="region",
    category="region",
    prefix="RG",
    rules=tuple(RULES),
    settings=ContradictionOptions,
    document_defaults={"region": {"declared": None, "inferred": None}},
    document_schema={"region": {
        "type": "object", "required": ["declared", "inferred"],
        "properties": {
            "declared": {
                "type": ["object", "null"], "required": ["name", "province", "adcode", "source"],
                "properties": {"name": {"type": "string"}, "province": {"type": ["string", "null"]},
                               "adcode": {"type": ["string", "null"], "pattern": "^\\d{6}$"},
                               "source": {"enum": ["manifest", "expect-region", "title", "url"]}}},
            "inferred": {
                "type": ["object", "null"], "required": ["name", "province", "adcode", "confidence"],
                "properties": {"name": {"type": "string"}, "province": {"type": ["string", "null"]},
                               "adcode": {"type": ["string", "null"], "pattern": "^\\d{6}$"},
                               "confidence": {"type": "number", "minimum": 0, "maximum": 1}}},
        }}},
    details_schema={"required": ["declared", "inferred"]},
    describe=describe,
    check_arguments=check_arguments,
)

__all__ = ["FAMILY", "RULES"]
