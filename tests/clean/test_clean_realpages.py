"""Debris of real news pages, as lines written for these tests (issue 9)."""

from __future__ import annotations

import pytest

from frontlines.clean.debris import CAPTION, FURNITURE, RELATED, debris_reason


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Tuesday, 12 March 2024, 09:14:02 am", FURNITURE),
        ("July 9, 2021 / 4:10 PM", FURNITURE),
        ("(Last Updated On: July 9, 2021)", FURNITURE),
        ("• publish: 9 July 2021", FURNITURE),
        ("category: Politics", FURNITURE),
        ("Source: Example Agency| 2021-07-09 10:22:31|Editor: jdoe", FURNITURE),
        ("By Staff Writer | Updated: July 9, 2021 15:05 IST", FURNITURE),
        ("Rate this item", FURNITURE),
        ("(3 votes)", FURNITURE),
        ("Login to post comments", FURNITURE),
        ("KEY WORDS: Afghanistan,Baghlan,Taliban", FURNITURE),
        ("XYZ 12.40 Increased By ▲ 0.30 (2.1%)", FURNITURE),
        ("Related video: Taliban seize a border crossing in the west", RELATED),
        ("Fighters stand on a road in Ghazni on August 12, 2021 after taking it [AFP]", CAPTION),
        ("A wounded man is carried to a clinic in Kabul on May 8, 2021. Reuters", CAPTION),
        ("Officials inspect a car in Kabul on Tuesday. Photo by Jane Roe/EPA-EFE", CAPTION),
        ("Soldiers train at a base in Herat on July 30, 2015. JANE ROE/U.S. ARMY", CAPTION),
    ],
)
def test_real_page_debris_is_named(line: str, reason: str) -> None:
    assert debris_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "The Taliban took the district on June 29, 2021, officials said.",
        "Taliban fighters captured Nahrin district on Tuesday, a provincial council member said.",
        "Rate cuts were announced by the central bank on Monday.",
        "The governor said 12 comments on social media had been traced to the group.",
    ],
)
def test_sentences_of_the_story_are_kept(line: str) -> None:
    assert debris_reason(line) is None
