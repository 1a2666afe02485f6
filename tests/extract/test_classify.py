"""The event classifier: ACLED sub-event types from sentences (hand-written examples)."""

from __future__ import annotations

import importlib.util
import json
import sys
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines import taxonomy
from frontlines.extract import classify
from frontlines.extract.classify import (
    Trigger,
    classify_sentence,
    classify_text,
    get_lexicon,
    territory_direction,
)

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"

#: One sentence per ACLED sub-event type, written for these tests.
EXAMPLES: dict[str, list[str]] = {
    taxonomy.ARMED_CLASH: [
        "Afghan security forces and Taliban fighters clashed for hours on the outskirts of "
        "Lashkar Gah on Tuesday.",
        "Insurgents attacked a police checkpoint in Zabul overnight, killing three officers.",
        "Heavy fighting continued around the provincial capital for a third day.",
    ],
    taxonomy.GOV_REGAINS: [
        "Afghan commandos recaptured the district centre of Dand Ghori from the Taliban on "
        "Wednesday.",
        "Government troops retook Khwaja Ghar after a week-long operation, the ministry said.",
    ],
    taxonomy.NSA_OVERTAKES: [
        "Taliban fighters overran the district centre of Khwaja Ghar after two days of fighting.",
        "The district of Doshi fell to the Taliban on Monday, residents said.",
        "Insurgents took control of the border crossing at dawn.",
    ],
    taxonomy.CHEMICAL_WEAPON: [
        "Doctors treated dozens of villagers for breathing problems after a chlorine gas attack "
        "on the town.",
    ],
    taxonomy.AIR_STRIKE: [
        "A drone strike hit a compound in Nangarhar, killing four militants.",
        "Air strikes on a market in the district killed eight civilians, elders said.",
    ],
    taxonomy.SUICIDE_BOMB: [
        "A suicide bomber detonated his vest at the gate of a police compound in Kandahar, "
        "killing seven officers.",
    ],
    taxonomy.SHELLING: [
        "Mortar rounds landed in a residential area of Kunduz city, wounding three children.",
    ],
    taxonomy.REMOTE_EXPLOSIVE: [
        "A roadside bomb struck an army vehicle in Zabul province, killing two soldiers.",
        "A magnetic bomb attached to a minibus exploded in western Kabul.",
    ],
    taxonomy.GRENADE: [
        "An unknown attacker threw a hand grenade into a shop in Jalalabad, injuring five "
        "customers.",
    ],
    taxonomy.SEXUAL_VIOLENCE: [
        "A rights group said militia members raped two women in a village in Sar-e Pul province.",
    ],
    taxonomy.ATTACK: [
        "Gunmen opened fire on a minibus carrying teachers in Ghor province, killing six "
        "passengers.",
        "Unidentified men shot dead a tribal elder outside his home in Khost.",
    ],
    taxonomy.ABDUCTION: [
        "Armed men kidnapped an engineer working on the highway near Pul-e Khumri.",
    ],
    taxonomy.PEACEFUL_PROTEST: [
        "Hundreds of women marched through Herat to demand a role in the peace process.",
        "Shopkeepers held a sit-in outside the governor's office over new taxes.",
    ],
    taxonomy.PROTEST_INTERVENTION: [
        "Police used tear gas and batons to disperse students protesting outside the university.",
        "Officers detained dozens of demonstrators at the rally in the capital.",
    ],
    taxonomy.EXCESSIVE_FORCE: [
        "Security forces opened fire on protesters in the city square, killing four demonstrators.",
    ],
    taxonomy.VIOLENT_DEMONSTRATION: [
        "Protesters hurled stones at police and set a government building on fire.",
        "Rioters smashed shop windows after the election result was announced.",
    ],
    taxonomy.MOB_VIOLENCE: [
        "An angry mob beat a man to death after accusing him of theft in the market.",
        "Villagers lynched a suspected thief on Sunday.",
    ],
    taxonomy.AGREEMENT: [
        "The two sides agreed to a three-day ceasefire for the Eid holiday.",
        "The government and the insurgents exchanged prisoners near the frontline.",
    ],
    taxonomy.ARRESTS: [
        "Police arrested three suspects in the provincial capital on Thursday.",
    ],
    taxonomy.CHANGE_TO_GROUP: [
        "Hundreds of militia fighters defected to the Taliban in Faryab.",
        "The army deployed reinforcements to the northern provinces.",
    ],
    taxonomy.DISRUPTED_WEAPONS: [
        "Police defused a bomb hidden under a bridge on the highway.",
        "Troops found a large cache of weapons and ammunition in a cave.",
    ],
    taxonomy.HQ_ESTABLISHED: [
        "The army set up a new military base near the provincial capital to guard the highway.",
    ],
    taxonomy.LOOTING: [
        "Fighters looted shops and burned several houses in the bazaar.",
    ],
    taxonomy.NONVIOLENT_TRANSFER: [
        "Government troops withdrew from the district centre without a fight.",
        "Local elders handed over the district to the Taliban after talks.",
    ],
    taxonomy.OTHER: [
        "The Taliban imposed a night-time curfew in the city.",
    ],
}

NO_EVENT = [
    "The Pentagon reaffirmed the withdrawal was on track.",
    "Talks in Qatar are deadlocked.",
    "President Biden will meet the Afghan president at the White House on Friday.",
    "The weather in Kabul was mild on Sunday.",
    "Officials discussed next year's budget for road repairs.",
    "",
]


def test_examples_cover_all_25_types() -> None:
    assert set(EXAMPLES) == set(taxonomy.SUB_EVENT_TYPES)


@pytest.mark.parametrize(
    ("expected", "sentence"),
    [(sub, sentence) for sub, sentences in EXAMPLES.items() for sentence in sentences],
)
def test_best_trigger_is_the_sub_event_type(expected: str, sentence: str) -> None:
    triggers = classify_sentence(sentence)
    assert triggers, sentence
    best = triggers[0]
    assert best.sub_event_type == expected, triggers
    assert best.event_type == taxonomy.SUB_EVENT_TYPES[expected]
    assert sentence[best.start : best.end] == best.cue
    assert classify_text(sentence) == expected


@pytest.mark.parametrize("sentence", NO_EVENT)
def test_no_event_sentences(sentence: str) -> None:
    triggers = classify_sentence(sentence)
    # At most a low-scoring "Other": a plan or a meeting is not an event.
    assert all(t.sub_event_type == taxonomy.OTHER and t.score < 0.5 for t in triggers), triggers


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # ACLED precedence: the specific weapon wins over the generic "attack".
        ("A suicide attack on an army base killed nine soldiers.", taxonomy.SUICIDE_BOMB),
        ("An IED killed three soldiers on patrol in Helmand.", taxonomy.REMOTE_EXPLOSIVE),
        ("An air strike killed eight civilians in a village.", taxonomy.AIR_STRIKE),
        ("Rockets fired by the militants hit a wedding party.", taxonomy.SHELLING),
        ("Militants attacked a wedding party, killing eleven guests.", taxonomy.ATTACK),
        ("Militants attacked an army outpost, killing eleven soldiers.", taxonomy.ARMED_CLASH),
        ("Police fired tear gas to disperse the protesters.", taxonomy.PROTEST_INTERVENTION),
        (
            "Police fired live ammunition at protesters, killing two.",
            taxonomy.EXCESSIVE_FORCE,
        ),
        ("Protesters threw petrol bombs at the police station.", taxonomy.VIOLENT_DEMONSTRATION),
        ("A mob lynched a man accused of blasphemy.", taxonomy.MOB_VIOLENCE),
        (
            "Troops found and destroyed three caches containing IEDs and grenades.",
            taxonomy.DISRUPTED_WEAPONS,
        ),
        ("The kidnappers raped the girl before releasing her.", taxonomy.SEXUAL_VIOLENCE),
        # What the men are accused of is who they are; the news is their arrest.
        ("Police detained two men accused of kidnapping a trader.", taxonomy.ARRESTS),
        ("The Taliban failed to capture the district centre.", taxonomy.ARMED_CLASH),
        ("Forty soldiers surrendered to the Taliban.", taxonomy.AGREEMENT),
        (
            "The garrison surrendered the district centre without a fight.",
            taxonomy.NONVIOLENT_TRANSFER,
        ),
    ],
)
def test_precedence(sentence: str, expected: str) -> None:
    assert classify_sentence(sentence)[0].sub_event_type == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Afghan forces retook the district on Friday.", taxonomy.GOV_REGAINS),
        ("Taliban fighters recaptured the district on Friday.", taxonomy.NSA_OVERTAKES),
        ("The town fell to government forces after a long siege.", taxonomy.GOV_REGAINS),
        ("Doshi is now in Taliban hands, witnesses said.", taxonomy.NSA_OVERTAKES),
        ("The district was captured by the army on Sunday.", taxonomy.GOV_REGAINS),
        ("The district was captured by insurgents on Sunday.", taxonomy.NSA_OVERTAKES),
        ("Security forces took control of the area late on Monday.", taxonomy.GOV_REGAINS),
        (
            "According to a police spokesman, the Taliban took control of the district.",
            taxonomy.NSA_OVERTAKES,
        ),
        (
            "Troops pushed into the rebel-held valley, clashing with insurgents and capturing a "
            "village.",
            taxonomy.GOV_REGAINS,
        ),
        ("Rebels seized the town of Qala after a night of fighting.", taxonomy.NSA_OVERTAKES),
        ("The Taliban failed to capture the district centre.", None),
        ("The army killed twelve insurgents in an operation.", None),
    ],
)
def test_territory_direction(sentence: str, expected: str | None) -> None:
    assert territory_direction(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Air defences shot down two drones over the city.", taxonomy.DISRUPTED_WEAPONS),
        ("F-16s struck hideouts in the mountains overnight.", taxonomy.AIR_STRIKE),
        ("Residents choked after a gas attack on the suburb.", taxonomy.CHEMICAL_WEAPON),
        ("Police fired tear gas at the crowd.", taxonomy.PROTEST_INTERVENTION),
        ("A bomber self-detonated at the checkpoint.", taxonomy.SUICIDE_BOMB),
        ("Two fighters were captured alive.", taxonomy.ARRESTS),
        ("A crowd beat a suspected thief to death in the market.", taxonomy.MOB_VIOLENCE),
        ("The militia handed control of the airport to the army.", taxonomy.NONVIOLENT_TRANSFER),
        ("The insurgents lost control of the valley on Friday.", taxonomy.GOV_REGAINS),
        ("The militants were driven out of the town.", taxonomy.GOV_REGAINS),
    ],
)
def test_other_phrasings(sentence: str, expected: str) -> None:
    assert classify_sentence(sentence)[0].sub_event_type == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Hundreds of students marched to condemn the killing of a classmate by gunmen.",
        "Crowds rallied in the capital in memory of the victims of last week's car bombing.",
        "Relatives protested outside the prison to denounce the arrests of three journalists.",
    ],
)
def test_what_a_protest_is_about_is_not_the_event(sentence: str) -> None:
    assert classify_sentence(sentence)[0].sub_event_type == taxonomy.PEACEFUL_PROTEST


def test_trigger_is_frozen_with_acled_strings() -> None:
    trigger = classify_sentence("A roadside bomb exploded near the market.")[0]
    assert isinstance(trigger, Trigger)
    with pytest.raises(AttributeError):
        trigger.score = 0.0  # type: ignore[misc]
    assert trigger.sub_event_type in taxonomy.SUB_EVENT_TYPES


def test_every_cue_is_reported_best_first() -> None:
    sentence = (
        "Taliban fighters captured the district after heavy fighting, then looted shops and "
        "kidnapped two officials."
    )
    triggers = classify_sentence(sentence)
    kinds = {t.sub_event_type for t in triggers}
    assert {taxonomy.NSA_OVERTAKES, taxonomy.ARMED_CLASH, taxonomy.LOOTING} <= kinds
    assert taxonomy.ABDUCTION in kinds
    assert [t.score for t in triggers] == sorted((t.score for t in triggers), reverse=True)


def test_context_reaches_the_next_sentence() -> None:
    snippet = (
        "Thousands of students rallied outside parliament on Sunday. Police later detained "
        "dozens of them near the square."
    )
    assert classify_text(snippet) == taxonomy.PROTEST_INTERVENTION
    # On its own, the second sentence names no protest: plain arrests.
    alone = classify_sentence("Police later detained dozens of them near the square.")
    assert alone[0].sub_event_type == taxonomy.ARRESTS


def test_lead_sentence_wins_a_near_tie() -> None:
    snippet = (
        "Police arrested four men suspected of smuggling weapons. The men had taken part in "
        "earlier fighting, officials said."
    )
    assert classify_text(snippet) == taxonomy.ARRESTS
    assert classify_text("   ") is None


def test_lexicon_names_only_acled_types() -> None:
    raw = json.loads(
        resources.files("frontlines.extract")
        .joinpath("lexicon", "en.json")
        .read_text(encoding="utf-8")
    )
    for rule in raw["rules"]:
        assert rule["sub_event_type"] in taxonomy.SUB_EVENT_TYPES or (
            rule["sub_event_type"] == "territory"
            and rule["direction"] in ("government", "nonstate")
        ), rule["name"]

    # Every rule can be screened: each of its matches holds a word the screen knows.
    assert get_lexicon().unscreened() == []


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(FileNotFoundError):
        get_lexicon("xx-nonexistent")


_VOCABULARY = sorted(
    {word.strip(".,") for sentences in EXAMPLES.values() for s in sentences for word in s.split()}
    | {"the", "and", "of", "to", "by", "was", "were", "not", "failed", "police", "protest"}
    | {"F-16s", "B-52s", "shot", "down", "drones", "gas", "tear", "self-detonated", "alive"}
    | {"fell", "hands", "Taliban", "in", "army", "crowd", "beat", "death", "lost", "control"}
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_VOCABULARY), min_size=1, max_size=30))
def test_screening_never_changes_the_result(words: list[str]) -> None:
    """The cheap word screen only skips rules that could not have matched."""
    sentence = " ".join(words)
    lex = get_lexicon()
    unscreened = classify._match(sentence, sentence, lex, range(len(lex.rules)))
    assert classify_sentence(sentence) == unscreened


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_hostile_text_gives_well_formed_triggers(text: str) -> None:
    triggers = classify_sentence(text)
    for t in triggers:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.cue
        assert taxonomy.SUB_EVENT_TYPES[t.sub_event_type] == t.event_type
    assert [t.score for t in triggers] == sorted((t.score for t in triggers), reverse=True)
    result = classify_text(text)
    assert result is None or result in taxonomy.SUB_EVENT_TYPES


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from([s for sentences in EXAMPLES.values() for s in sentences]),
    st.text(alphabet="İıẞßﬁ\u0301\u200b\u00a0 ", max_size=8),
)
def test_offsets_survive_unicode_that_changes_length_when_lowered(
    sentence: str, noise: str
) -> None:
    text = noise + sentence
    for t in classify_sentence(text):
        assert text[t.start : t.end] == t.cue


def test_a_hostile_cue_flood_gives_every_trigger() -> None:
    """Tens of thousands of cues in one 'sentence': every cue is reported, well formed.

    A guard against quadratic work on hostile input: linear code finishes this in
    under a second; how long it takes is printed by benchmarks/stages.py, not asserted.
    """
    flood = "killed\n" * 20000 + "Rebels captured the town. " * 2000
    triggers = classify_sentence(flood)
    assert len(triggers) > 20000
    kinds = {t.sub_event_type for t in triggers}
    assert {taxonomy.ATTACK, taxonomy.NSA_OVERTAKES} <= kinds
    for t in triggers:
        assert flood[t.start : t.end] == t.cue
    assert [t.score for t in triggers] == sorted((t.score for t in triggers), reverse=True)


def test_case2021_dev_weighted_f1_meets_target() -> None:
    path = SHARED / "eval" / "case2021-task2.dev.tsv"
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not beside the checkout)")
    spec = importlib.util.spec_from_file_location("case2021", REPO / "benchmarks" / "case2021.py")
    assert spec is not None and spec.loader is not None
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    scores = module.run_case(path)
    assert scores["n"] > 300
    assert scores["weighted_f1"] >= 0.70, scores


def test_seizing_a_district_or_police_headquarters_is_a_capture() -> None:
    top = classify_sentence(
        "By dawn the insurgents had stormed the district headquarters and controlled "
        "the police headquarters, officials said."
    )
    assert top and top[0].sub_event_type == "Non-state actor overtakes territory"


def test_a_passive_capture_by_a_non_state_actor() -> None:
    top = classify_sentence("The border town, a key trading post, was seized by the Taliban.")
    assert top and top[0].sub_event_type == "Non-state actor overtakes territory"


def test_a_bomb_named_as_the_suspicion_behind_an_arrest_is_background() -> None:
    top = classify_sentence(
        "Police detained two men suspected of planting a roadside bomb near the bazaar."
    )
    assert top and top[0].sub_event_type == "Arrests"
    top = classify_sentence(
        "The force detained a facilitator responsible for roadside bomb attacks in the valley."
    )
    assert top and top[0].sub_event_type == "Arrests"


@pytest.mark.parametrize(
    "sentence",
    [
        "The leader is a roadside bomb and suicide bomb facilitator in the district.",
        "The facilitators were responsible for planning and carrying out bomb attacks on police.",
        "The leader conducts direct-fire and roadside bomb attacks.",
        "The commander directed ambushes and other attacks against Afghan forces.",
        "He is also suspected in plotting bombings and suicide attacks in Kabul.",
    ],
)
def test_a_profile_of_someone_reports_no_event(sentence: str) -> None:
    triggers = classify_sentence(sentence)
    assert triggers and all(t.background for t in triggers)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Security forces killed a Taliban facilitator in Nad Ali.", taxonomy.ARMED_CLASH),
        ("Police captured a Taliban facilitator and two other men.", taxonomy.ARRESTS),
        (
            "Haji Mama, a facilitator of weapons and improvised explosive devices, was arrested.",
            taxonomy.ARRESTS,
        ),
        ("A suicide bomber struck a police post, killing four.", taxonomy.SUICIDE_BOMB),
    ],
)
def test_the_event_beside_a_profile_is_still_coded(sentence: str, expected: str) -> None:
    main = [t for t in classify_sentence(sentence) if not t.background]
    assert main and main[0].sub_event_type == expected


def test_a_capture_of_people_in_a_district_is_not_a_capture_of_the_district() -> None:
    people = classify_sentence(
        "The force killed one facilitator and captured another in Sabari district."
    )
    assert all(t.sub_event_type not in taxonomy.TERRITORIAL for t in people)
    ground = classify_sentence("The Taliban captured two villages in Sabari district.")
    assert ground[0].sub_event_type == taxonomy.NSA_OVERTAKES


@pytest.mark.parametrize(
    ("sentence", "territorial"),
    [
        ("The group's fighters had taken the port and the town of Imam Sahib nearby.", True),
        ("They took three soldiers to the city hospital.", False),
        ("Kunduz fell on Sunday after days of fighting.", True),
        ("Prices fell sharply in the city.", False),
    ],
)
def test_takings_and_fallings(sentence: str, territorial: bool) -> None:
    found = [t.sub_event_type in taxonomy.TERRITORIAL for t in classify_sentence(sentence)]
    assert any(found) == territorial


def test_fleeing_the_fighting_is_not_the_fighting() -> None:
    assert (
        classify_sentence("134 soldiers crossed the border overnight to escape the fighting.") == []
    )


def test_what_a_rally_supports_is_not_a_second_event() -> None:
    triggers = classify_sentence(
        "Hundreds of people took to the streets of Herat on Tuesday night in support of "
        "security forces fighting the Taliban on the city's outskirts."
    )
    assert triggers[0].sub_event_type == taxonomy.PEACEFUL_PROTEST


def test_halting_operations_is_not_fighting() -> None:
    assert classify_sentence("The Taliban told their fighters to halt offensive operations.") == []


def test_overlapping_profile_scopes_mark_every_cue_inside_them() -> None:
    sentence = "The leader " + "responsible for attacks and " * 50 + "was killed in Kunduz."
    triggers = classify_sentence(sentence)
    inside = [t for t in triggers if t.cue.lower().startswith("attack")]
    assert inside and all(t.background for t in inside)
    assert any(not t.background for t in triggers)  # the killing itself
