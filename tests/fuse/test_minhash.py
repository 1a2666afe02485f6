"""MinHash signatures: wire copies are near, different stories are far."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from frontlines import settings
from frontlines.fuse.minhash import band_keys, content_hash, jaccard, normalise_text, signature

STORY = (
    "Taliban fighters captured the district centre of Imam Sahib in northern Kunduz province "
    "on Monday after two days of heavy fighting with government forces, a provincial police "
    "spokesman said. The insurgents seized the police headquarters and the governor's office, "
    "and residents said hundreds of families had fled toward the provincial capital. A Taliban "
    "spokesman said the group's fighters had taken control of the whole district and called on "
    "soldiers to surrender. The defence ministry said reinforcements had been sent to the area "
    "and that an operation to retake the district would begin soon."
)
COPY = (
    STORY.replace("on Monday", "on Monday morning").replace("hundreds of families", "many families")
    + " Reporting by our correspondent."
)
OTHER = (
    "Flooding in the eastern provinces destroyed crops and washed away several bridges on the "
    "highway to the border crossing, the disaster management authority said on Tuesday, adding "
    "that relief convoys were delayed by landslides and that dozens of homes had collapsed."
)


def test_small_edits_keep_a_wire_copy_above_the_threshold() -> None:
    assert jaccard(signature(STORY), signature(COPY)) >= settings.WIRE_COPY_JACCARD


def test_a_different_story_is_far() -> None:
    assert jaccard(signature(STORY), signature(OTHER)) < 0.2


def test_a_copy_shares_at_least_one_band() -> None:
    assert set(band_keys(signature(STORY))) & set(band_keys(signature(COPY)))


def test_hash_ignores_case_and_spacing_but_not_words() -> None:
    assert content_hash(STORY) == content_hash("  " + STORY.upper().replace(" ", "\n  "))
    assert content_hash(STORY) != content_hash(COPY)


@given(st.text(max_size=300))
def test_normalising_is_idempotent(text: str) -> None:
    assert normalise_text(normalise_text(text)) == normalise_text(text)


@given(st.text(max_size=200), st.text(max_size=200))
def test_jaccard_is_symmetric_and_bounded(a: str, b: str) -> None:
    sa, sb = signature(a), signature(b)
    assert 0.0 <= jaccard(sa, sb) == jaccard(sb, sa) <= 1.0
    assert jaccard(sa, sa) == 1.0
    assert len(band_keys(sa)) == settings.MINHASH_BANDS
