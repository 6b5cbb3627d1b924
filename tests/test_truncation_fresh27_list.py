"""The session-27 list of whole numbered rules (bench/corpora/truncation_fresh27.jsonl, TRUNCATION_FRESH27.md) holds
together on a clone without its texts: each row carries the id, split and labels the builder derives
(scripts/build_truncation_fresh27.py), every publisher sits in one split, and no publisher is one an earlier
truncation list names, so its test part is publishers nobody tuned on."""

from __future__ import annotations

import doctest
import hashlib

import pytest
from script_loader import CORPORA, corpus_rows, load_script

NAME = "truncation_fresh27.jsonl"


@pytest.fixture(scope="module")
def builder():
    return load_script("build_truncation_fresh27")


def test_builder_examples_hold(builder) -> None:
    assert doctest.testmod(builder).failed == 0


def test_rows_carry_the_builders_id_split_and_labels(builder) -> None:
    rows = corpus_rows(NAME)
    real = [r for r in rows if r["origin"] == "real"]
    assert real and {r["split"] for r in real} == {"train", "dev", "test"}
    for row in real:
        assert row["id"] == "fresh27-" + hashlib.sha256(row["url"].encode()).hexdigest()[:10]
        assert row["split"] == builder.split_of(row["publisher"]) and row["site"] == row["publisher"]
        assert row["kind"] == "complete" and row["ending"] in ("ordinary-article", "closing")
        assert row["numbering"] in ("article", "list") and row["query"]
    assert len({r["url"] for r in real}) == len(real)
    for row in rows:
        assert row["parent"] in {r["id"] for r in real} and row["split"] == builder.split_of(row["publisher"])


def test_publishers_are_new_and_each_in_one_split(builder) -> None:
    earlier = [p for p in sorted(CORPORA.glob("truncation*.jsonl")) if p.name != NAME]
    domains, hosts = builder.listed_domains(earlier), builder.named_hosts(earlier)
    rows = corpus_rows(NAME)
    assert not [r["publisher"] for r in rows if builder.taken(r["publisher"], domains, hosts)]
    splits: dict[str, set[str]] = {}
    for r in rows:
        splits.setdefault(r["publisher"], set()).add(r["split"])
    assert all(len(s) == 1 for s in splits.values())
