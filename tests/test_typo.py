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


@settings(max_examples=200)
@given(st.lists(_WORDS, min_size=1, max_size=30), _WORDS, st.integers(1, 2), st.integers(0, 2))
def test_a_shallower_query_finds_every_key_its_insertions_reach(
    keys: list[str], query: str, budget: int, depth: int
) -> None:
    """With ``depth``, a key is found when reaching it deletes at most ``depth`` letters of the
    query: an alignment deletes one for each letter it drops, changes or swaps, none for a
    letter it inserts, so a key n letters longer costs n fewer."""
    index = TypoIndex(keys)
    full = index.within(query, budget)
    got = index.within(query, budget, depth=depth)
    assert set(got) <= set(full)
    for key, distance in full:
        if distance - max(0, len(key) - len(query)) <= depth:
            assert (key, distance) in got


def test_fuzzy_text_words_find_what_the_full_lookup_finds() -> None:
    """annotate()'s fuzzy words ask the typo index for less (a shallower query, no look-up for
    a short word no name word shares edges with) and must find the same name words."""
    import random

    from toponyms import default_gazetteer
    from toponyms.annotate.fuzzy import _FuzzyWords
    from toponyms.policy import edits, keeps_edges

    annotator = default_gazetteer()._compiled()
    fuzzy = next(v for v in vars(annotator).values() if isinstance(v, _FuzzyWords))
    words = sorted(fuzzy._names_with)
    rng = random.Random(7)
    queries = set()
    for word in words:
        i = rng.randrange(len(word))
        letter = rng.choice("aeiouktnsrлк")
        queries.update(
            [
                word[:i] + word[i + 1 :],
                word[:i] + letter + word[i:],
                word[:i] + letter + word[i + 1 :],
            ]
        )
    # a word of another place's name (Egypt's Gharbiyah governorate) is that place, no typo
    queries = {
        q
        for q in queries
        if len(q) >= 5 and q not in fuzzy._names_with and q not in fuzzy._other_places
    }
    assert len(queries) > 1000
    for query in sorted(queries):
        full = {
            word
            for word, distance in fuzzy._typo.within(query, 2 if len(query) >= 8 else 1)
            if word in fuzzy._names_with
            and distance <= edits("text-word", len(word))
            and keeps_edges("text-word", query, word)
        }
        assert full <= fuzzy._near_uncached(query), query


def test_the_index_pickles_with_every_protocol() -> None:
    index = TypoIndex(["kunashir", "shikotan", "etorofu", "habomai"])
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        again = pickle.loads(pickle.dumps(index, protocol=protocol))
        assert again.within("kunashri", 2) == [("kunashir", 1)]
        assert again.keys == index.keys
