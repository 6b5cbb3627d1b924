"""The train/dev spam generator shares no word with the test split's held-out generator, and its two
pools share no word with each other: a dev figure on it is a figure on vocabulary training never saw."""

import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
sys.path.insert(0, str(SCRIPTS))

import spam_novel as sn  # noqa: E402

_POOLED = [sn.OPERATORS, sn.PREFIXES, sn.VENUES, sn.GAMES, sn.ACTIONS, sn.PROMOS, sn.ESCORT, sn.LOANS,
           sn.CRYPTO, sn.LOTTERY, sn.CONTACT_LABELS, sn.LIST_SUFFIXES, sn.GAME_SUFFIXES]


def test_pools_share_no_word() -> None:
    for family in _POOLED:
        assert set(sn.POOLS) == set(family)
        shared = set(family["train"]) & set(family["dev"]) - {""}
        assert not shared, shared


def test_no_word_of_the_held_out_generator() -> None:
    held_out = (SCRIPTS / "spam_heldout.py").read_text(encoding="utf-8")
    words = {w for family in _POOLED for pool in sn.POOLS for w in family[pool] if len(w) >= 2}
    assert words
    assert not [w for w in words if w in held_out]


def test_generated_runs_use_their_pool_only() -> None:
    import random
    rng = random.Random(1)
    train_only = {w for family in _POOLED for w in family["train"] if len(w) >= 2} - {
        w for family in _POOLED for w in family["dev"]}
    for _ in range(300):
        _, run = sn.place(rng, "dev")
        assert not [w for w in train_only if w in run], run
