"""ACLED's event taxonomy: the 6 event types and 25 sub-event types, with ACLED's exact strings."""

from __future__ import annotations

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VIOLENCE_CIVILIANS = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

EVENT_TYPES: tuple[str, ...] = (BATTLES, EXPLOSIONS, VIOLENCE_CIVILIANS, PROTESTS, RIOTS, STRATEGIC)

ARMED_CLASH = "Armed clash"
GOV_REGAINS = "Government regains territory"
NSA_OVERTAKES = "Non-state actor overtakes territory"
CHEMICAL_WEAPON = "Chemical weapon"
AIR_STRIKE = "Air/drone strike"
SUICIDE_BOMB = "Suicide bomb"
SHELLING = "Shelling/artillery/missile attack"
REMOTE_EXPLOSIVE = "Remote explosive/landmine/IED"
GRENADE = "Grenade"
SEXUAL_VIOLENCE = "Sexual violence"
ATTACK = "Attack"
ABDUCTION = "Abduction/forced disappearance"
PEACEFUL_PROTEST = "Peaceful protest"
PROTEST_INTERVENTION = "Protest with intervention"
EXCESSIVE_FORCE = "Excessive force against protesters"
VIOLENT_DEMONSTRATION = "Violent demonstration"
MOB_VIOLENCE = "Mob violence"
AGREEMENT = "Agreement"
ARRESTS = "Arrests"
CHANGE_TO_GROUP = "Change to group/activity"
DISRUPTED_WEAPONS = "Disrupted weapons use"
HQ_ESTABLISHED = "Headquarters or base established"
LOOTING = "Looting/property destruction"
NONVIOLENT_TRANSFER = "Non-violent transfer of territory"
OTHER = "Other"

#: sub-event type -> event type, in ACLED's order.
SUB_EVENT_TYPES: dict[str, str] = {
    ARMED_CLASH: BATTLES,
    GOV_REGAINS: BATTLES,
    NSA_OVERTAKES: BATTLES,
    CHEMICAL_WEAPON: EXPLOSIONS,
    AIR_STRIKE: EXPLOSIONS,
    SUICIDE_BOMB: EXPLOSIONS,
    SHELLING: EXPLOSIONS,
    REMOTE_EXPLOSIVE: EXPLOSIONS,
    GRENADE: EXPLOSIONS,
    SEXUAL_VIOLENCE: VIOLENCE_CIVILIANS,
    ATTACK: VIOLENCE_CIVILIANS,
    ABDUCTION: VIOLENCE_CIVILIANS,
    PEACEFUL_PROTEST: PROTESTS,
    PROTEST_INTERVENTION: PROTESTS,
    EXCESSIVE_FORCE: PROTESTS,
    VIOLENT_DEMONSTRATION: RIOTS,
    MOB_VIOLENCE: RIOTS,
    AGREEMENT: STRATEGIC,
    ARRESTS: STRATEGIC,
    CHANGE_TO_GROUP: STRATEGIC,
    DISRUPTED_WEAPONS: STRATEGIC,
    HQ_ESTABLISHED: STRATEGIC,
    LOOTING: STRATEGIC,
    NONVIOLENT_TRANSFER: STRATEGIC,
    OTHER: STRATEGIC,
}

#: Sub-event types that change who holds territory, and which way.
TERRITORIAL: frozenset[str] = frozenset({NSA_OVERTAKES, GOV_REGAINS, NONVIOLENT_TRANSFER})

#: CASE 2021 Task 2 codes -> ACLED sub-event strings (the 25 that ACLED has).
CASE2021_CODES: dict[str, str] = {
    "ARMED_CLASH": ARMED_CLASH,
    "GOV_REGAINS_TERIT": GOV_REGAINS,
    "NON_STATE_ACTOR_OVERTAKES_TER": NSA_OVERTAKES,
    "CHEM_WEAP": CHEMICAL_WEAPON,
    "AIR_STRIKE": AIR_STRIKE,
    "SUIC_BOMB": SUICIDE_BOMB,
    "ART_MISS_ATTACK": SHELLING,
    "REM_EXPLOS": REMOTE_EXPLOSIVE,
    "GRENADE": GRENADE,
    "SEX_VIOL": SEXUAL_VIOLENCE,
    "ATTACK": ATTACK,
    "ABDUCT_DISSAP": ABDUCTION,
    "PEACE_PROTEST": PEACEFUL_PROTEST,
    "PROTEST_WITH_INTER": PROTEST_INTERVENTION,
    "FORCE_AGAINST_PROTEST": EXCESSIVE_FORCE,
    "VIOL_DEMONSTR": VIOLENT_DEMONSTRATION,
    "MOB_VIOL": MOB_VIOLENCE,
    "AGREEMENT": AGREEMENT,
    "ARREST": ARRESTS,
    "CHANGE_TO_GROUP_ACT": CHANGE_TO_GROUP,
    "DISR_WEAP": DISRUPTED_WEAPONS,
    "HQ_ESTABLISHED": HQ_ESTABLISHED,
    "PROPERTY_DISTRUCT": LOOTING,
    "NON_VIOL_TERRIT_TRANSFER": NONVIOLENT_TRANSFER,
    "OTHER": OTHER,
}


def event_type_of(sub_event_type: str) -> str:
    """The ACLED event type of a sub-event type; raises UnknownSubEventType otherwise."""
    from frontlines.errors import UnknownSubEventType

    try:
        return SUB_EVENT_TYPES[sub_event_type]
    except KeyError:
        raise UnknownSubEventType(sub_event_type) from None


#: ACLED's column order, for the columns we share with ACLED.  Our own columns follow.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
