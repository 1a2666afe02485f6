"""Sentence splitting keeps offsets and does not break on abbreviations or decimals."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from frontlines.extract.sentences import split_sentences


def test_offsets_point_back_into_the_text() -> None:
    text = "Fighting began on Sunday. By Monday the district had fallen.\n\nPolice said so."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Fighting began on Sunday.",
        "By Monday the district had fallen.",
        "Police said so.",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text
    assert [s.paragraph for s in sentences] == [0, 0, 1]


def test_abbreviations_initials_and_decimals_do_not_split() -> None:
    text = "Lt. Gen. Sami Sadat met U.S. officials on Jan. 5 near a road 0.6 miles long. He left."
    sentences = split_sentences(text)
    assert len(sentences) == 2
    assert sentences[0].text.endswith("long.")


def test_quoted_sentence_ends_after_the_closing_quote() -> None:
    text = (
        "\u201cWe were very scared,\u201d he said. \u201cThey came at night.\u201d Then they left."
    )
    sentences = split_sentences(text)
    assert sentences[1].text == "\u201cThey came at night.\u201d"


def test_a_short_heading_line_is_its_own_sentence_but_a_hard_wrap_is_not() -> None:
    text = (
        "KABUL, Afghanistan (Jan. 25, 2013)\nDuring an operation in Andar district,\n"
        "Ghazni province, a force detained two men."
    )
    sentences = split_sentences(text)
    assert sentences[0].text == "KABUL, Afghanistan (Jan. 25, 2013)"
    assert sentences[1].text.startswith("During") and sentences[1].text.endswith("two men.")


@given(st.text(max_size=400))
def test_any_text_splits_into_spans_of_itself(text: str) -> None:
    last_end = 0
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
        assert s.start >= last_end and s.text.strip() == s.text and s.text
        last_end = s.end
