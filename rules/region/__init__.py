"""Region (RG…): the administrative unit a document is about versus what its manifest, title, URL or batch claim."""

from scrapegate.checks.registry import Family
from scrapegate.rules.region.hooks import check_arguments, describe
from scrapegate.rules.region.inference import prepare_group
from scrapegate.rules.region.rules import RULES, ContradictionOptions

FAMILY = Family(
    name="region",
    category="region",
    prefix="RG",
    rules=tuple(RULES),
    settings=ContradictionOptions,
    prepare=prepare_group,
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
    details_schema={"required": ["declared", "inferred"], "properties": {
        "declared": {"type": ["string", "null"],
                     "description": "The province of the declared region (several joined by |, 河南省|湖北省|湖南省, "
                                    "when the claim spans them: a URL saying 华中), or null."},
        "inferred": {"type": ["string", "null"],
                     "description": "The province the body is about, or null when it cannot be told."},
        "declared_region": {"type": "string", "x-rules": ["RG001", "RG002", "RG003"],
                            "description": "The declared unit in full (湖北省宜昌市猇亭区), or the claim as given."},
        "inferred_region": {"type": "string", "x-rules": ["RG001", "RG002", "RG003"],
                            "description": "The unit the body is about, in full (江苏省无锡市新吴区)."},
        "inferred_adcode": {"type": "string", "x-rules": ["RG001", "RG002", "RG003"],
                            "description": "Its six-digit administrative code."},
        "confidence": {"type": "number", "minimum": 0, "maximum": 1, "x-rules": ["RG001", "RG002", "RG003", "RG004"],
                       "description": "The calibrated probability that the body is about the inferred unit "
                                      "(document.region.inferred.confidence)."},
        "probability": {"type": "number", "minimum": 0, "maximum": 1, "x-rules": ["RG001", "RG002", "RG003"],
                        "description": "The second model's probability that the declaration is wrong (high enough, "
                                       "the finding is an error rather than a warning)."},
        "source": {"enum": ["manifest", "expect-region", "title", "url"],
                   "x-rules": ["RG001", "RG002", "RG003", "RG006"],
                   "description": "Where the declaration comes from."},
        "declared_span": {"type": "object", "x-rules": ["RG002", "RG003"],
                          "description": "{start, end}: where the declaring title or URL stands in the text."},
        "batch_province": {"type": "string", "x-rules": ["RG004"],
                           "description": "The province most documents of the batch are about."},
        "batch_share": {"type": "number", "x-rules": ["RG004"],
                        "description": "The share of the batch's confidently placed documents about it."},
        "province_shares": {"type": "object", "x-rules": ["RG005"],
                            "description": "Each province named in the body, with its share of the evidence: "
                                           "too weak or too spread to name one unit."},
        "value": {"type": "string", "x-rules": ["RG006"], "description": "The declared region as written."},
    }},
    describe=describe,
    check_arguments=check_arguments,
)

__all__ = ["FAMILY", "RULES"]
