"""Attribution: sources with roles and sides, surnames and pronouns, negation, hedges,
claims, denials and claim status.  The articles here are written for these tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines.extract.attribution import (
    Assessment,
    assess,
    attribute,
    claim_status,
    find_sources,
    is_negated,
)
from frontlines.records import CLAIM_STATUSES, Source

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO.parent / "shared" / "samples" / "imam-sahib-2021-06-21.txt"

ARTICLE = [
    "Taliban fighters overran the centre of Khwaja Ghar district on Tuesday, "
    "provincial police spokesman Abdul Karim Yousufzai said.",
    "Yousufzai said the attackers had not entered the provincial capital.",
    "He said two policemen were wounded in the fighting.",
    "Taliban spokesman Zabihullah Mujahid said the group had taken the district and its bazaar.",
    "Witnesses said the militants had burned the market, which, if true, would be a first.",
    "Ghulam Sakhi Noori, the district governor, said reinforcements were on their way.",
    "Noori said the road to the provincial capital was still open.",
]


def sources_of(sentences: list[str]) -> list[list[tuple[str, str | None, str | None]]]:
    return [[(s.name, s.role, s.side) for s in row] for row in attribute(sentences)]


def test_role_before_name() -> None:
    rows = sources_of(ARTICLE)
    assert rows[0] == [("Abdul Karim Yousufzai", "provincial police spokesman", "government")]


def test_surname_alone_resolves_to_the_full_name_and_role() -> None:
    rows = sources_of(ARTICLE)
    assert rows[1] == [("Abdul Karim Yousufzai", "provincial police spokesman", "government")]


def test_he_said_is_the_last_named_speaker() -> None:
    rows = sources_of(ARTICLE)
    assert rows[2] == [("Abdul Karim Yousufzai", "provincial police spokesman", "government")]
    # Without an earlier speaker there is nobody to point back to.
    assert attribute([ARTICLE[2]]) == [[]]


def test_taliban_spokesman() -> None:
    rows = sources_of(ARTICLE)
    assert rows[3] == [("Zabihullah Mujahid", "Taliban spokesman", "insurgent")]


def test_witnesses_are_an_independent_source() -> None:
    rows = sources_of(ARTICLE)
    assert rows[4] == [("Witnesses", None, "independent")]


def test_appositive_role_and_later_surname() -> None:
    rows = sources_of(ARTICLE)
    assert rows[5] == [("Ghulam Sakhi Noori", "district governor", "government")]
    assert rows[6] == rows[5]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The district fell on Sunday, said Qari Hamid Zaheer, a Taliban commander.",
            ("Qari Hamid Zaheer", "Taliban commander", "insurgent"),
        ),
        (
            "The base was abandoned, according to local officials.",
            ("local officials", None, "government"),
        ),
        (
            "The Taliban said in a statement that they had seized the border crossing.",
            ("Taliban", None, "insurgent"),
        ),
        (
            "The crossing was seized, according to a statement from the Taliban.",
            ("Taliban", None, "insurgent"),
        ),
        (
            "The Ministry of Defense said commandos had retaken the district.",
            ("Ministry of Defense", None, "government"),
        ),
        (
            "A senior army officer, speaking on condition of anonymity, said the outpost was lost.",
            ("senior army officer", None, "government"),
        ),
        (
            "Residents said the fighters had left the village by nightfall.",
            ("Residents", None, "independent"),
        ),
        (
            "Officials said the road was closed.",
            ("Officials", None, None),
        ),
        (
            "Pentagon press secretary Maria Delgado said the drawdown was on schedule.",
            ("Maria Delgado", "Pentagon press secretary", "international"),
        ),
    ],
)
def test_attribution_patterns(sentence: str, expected: tuple[str, str | None, str | None]) -> None:
    assert sources_of([sentence]) == [[expected]]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Coalition officials have confirmed the strike.",
            ("Coalition officials", None, "international"),
        ),
        ("NATO, in a statement, confirmed the strike.", ("NATO", None, "international")),
        (
            "The governor of Kunduz, Abdul Sattar Karimi, said the city was calm.",
            ("Abdul Sattar Karimi", "governor of Kunduz", "government"),
        ),
        (
            "The village was hit, said Gen. Daud Amini, army corps spokesman.",
            ("Daud Amini", "army corps spokesman", "government"),
        ),
        (
            "The district chief, who asked not to be named, said the police had fled.",
            ("district chief", None, "government"),
        ),
        (
            "The town fell, said a spokesman for the Taliban.",
            ("spokesman for the Taliban", None, "insurgent"),
        ),
        (
            "President Ashraf Ghani said the army would fight on.",
            ("Ashraf Ghani", "President", "government"),
        ),
        (
            "The base fell on Sunday, Lt. Col. Ahmad Zia, a commander, said.",
            ("Ahmad Zia", "commander", None),
        ),
        (
            "Hafiz Noorzai, who said he saw the attack, fled to the city.",
            ("Hafiz Noorzai", None, None),
        ),
    ],
)
def test_more_attribution_shapes(
    sentence: str, expected: tuple[str, str | None, str | None]
) -> None:
    assert sources_of([sentence]) == [[expected]]


@pytest.mark.parametrize(
    "sentence",
    [
        "Initial reports indicate that three fighters were killed.",
        "Intelligence reports led the patrol to the compound.",
        "The Taliban's claims could not be checked.",
        "The attack was said to have been planned for weeks.",
        "The base fell, said the police had fled.",
    ],
)
def test_no_speaker(sentence: str) -> None:
    assert attribute([sentence]) == [[]]


def test_passive_said_to_is_a_hedge_not_a_speaker() -> None:
    sentence = "Dozens of fighters are said to have joined the assault."
    assert attribute([sentence]) == [[]]
    assert assess(sentence).hedge == "are said to"


def test_they_points_back_to_the_body_named_before() -> None:
    (row,) = attribute(["The Taliban posted videos which they claim show surrendered soldiers."])
    assert [(s.name, s.side) for s in row] == [("Taliban", "insurgent")]


def test_find_sources_reads_context_for_surnames() -> None:
    context = " ".join(ARTICLE[:1])
    (source,) = find_sources("Yousufzai said the bazaar burned.", context)
    assert source.name == "Abdul Karim Yousufzai"
    assert find_sources("Yousufzai said the bazaar burned.") == [
        Source(name="Yousufzai", role=None, side=None)
    ]


# --- the reference article (read from ../shared; never copied) -----------------


def _sample_sentences() -> list[str]:
    if not SAMPLE.is_file():
        pytest.skip(f"reference article not found at {SAMPLE} (../shared is absent)")
    text = SAMPLE.read_text(encoding="utf-8")
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def test_reference_article_rahmani_with_role_then_by_surname() -> None:
    sentences = _sample_sentences()
    rows = attribute(sentences)
    rahmani = Source("Inamuddin Rahmani", "provincial police spokesman", "government")
    with_full_name = [i for i, s in enumerate(sentences) if "Inamuddin Rahmani said" in s]
    surname_only = [i for i, s in enumerate(sentences) if s.startswith("Rahmani said")]
    assert with_full_name and surname_only
    assert rahmani in rows[with_full_name[0]]
    assert rahmani in rows[surname_only[0]]


def test_reference_article_mujahed_and_witnesses() -> None:
    sentences = _sample_sentences()
    rows = attribute(sentences)
    (mujahed,) = [i for i, s in enumerate(sentences) if "Mujahed" in s]
    assert Source("Zabihullah Mujahed", "Taliban spokesman", "insurgent") in rows[mujahed]
    (doshi,) = [i for i, s in enumerate(sentences) if "Doshi" in s]
    assert [s.side for s in rows[doshi]] == ["independent"]
    assert claim_status(rows[doshi], assess(sentences[doshi]), "insurgent") == "unverified"


# --- assessment -----------------------------------------------------------------


def test_not_entered_is_negated() -> None:
    sentence = "The militants were two kilometres from the city but had not entered it, he said."
    a = assess(sentence)
    assert a.negated and a.negation_cue == "not entered" and a.negation_kind == "event"
    start = sentence.index("entered")
    assert is_negated(sentence, start, start + len("entered"))
    reached = sentence.index("were")
    assert not is_negated(sentence, reached, reached + 4)


@pytest.mark.parametrize(
    ("sentence", "trigger", "negated"),
    [
        ("The district did not fall to the Taliban.", "fall", True),
        ("The Taliban failed to capture the district centre.", "capture", True),
        ("No civilians were killed in the blast.", "killed", True),
        ("The attackers had not yet reached the gate.", "reached", True),
        ("Police had not arrested anyone, but the Taliban captured the town.", "captured", False),
        ("Police had not arrested anyone, but the Taliban captured the town.", "arrested", True),
        ("It is not clear whether the Taliban captured the town.", "captured", False),
        ("Soldiers repelled a Taliban attack on the checkpoint.", "attack", False),
        ("A Taliban attempt to overrun the base was repelled.", "overrun", True),
        ("The Taliban tried to take the town but were pushed back.", "take", True),
        ("The Taliban took the town after a week of fighting.", "took", False),
    ],
)
def test_negation_is_local_to_the_trigger(sentence: str, trigger: str, negated: bool) -> None:
    start = sentence.index(trigger)
    assert is_negated(sentence, start, start + len(trigger)) is negated


def test_negation_elsewhere_is_not_an_event_negation() -> None:
    a = assess("They haven't seen any changes in their lives, the commander said.")
    assert not a.negated


@pytest.mark.parametrize(
    "hedge",
    [
        "if true",
        "reportedly",
        "allegedly",
        "purportedly",
        "could not be independently verified",
        "unconfirmed",
        "it was not clear whether",
        "are said to",
        "rumours",
    ],
)
def test_hedges(hedge: str) -> None:
    sentences = {
        "if true": "The town fell, which, if true, opens the road.",
        "reportedly": "The Taliban reportedly took the town.",
        "allegedly": "Militia fighters allegedly looted shops.",
        "purportedly": "A video purportedly shows the surrender.",
        "could not be independently verified": ("The claim could not be independently verified."),
        "unconfirmed": "There were unconfirmed reports of a capture.",
        "it was not clear whether": "It was not clear whether the base had fallen.",
        "are said to": "Hundreds are said to have fled.",
        "rumours": "There were rumours that the governor had fled.",
    }
    found = assess(sentences[hedge]).hedge
    assert found is not None and found.lower() == hedge


def test_unclear_count_is_not_a_hedge_of_the_event() -> None:
    assert assess("It was not clear how many soldiers were killed.").hedge is None
    assert assess("Officials could not confirm how many died.").hedge is None


def test_confirmation_is_no_hedge_but_its_absence_is() -> None:
    assert assess("The capture has been confirmed by officials.").hedge is None
    assert assess("Police have not confirmed the capture.").hedge == "have not confirmed"
    sentence = "Police have not confirmed that the Taliban captured the town."
    start = sentence.index("captured")
    assert not is_negated(sentence, start, start + len("captured"))


def test_claimed_lives_is_not_a_claim() -> None:
    assert assess("The blast claimed the lives of six people.").claim_verb is None


def test_claim_verbs_and_denials() -> None:
    assert assess("The Taliban claimed they had captured the district.").claim_verb == "claimed"
    assert assess("The group said it had seized two posts.").claim_verb == "said it had"
    a = assess("The Defense Ministry denied that the district had fallen.")
    assert a.denied and not a.negated
    assert assess("The governor rejected the claims as propaganda.").denied
    assert not assess("Journalists were denied access to the area.").denied
    assert assess("The Taliban's claims were rejected by the government.").denied


def test_assessment_claim_status_property() -> None:
    assert Assessment(denied=True).claim_status == "denied"
    assert Assessment(hedge="reportedly").claim_status == "unverified"
    assert Assessment(claim_verb="claimed").claim_status == "claimed"
    assert Assessment().claim_status == "reported"


# --- claim status -----------------------------------------------------------------

POLICE = Source("Abdul Karim Yousufzai", "provincial police spokesman", "government")
TALIBAN = Source("Zabihullah Mujahid", "Taliban spokesman", "insurgent")
WITNESSES = Source("witnesses", None, "independent")
HOSPITAL = Source("hospital director", None, "independent")
PENTAGON = Source("Maria Delgado", "Pentagon press secretary", "international")


def test_opposing_sides_agreeing_is_confirmed() -> None:
    assert claim_status([POLICE, TALIBAN], Assessment(), "insurgent") == "confirmed"
    # Confirmation by the other side outweighs the first side's claim verb.
    assert claim_status([TALIBAN, POLICE], Assessment(claim_verb="claimed"), "insurgent") == (
        "confirmed"
    )


def test_two_independent_sources_confirm() -> None:
    assert claim_status([WITNESSES, HOSPITAL], Assessment(), "insurgent") == "confirmed"
    assert claim_status([POLICE, WITNESSES], Assessment(), "insurgent") == "confirmed"


def test_allies_do_not_confirm_each_other() -> None:
    assert claim_status([POLICE, PENTAGON], Assessment(), "insurgent") == "reported"


def test_a_lone_taliban_claim_is_claimed() -> None:
    assert claim_status([TALIBAN], Assessment(), "insurgent") == "claimed"
    assert claim_status([], Assessment(claim_verb="claimed"), "insurgent") == "claimed"
    # The other side reporting the Taliban's gain is a report, not a claim.
    assert claim_status([POLICE], Assessment(), "insurgent") == "reported"
    # A government claim of a government gain is a claim.
    assert claim_status([POLICE], Assessment(), "militia_progov") == "claimed"


def test_denied_and_unverified() -> None:
    denial = assess("The Defense Ministry denied that the district had fallen.")
    (ministry,) = attribute(["The Defense Ministry denied that the district had fallen."])[0]
    assert ministry.side == "government"
    assert claim_status([TALIBAN, ministry], denial, "insurgent") == "denied"
    hedged = assess("Witnesses said the town fell, which, if true, cuts the road.")
    assert claim_status([WITNESSES], hedged, "insurgent") == "unverified"


def test_no_source_no_hedge_is_reported() -> None:
    assert claim_status([], Assessment(), None) == "reported"


# --- hostile input and speed -------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "said",
        "he",
        "she",
        "they",
        "according",
        "to",
        "Rahmani",
        "Taliban",
        "spokesman",
        "police",
        ",",
        "“",
        "”",
        "not",
        "if",
        "true",
        "statement",
        "from",
        "the",
        "a",
        "condition",
        "anonymity",
        "speaking",
        "Mr",
        "Ministry",
        "of",
        "Defense",
        "denied",
        "claimed",
        "repelled",
        "\n",
        "'",
        "(",
        ")",
    ]
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(st.text(max_size=80), st.lists(_WORDS, max_size=25).map(" ".join)), max_size=8
    )
)
def test_random_text_never_raises(sentences: list[str]) -> None:
    rows = attribute(sentences)
    assert len(rows) == len(sentences)
    for sentence, row in zip(sentences, rows, strict=True):
        assert all(isinstance(s, Source) and s.name for s in row)
        a = assess(sentence)
        assert claim_status(row, a, "insurgent") in CLAIM_STATUSES


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120), st.integers(-5, 200), st.integers(-5, 200))
def test_is_negated_never_raises(sentence: str, start: int, end: int) -> None:
    assert is_negated(sentence, start, end) in (True, False)


@pytest.mark.parametrize(
    ("blob", "expected"),
    [
        ("said, " * 20000, set()),
        ("Aaaa Bbbb, " * 10000, set()),
        ("according to " * 10000, set()),
        ("not " * 30000, set()),
        (
            "Rahmani, the police spokesman, said he said it was not clear whether, if true, "
            * 1000,
            {"Rahmani"},
        ),
    ],
)
def test_hostile_long_input_gives_sane_results(blob: str, expected: set[str]) -> None:
    """Long repetitive input (a guard against quadratic or backtracking regexes): one row
    of real sources, a well-formed assessment.  Speed is printed by benchmarks/stages.py."""
    rows = attribute([blob])
    assert len(rows) == 1
    assert all(isinstance(s, Source) and s.name and s.name in blob for s in rows[0])
    assert {s.name for s in rows[0]} >= expected
    a = assess(blob)
    assert isinstance(a, Assessment)
    assert a.negation_cue is None or a.negation_cue.lower() in blob.lower()
    assert is_negated(blob, len(blob) // 2, len(blob) // 2 + 4) in (True, False)


def test_a_possessive_spokesman_stays_a_spokesman() -> None:
    (sources,) = attribute(
        [
            "Commandos recaptured Qadis district on Wednesday, "
            "the provincial governor's spokesman said."
        ]
    )
    assert [s.name for s in sources] == ["provincial governor's spokesman"]
    (body,) = attribute(["The Taliban spokesman said they took the district."])
    assert [s.name for s in body] == ["Taliban"]


def test_a_spokesman_for_the_governor_of_a_province_is_no_person_called_after_it() -> None:
    (sources,) = attribute(["A spokesman for the governor of Kunduz said the attack was repelled."])
    assert [s.name for s in sources] == ["spokesman for the governor of Kunduz"]
