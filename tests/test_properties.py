"""Properties of the extractor on any text (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tipcheck.figures import extract

# Text built from the pieces figures are made of, so that examples hit the patterns.
PIECES = st.sampled_from(
    ["54", "13,216", "28.2", "percent", "%", "$", "manats", "May", "28", ",", "2009", "06.02.2014",
     "Tier 2", "third", "twenty-four", "one", "girl", "million", "(", ")", " of them", "-", "–",
     "\u00a0", "No.", "Decree", "in", "since", "over the past 12 years", "\n", "\n\n", " ", ".",
     "approximately", "more than", "years old", "times", "between", "and", "July 24,", "Article 7.5"]
)  # fmt: skip
TEXTS = st.one_of(st.text(max_size=200), st.lists(PIECES, max_size=40).map("".join))


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_every_span_is_its_quote(text: str) -> None:
    figures = extract.figures(text, published="2015")
    last_end = -1
    for fig in figures:
        assert 0 <= fig.start < fig.end <= len(text)
        assert text[fig.start : fig.end] == fig.quote
        assert fig.start >= last_end  # figures never overlap and come in text order
        last_end = fig.end
        if fig.part_of is not None:
            assert 0 <= fig.part_of < len(figures)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_numbers_read_back_in_any_supported_format(n: int) -> None:
    for written in (str(n), f"{n:,}", f"{n:,}".replace(",", "\u00a0")):
        figures = extract.figures(f"They counted {written} cases.")
        assert [(f.kind, f.value) for f in figures] == [("count", n)]
