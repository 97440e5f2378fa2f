"""Counterexample search (:func:`verify.search.find_counterexample`, :func:`verify.checks.for_all`).

A found counterexample must be *minimal*, since the report shows it as the reason a claim fails:
on propositions whose least counterexample is known, the search must return exactly that one.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from gantheory.strategies import probability_vectors
from verify.checks import for_all
from verify.context import PROFILES, Context
from verify.search import find_counterexample

CTX = Context(profile=PROFILES["quick"])


def test_the_least_integer_counterexample_is_found() -> None:
    search = find_counterexample(st.integers(0, 10**6), lambda x: x < 37, CTX)
    assert search.found and search.counterexample == 37


def test_a_list_counterexample_shrinks_to_one_element() -> None:
    search = find_counterexample(st.lists(st.integers(0, 100)), lambda xs: sum(xs) < 10, CTX)
    assert search.counterexample == [10]


def test_a_pmf_counterexample_shrinks_to_the_smallest_failing_support() -> None:
    search = find_counterexample(probability_vectors(min_size=2, max_size=8), lambda p: p.size < 5, CTX)
    assert search.found and search.counterexample.size == 5


def test_without_shrinking_the_first_counterexample_is_returned_and_still_fails() -> None:
    search = find_counterexample(st.integers(0, 10**6), lambda x: x < 37, replace(CTX, shrink=False))
    assert search.found and search.counterexample >= 37


def test_a_proposition_that_always_fails_counts_one_example() -> None:
    search = find_counterexample(st.integers(), lambda x: False, CTX)
    assert (search.examples, search.found) == (1, True)


def test_a_proposition_that_holds_tries_the_profiles_examples_and_finds_none() -> None:
    search = find_counterexample(st.floats(0, 1), lambda x: 0 <= x <= 1, CTX)
    assert search.counterexample is None and not search.found
    assert search.examples == CTX.profile.max_examples


def test_the_search_is_reproducible() -> None:
    def holds(x: float) -> bool:
        return x < 0.999

    first = find_counterexample(st.floats(0, 1), holds, replace(CTX, shrink=False))
    second = find_counterexample(st.floats(0, 1), holds, replace(CTX, shrink=False))
    assert (first.counterexample, first.examples) == (second.counterexample, second.examples)


def test_for_all_tries_explicit_examples_first_and_reports_which() -> None:
    test = for_all(st.integers(0, 10), lambda bound, x: x < bound, inputs="integers", examples=(1, 50, 2))
    outcome = test(20, CTX)
    assert outcome.holds is False
    assert outcome.summary == "counterexample: explicit example 2 of 3"
    assert outcome.counterexample == {"input": 50}


def test_for_all_reports_a_shrunk_counterexample_from_the_search() -> None:
    outcome = for_all(st.integers(0, 10**6), lambda bound, x: x < bound, inputs="integers")(37, CTX)
    assert outcome.holds is False and outcome.counterexample == {"input": 37}
    assert "shrunk by Hypothesis" in outcome.summary


def test_for_all_passes_with_the_number_of_examples_tried() -> None:
    outcome = for_all(st.integers(0, 10), lambda bound, x: x <= bound, inputs="integers", examples=(3,))(10, CTX)
    assert outcome.holds is True and outcome.measurements["examples"] >= 2
