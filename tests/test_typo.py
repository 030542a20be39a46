"""The typo index answers as a scan of every key would: same keys, same distances."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from toponyms.index.typo import TypoIndex, deletions
from toponyms.policy import index_depth

_WORDS = st.text(alphabet="abcdeiklmnorstuкнш", min_size=0, max_size=14)


def _frontier_deletions(word: str, budget: int) -> set[str]:
    found, frontier = {word}, {word}
    for _ in range(budget):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


@given(_WORDS, st.integers(0, 3))
def test_deletions_are_every_string_with_up_to_budget_letters_removed(
    word: str, budget: int
) -> None:
    assert deletions(word, budget) == _frontier_deletions(word, budget)


@settings(max_examples=200)
@given(st.lists(_WORDS, min_size=1, max_size=30), _WORDS, st.integers(0, 2))
def test_within_finds_what_a_scan_of_every_key_finds(
    keys: list[str], query: str, budget: int
) -> None:
    index = TypoIndex(keys)
    expected = sorted(
        (key, int(OSA.distance(query, key)))
        for key in set(keys)
        if key
        and OSA.distance(query, key) <= min(budget, index_depth(len(key)))
        and (budget > 0 or key == query)
    )
    got = index.within(query, budget)
    # a key is found within its own indexed depth: farther keys are no typo of the query
    assert sorted(k for k, d in got if d <= index_depth(len(k))) == [k for k, _ in expected]
    assert all(d == OSA.distance(query, k) and d <= budget for k, d in got)


def test_the_index_pickles_with_every_protocol() -> None:
    index = TypoIndex(["kunashir", "shikotan", "etorofu", "habomai"])
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(index, protocol=protocol))
        assert again.within("kunashri", 2) == [("kunashir", 1)]
        assert again.keys == index.keys
