"""Actor list: data checks, the finder (longest alias, cased acronyms, possessives), sides."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines.errors import InvalidTheatreData
from frontlines.resolve.actors import SIDES, ActorList, get_actor_list

ACTORS = get_actor_list()


def names(text: str) -> list[str]:
    return [m.name for m in ACTORS.find(text)]


def test_actor_list_is_cached_and_loaded_from_the_default_theatre() -> None:
    assert get_actor_list() is ACTORS
    assert get_actor_list("afghanistan") is get_actor_list("afghanistan")


def test_every_actor_has_a_known_side_and_an_acled_inter_code() -> None:
    for actor in ACTORS.actors:
        assert actor.side in SIDES, actor.name
        assert 1 <= actor.inter <= 8, actor.name


@pytest.mark.parametrize(
    ("name", "side", "inter"),
    [
        ("Taliban", "insurgent", 2),
        ("Military Forces of Afghanistan (2004-2021)", "government", 1),
        ("Police Forces of Afghanistan (2004-2021)", "government", 1),
        ("Government of Afghanistan", "government", 1),
        ("NATO", "international", 8),
        ("Military Forces of the United States", "international", 8),
        ("Islamic State (Khorasan Province)", "insurgent", 2),
        ("Pro-Government Militia (Afghanistan)", "militia_progov", 3),
        ("Uprising Forces", "militia_progov", 3),
        ("National Resistance Front", "resistance", 2),
        ("Civilians (Afghanistan)", "civilian", 7),
        ("Protesters (Afghanistan)", "civilian", 6),
        ("Rioters (Afghanistan)", "other", 5),
        ("Unidentified Armed Group (Afghanistan)", "other", 3),
    ],
)
def test_required_actors_exist_with_side_and_inter(name: str, side: str, inter: int) -> None:
    actor = ACTORS.get(name)
    assert actor is not None and actor.name == name
    assert (actor.side, actor.inter) == (side, inter)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Taliban fighters stormed the checkpoint", ["Taliban"]),
        ("the insurgents shelled the town", ["Taliban"]),
        ("the insurgent group claimed it", ["Taliban"]),
        ("a message from the Islamic Emirate", ["Taliban"]),
        (
            "soldiers of the Afghan National Army",
            ["Military Forces of Afghanistan (2004-2021)"] * 2,
        ),
        ("ANDSF units pulled back", ["Military Forces of Afghanistan (2004-2021)"]),
        ("the Afghan Air Force bombed", ["Military Forces of Afghanistan (2004-2021)"]),
        (
            "border police and the NDS",
            ["Police Forces of Afghanistan (2004-2021)", "National Directorate of Security"],
        ),
        ("Resolute Support said", ["NATO"]),
        ("American troops left the base", ["Military Forces of the United States"]),
        ("ISIS-K and Daesh cells", ["Islamic State (Khorasan Province)"] * 2),
        ("public uprising forces and Arbakai", ["Uprising Forces", "Uprising Forces"]),
        ("Ahmad Massoud's forces in Panjshir", ["National Resistance Front"]),
        ("worshippers and students were hurt", ["Civilians (Afghanistan)"] * 2),
        ("unidentified gunmen shot a cleric", ["Unidentified Armed Group (Afghanistan)"]),
        ("gunmen opened fire", ["Unidentified Armed Group (Afghanistan)"]),
    ],
)
def test_find_names_canonical_actors(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_longest_alias_wins_at_a_position() -> None:
    (match,) = ACTORS.find("Afghan National Army soldiers")
    assert match.name == "Military Forces of Afghanistan (2004-2021)"
    assert match.surface.startswith("Afghan National Army")
    assert names("US troops withdrew") == ["Military Forces of the United States"]
    assert names("Afghan government forces") == ["Military Forces of Afghanistan (2004-2021)"]
    assert names("Afghan government soldiers") == ["Military Forces of Afghanistan (2004-2021)"]


def test_head_noun_after_an_alias_is_part_of_the_same_mention() -> None:
    (match,) = ACTORS.find("Islamic State militants attacked")
    assert match.name == "Islamic State (Khorasan Province)"
    assert match.surface == "Islamic State militants"


def test_possessives_and_curly_apostrophes() -> None:
    text = "the Taliban's advance and the Taliban\u2019s gains"
    matches = ACTORS.find(text)
    assert [m.name for m in matches] == ["Taliban", "Taliban"]
    assert [text[m.start : m.end] for m in matches] == ["Taliban", "Taliban"]


def test_capitalised_acronyms_need_capitals() -> None:
    assert names("ANA and NDS") == [
        "Military Forces of Afghanistan (2004-2021)",
        "National Directorate of Security",
    ]
    assert names("ana said nds") == []
    # "us" is a pronoun: only "troops" is an actor here.
    assert names("they told us troops were coming") == [
        "Military Forces of Afghanistan (2004-2021)"
    ]
    assert names("Nato troops and NATO forces") == ["NATO", "NATO"]


def test_whole_words_only_and_hyphenated_prefixes() -> None:
    assert names("Talibanesque") == []
    assert names("pro-Taliban clerics") == []
    assert names("anti-Taliban militias gathered") == ["Pro-Government Militia (Afghanistan)"]


def test_spans_point_into_the_text() -> None:
    text = "On Monday the ANP and Taliban militants clashed."
    for m in ACTORS.find(text):
        assert text[m.start : m.end] == m.surface


def test_get_side_of_and_controllers() -> None:
    assert ACTORS.get("ana") is ACTORS.get("Military Forces of Afghanistan (2004-2021)")
    assert ACTORS.get("Military Forces of Afghanistan") is ACTORS.get("ANA")
    assert ACTORS.get("no such group") is None
    assert ACTORS.side_of("Haqqani Network") == "insurgent"
    assert ACTORS.side_of("nobody") is None
    haqqani = ACTORS.get("Haqqani Network")
    assert haqqani is not None and haqqani.associate_of == "Taliban"
    assert ACTORS.controller_for("government") == "Government of Afghanistan"
    assert ACTORS.controller_for("insurgent") == "Taliban"
    assert ACTORS.controller_for("resistance") == "National Resistance Front"
    assert ACTORS.controller_for("civilian") is None


@pytest.mark.parametrize(
    ("speaker", "side"),
    [
        ("provincial police spokesman", "government"),
        ("Taliban spokesman", "insurgent"),
        ("Pentagon press secretary", "international"),
        ("White House", "international"),
        ("witnesses", "independent"),
        ("residents", "independent"),
        ("a district governor", "government"),
        ("UN official", "independent"),
        ("un official", None),
        ("officials", None),
        ("Zabihullah Mujahid", "insurgent"),
    ],
)
def test_speaker_side(speaker: str, side: str | None) -> None:
    assert ACTORS.speaker_side(speaker) == side


def test_opposing_sides() -> None:
    assert ACTORS.opposed("government", "insurgent")
    assert ACTORS.opposed("insurgent", "international")
    assert not ACTORS.opposed("government", "international")
    assert not ACTORS.opposed("independent", "insurgent")
    assert not ACTORS.opposed(None, "insurgent")


def _data(**actor: object) -> dict[str, object]:
    base: dict[str, object] = {"name": "A", "side": "insurgent", "inter": 2, "aliases": ["aa"]}
    base.update(actor)
    return {"actors": [base]}


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"actors": []}, "no 'actors' list"),
        (_data(side="rebels"), "side 'rebels'"),
        (_data(inter=9), "inter 9"),
        (_data(aliases="aa"), "aliases 'aa'"),
        (_data(associate_of="Nobody"), "unknown actor 'Nobody'"),
        (
            {
                "actors": [
                    {"name": "A", "side": "insurgent", "inter": 2, "aliases": ["fighters"]},
                    {"name": "B", "side": "government", "inter": 1, "aliases": ["Fighters"]},
                ]
            },
            "names both 'A' and 'B'",
        ),
    ],
)
def test_broken_actor_data_is_refused_with_a_reason(data: dict[str, object], needle: str) -> None:
    with pytest.raises(InvalidTheatreData, match="invalid theatre data") as info:
        ActorList(data, filename="test.json")
    assert needle in str(info.value)


def test_a_new_theatre_brings_its_own_actors() -> None:
    actors = ActorList(
        {
            "actors": [
                {"name": "Blue Army", "side": "government", "inter": 1, "aliases": ["blues"]},
                {"name": "Red Front", "side": "insurgent", "inter": 2, "aliases": ["RF", "reds"]},
            ],
            "controllers": {"government": "Blue Republic"},
        }
    )
    assert [m.name for m in actors.find("The reds and the RF fought the blues")] == [
        "Red Front",
        "Red Front",
        "Blue Army",
    ]
    assert actors.controller_for("government") == "Blue Republic"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_find_never_raises_and_spans_are_ordered(text: str) -> None:
    previous_end = 0
    for m in ACTORS.find(text):
        assert previous_end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.surface
        previous_end = m.end


@settings(max_examples=100, deadline=None)
@given(
    st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Zs")), max_size=40),
    st.sampled_from(["Taliban", "ANP", "Islamic State", "uprising forces", "civilians"]),
    st.text(alphabet=st.characters(whitelist_categories=("Ll", "Lu", "Zs")), max_size=40),
)
def test_an_alias_between_spaces_is_always_found(left: str, alias: str, right: str) -> None:
    text = f"{left} {alias} {right}"
    expected = ACTORS.get(alias)
    assert expected is not None
    assert any(m.name == expected.name for m in ACTORS.find(text))


def test_known_people_with_and_without_honorifics() -> None:
    taliban = ACTORS.get("Taliban")
    assert ACTORS.person("Zabihullah Mujahid") is taliban
    assert ACTORS.person("Mawlawi Hibatullah Akhundzada") is taliban
    assert ACTORS.person("Ahmad Zia Noori") is None
    assert ACTORS.speaker_side("Gen. Mark Milley") == "international"
