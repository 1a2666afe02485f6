"""Tests of the casualty and detention counter."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines import settings as fl_settings
from frontlines.extract.numbers import (
    additional_kinds,
    count_detained,
    count_fatalities,
    count_injured,
    find_counts,
)

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("Soldiers killed two militants near the bridge.", 2),
        ("The strike killed twenty-five fighters.", 25),
        ("Police killed 14 gunmen in the raid.", 14),
        ("Troops killed an insurgent at the checkpoint.", 1),
        ("Commandos killed a Taliban leader in the village.", 1),
        ("The patrol returned fire, killing three attackers.", 3),
        ("Four policemen were killed in the ambush.", 4),
        ("Three were killed when the mortar hit.", 3),
        ("The explosion left six people dead.", 6),
        ("Villagers recovered nine bodies from the river.", 9),
        ("The raid resulted in the death of a local commander.", 1),
        ("Gunmen killed a dozen guards.", 12),
        (
            "Dozens of fighters were killed in the clashes.",
            fl_settings.VAGUE_COUNT_MINIMUMS["dozens"],
        ),
        ("Several insurgents were killed.", fl_settings.VAGUE_COUNT_MINIMUMS["several"]),
        ("The force killed numerous militants.", fl_settings.VAGUE_COUNT_MINIMUMS["numerous"]),
        ("Militants killed two soldiers and wounded five others.", 2),
        ("Two soldiers killed three attackers.", 3),
        ("The blast killed at least 11 civilians.", 11),
        ("Soldiers killed a number of gunmen.", fl_settings.VAGUE_COUNT_MINIMUMS["a number of"]),
        ("An airstrike hit the position, killing several of them.", 3),
        ("He was engaged and killed.", 1),
        ("The strike killed Karimullah and his deputy.", 2),
        ("The fire fight resulted in the killing of two of the gunmen.", 2),
        ("Troops killed al-Qaeda linked commander, Nasir, near the border.", 1),
    ],
)
def test_fatalities(sentence: str, killed: int) -> None:
    assert count_fatalities(sentence) == killed


@pytest.mark.parametrize(
    ("sentence", "detained"),
    [
        ("Police detained two suspects in the market.", 2),
        ("Two suspects were detained after the search.", 2),
        ("The force arrested a Taliban commander.", 1),
        ("Troops captured a bomb maker and several associates.", 1 + 3),
        ("Five men were taken into custody.", 5),
        ("Forces apprehended multiple suspected fighters.", 3),
        ("The unit detained the targeted individual along with three of his associates.", 4),
        ("Soldiers killed one gunman and detained two others.", 2),
        ("The team detained one, a courier, and several suspected militants.", 1 + 3),
        ("Officials confirmed the arrest of a bomb maker.", 1),
        ("Two relatives of the commander were detained at home.", 2),
        ("Police took the three passengers of the car into custody.", 3),
        ("The patrol detained the commander and other suspected fighters.", 1 + 2),
    ],
)
def test_detained(sentence: str, detained: int) -> None:
    assert count_detained(sentence) == detained


def test_capitalised_group_names_are_not_people() -> None:
    assert count_fatalities("Troops killed Afghan civilians.") is None
    assert count_fatalities("They killed Taliban fighters in the valley.") is None


def test_injured_are_not_fatalities() -> None:
    sentence = "The bomb wounded seven passengers."
    assert count_fatalities(sentence) is None
    assert count_injured(sentence) == 7


def test_casualties_are_not_fatalities() -> None:
    sentence = "The attack caused 12 casualties."
    assert count_fatalities(sentence) is None
    assert [(c.kind, c.value) for c in find_counts(sentence)] == [("casualties", 12)]


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("No one was killed in the blast.", 0),
        ("There were no casualties.", 0),
        ("It was not clear how many Taliban were killed.", None),
        ("No civilians were harmed during the operation.", None),
        ("Officials gave no details.", None),
    ],
)
def test_negation_and_unknown(sentence: str, killed: int | None) -> None:
    assert count_fatalities(sentence) == killed


def test_a_unit_named_operations_is_not_a_round_up() -> None:
    sentence = (
        "Commandos from the Special Operations Task Force searched throughout the day "
        "and detained 20 suspects."
    )
    assert count_detained(sentence) == 20


def test_intent_is_not_a_count() -> None:
    assert count_detained("Forces launched an operation to detain a Taliban leader.") is None
    assert count_detained("The capture of the leader was announced.") is None


def test_headlines_are_not_counted_again() -> None:
    assert find_counts("Afghan Force Detains Several Suspected Insurgents in Khost") == []


def test_running_totals_are_flagged_and_left_out() -> None:
    sentence = "Since June, forces have detained more than 125 suspected insurgents."
    counts = find_counts(sentence)
    assert counts and all(c.aggregate for c in counts)
    assert count_detained(sentence) is None


def test_additional_counts_are_flagged() -> None:
    (count,) = find_counts("The force also detained one other suspected insurgent.")
    assert count.additional and count.value == 1


def test_how_many_is_not_many() -> None:
    counts = find_counts("He said it was unclear how many fighters were killed.")
    assert [(c.kind, c.value) for c in counts] == [("killed", None)]


def test_spans_point_at_the_cue() -> None:
    sentence = "After a firefight, troops killed two insurgents and detained four suspects."
    for c in find_counts(sentence):
        assert sentence[c.start : c.end] == c.cue
    assert [c.kind for c in find_counts(sentence)] == ["killed", "detained"]


def test_reference_article_counts_nothing_invented() -> None:
    sample = SHARED / "samples" / "imam-sahib-2021-06-21.txt"
    if not sample.is_file():
        pytest.skip(f"reference article absent: {sample} (../shared is not checked out)")
    text = sample.read_text(encoding="utf-8")
    line = next(s for s in text.splitlines() if "not clear how many" in s)
    assert count_fatalities(line) is None
    assert all(count_fatalities(s) in (None, 0) for s in text.splitlines())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_hostile_input_never_raises(text: str) -> None:
    for c in find_counts(text):
        assert text[c.start : c.end] == c.cue
        assert c.value is None or c.value >= 0
    count_fatalities(text)
    count_detained(text)


_NUMBERS = st.sampled_from(["two", "three", "twenty-one", "12", "a dozen", "several", "an"])
_NOUNS = st.sampled_from(["insurgents", "suspected militants", "Taliban fighters", "men"])


@settings(max_examples=200, deadline=None)
@given(_NUMBERS, _NOUNS, st.booleans())
def test_active_and_passive_agree(number: str, noun: str, kill: bool) -> None:
    verb = "killed" if kill else "detained"
    active = f"The patrol {verb} {number} {noun} in the valley."
    passive = f"{number.capitalize()} {noun} were {verb} in the valley."
    count = count_fatalities if kill else count_detained
    assert count(active) == count(passive)
    assert count(active) is not None


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("The security force also detained two other suspected insurgents.", {"detained"}),
        ("An additional suspected insurgent was detained at the scene.", {"detained"}),
        ("The force detained two suspected insurgents.", set()),
        # The group told again, the commander named first: not more people.
        ("The commander and three additional suspects were detained.", set()),
        ("They detained the commander and one additional suspected insurgent.", set()),
    ],
)
def test_counts_marked_as_more_people(sentence: str, kinds: set[str]) -> None:
    assert additional_kinds(sentence) == kinds


def test_both_after_a_count_is_the_same_people() -> None:
    sentence = (
        "Two insurgents were killed after firing at the patrol; the patrol returned fire, "
        "killing both armed individuals."
    )
    assert count_fatalities(sentence) == 2
    assert count_fatalities("Police killed three gunmen and two soldiers were killed.") == 5


@pytest.mark.parametrize(
    ("sentence", "kind", "value"),
    [
        ("The Taliban also executed two soldiers they had captured.", "killed", 2),
        ("Two soldiers were executed by the Taliban.", "killed", 2),
        ("The Taliban detained 15 government employees in Ghazni.", "detained", 15),
    ],
)
def test_executions_and_employees_are_counted(sentence: str, kind: str, value: int) -> None:
    assert [(c.kind, c.value) for c in find_counts(sentence)] == [(kind, value)]


def test_a_participle_used_as_an_adjective_counts_no_one() -> None:
    assert find_counts("Evidence linked the man to a murdered Afghan found in March.") == []


def test_captured_or_killed_is_a_round_up_not_a_count() -> None:
    counts = find_counts("Forces have captured or killed a large number of insurgents recently.")
    assert counts and all(c.aggregate for c in counts)
    assert count_fatalities("Two were killed this month alone, officials said.") is None


def test_both_subjects_of_a_passive_toll_are_counted() -> None:
    sentence = "At least eight security force members and 40 Taliban were killed in the fighting."
    assert count_fatalities(sentence) == 48


def test_lost_their_lives_counts_the_dead() -> None:
    from frontlines.extract.numbers import count_fatalities

    assert count_fatalities("Five soldiers lost their lives in the attack.") == 5
    assert count_fatalities("14 Taliban, two of them foreigners, lost their lives.") == 14
    assert count_fatalities("The soldiers lost their weapons in the retreat.") is None
