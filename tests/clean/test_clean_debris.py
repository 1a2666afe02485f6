"""Debris lines go with their reason; real news sentences stay."""

from __future__ import annotations

import pytest

from frontlines.clean import clean_article, normalise_text
from frontlines.clean.debris import debris_reason
from frontlines.records import Article

LEAD = "Taliban fighters captured the district centre of Khan Abad on Sunday, officials said."
MORE = "Residents said families were leaving for Kunduz city along the main road."


def clean(*paragraphs: str, title: str | None = None) -> Article:
    return clean_article(Article(article_id="t", text="\n\n".join(paragraphs), title=title))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Download the Example News app for breaking news alerts", "promotion"),
        ("Get the Example app for the latest headlines", "promotion"),
        ("Sign up for our daily newsletter", "promotion"),
        ("Sign up to receive our Afghanistan briefing by email", "promotion"),
        ("Follow us on Twitter and Facebook", "promotion"),
        ("Click here to read the full report", "promotion"),
        ("Advertisement", "promotion"),
        ("Related: Taliban push into northern provinces", "related link"),
        ("RELATED", "related link"),
        ("Read more: What the withdrawal means for Kabul", "related link"),
        ("READ MORE", "related link"),
        ("By Jane Example", "byline"),
        ("By Jane Example and John Sample, Associated Press", "byline"),
        ("By Jane Example | Reuters", "byline"),
        ("Associated Press", "byline"),
        ("Jane Example, Associated Press", "byline"),
        ("Image source, Getty Images", "photo caption"),
        ("Image caption, Displaced families wait for aid in Kunduz", "photo caption"),
        ("Share Tweet Email", "share buttons"),
        ("Share this article", "share buttons"),
        ("Facebook Twitter WhatsApp Copy link", "share buttons"),
        ("(Reporting by Jane Example; Editing by John Sample)", "reporting credits"),
        ("© 2021 Example News. All rights reserved.", "copyright"),
        ("Updated June 21, 2021, 10:03 a.m. ET", "timestamp"),
        ("Fighters patrol a street in Kunduz on Monday. (AP Photo/Jane Example)", "photo caption"),
        ("A checkpoint near Pul-e Khumri. REUTERS/Jane Example", "photo caption"),
        ("A checkpoint near Pul-e Khumri. REUTERS/Jane Example/File Photo", "photo caption"),
        ("Police stand guard in Kabul. Jane Example / AFP via Getty Images", "photo caption"),
        ("Photo: Jane Example", "photo caption"),
        ("Displaced families in a camp (Photo by Jane Example/AFP)", "photo caption"),
        # A caption glued to its credit without a space or a line break.
        (
            "Soldiers wait at a checkpoint on the outskirts of the city.Jane Example / Xinhua / "
            "Getty Images File",
            "photo caption",
        ),
    ],
)
def test_debris_lines_are_dropped_with_their_reason(line: str, reason: str) -> None:
    assert debris_reason(line) == reason
    article = clean(LEAD, line, MORE)
    assert article.text == f"{LEAD}\n\n{MORE}"
    assert article.dropped == ((line, reason),)


REAL_SENTENCES = [
    "The Taliban said on their app that fighters had taken the police headquarters.",
    "Residents said they could not download anything because the mobile network was cut.",
    "Follow-up operations are planned in the coming days, a spokesman said.",
    "Related fighting was reported in neighbouring Baghlan province, police said.",
    "By Monday evening, Taliban fighters had reached the gates of the city.",
    "By Tuesday the road was open again.",
    "Photographs posted online showed fighters at the district headquarters.",
    "A Reuters photographer saw bodies in the street near the bazaar.",
    "Getty Images and other agencies withdrew their staff from Kabul.",
    "Watch towers along the highway were abandoned by the police overnight.",
    "Share prices on the Kabul exchange fell sharply as the Taliban advanced.",
    "Email messages seen by reporters showed officials asking for reinforcements.",
    "Published figures show that more than 20 districts fell in June.",
    "Updated casualty figures were not available on Monday.",
    "The operation was led by U.S./Afghan forces, the statement said.",
    "Sign-up for the new militia units was slow in Kunduz, officials said.",
    "Click on any district in the map to see its control history.",
    "Subscribers to the main mobile network lost service in three provinces.",
    "Reuters could not independently verify the claim.",
    "The Associated Press reported that the governor had fled.",
    "The photo agency said its photographer, who works for AFP/Getty, was safe.",
]


@pytest.mark.parametrize("sentence", REAL_SENTENCES)
def test_real_news_sentences_survive(sentence: str) -> None:
    assert debris_reason(sentence) is None
    article = clean(LEAD, sentence, MORE)
    assert sentence in article.text
    assert article.dropped == ()


def test_long_lines_are_never_promotions() -> None:
    line = "Click here " + "and the Taliban said the road was closed " * 10
    assert debris_reason(line) is None


def test_known_title_repeated_at_the_top_is_dropped() -> None:
    title = "Taliban take Khan Abad"
    article = clean(title, LEAD, title="Taliban take Khan Abad")
    assert article.text == LEAD
    assert article.dropped == ((title, "title"),)


def test_title_repeat_ignores_case_and_punctuation() -> None:
    article = clean("TALIBAN TAKE KHAN ABAD.", LEAD, title="Taliban take Khan Abad")
    assert article.text == LEAD


def test_two_identical_first_lines_become_the_title() -> None:
    head = "Taliban take Khan Abad, adding to gains"
    article = clean(head, head, LEAD, MORE)
    assert article.title == head
    assert article.text == f"{LEAD}\n\n{MORE}"
    assert [why for _, why in article.dropped] == ["title", "title"]


def test_a_headline_paragraph_becomes_the_title_when_unknown() -> None:
    article = clean("Taliban take Khan Abad", LEAD, MORE)
    assert article.title == "Taliban take Khan Abad"
    assert article.text == f"{LEAD}\n\n{MORE}"


def test_a_short_first_sentence_is_not_taken_for_a_headline() -> None:
    article = clean("Fighting continued.", LEAD)
    assert article.title is None
    assert article.text.startswith("Fighting continued.")


def test_a_title_mentioned_later_is_kept() -> None:
    title = "Taliban take Khan Abad"
    article = clean(LEAD, MORE, "A", "B", title, title=title)
    assert article.text.endswith(title)


def test_paragraphs_kept_and_whitespace_normalised() -> None:
    text = f"  {LEAD}\t \n\n\n\n{MORE}\u00a0 \u2003 More words.\r\nNext line\u2028end"
    article = clean_article(Article(article_id="t", text=text))
    assert article.text == f"{LEAD}\n\n{MORE} More words.\nNext line\nend"
    assert article.raw_text == text


def test_quotes_are_left_as_written() -> None:
    line = '“We left everything,” he said, ‘and ran.’ He added: "nothing is left".'
    article = clean(LEAD, line)
    assert line in article.text


def test_normalise_text_removes_invisible_characters() -> None:
    assert normalise_text("Ku\u200bnduz\x07 city\ufeff") == "Kunduz city"


def test_cleaning_twice_changes_nothing_more() -> None:
    once = clean("Taliban take Khan Abad", "KABUL (Reuters) - " + LEAD, "Share Tweet Email", MORE)
    twice = clean_article(once)
    assert twice.text == once.text
    assert twice.dropped == once.dropped
    assert twice.dateline == once.dateline == "KABUL"


def test_a_short_first_paragraph_below_a_dateline_is_not_a_headline() -> None:
    article = clean("KABUL, Afghanistan (March 4, 2011) –", "Sangin district", LEAD)
    assert article.title is None
    assert article.text.startswith("Sangin district")
