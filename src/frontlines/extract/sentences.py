"""Sentence splitting with offsets into the cleaned text.

A small rule-based splitter: news prose has few sentence shapes, and a
statistical model would cost more start-up time than the whole extraction.
Offsets are kept so that every evidence sentence points back into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the cleaned text, ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str
    #: Index of the paragraph (blank-line separated block) the sentence sits in.
    paragraph: int = 0


# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "cpl",
        "pvt",
        "adm",
        "brig",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "mt",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "nos",
        "vs",
        "etc",
        "approx",
        "est",
        "dept",
        "u.s",
        "u.n",
        "u.k",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "inc",
        "corp",
        "ltd",
        "co",
        "jr",
        "sr",
        "prof",
        "pres",
        "gov't",
    ]
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then space.
# Scraped pages lose the space after a full stop ("US troops.Kunduz provincial ..."):
# a stop between a lower-case word and a capitalised one ends a sentence too.
_BOUNDARY = re.compile(r"""[.!?]+["'\u201d\u2019)\]]*(?=\s+|$)|(?<=[a-z]{3})[.!?](?=[A-Z][a-z])""")
_PARAGRAPH = re.compile(r"\n\s*\n")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.']*)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True if the full stop at ``dot`` ends an abbreviation or an initial."""
    # Look only at the few characters before the dot: searching from the start of
    # the text would make splitting quadratic in its length.
    match = _WORD_BEFORE.search(text, max(0, dot - 24), dot)
    if match is None:
        return False
    word = match.group(1).lower().rstrip(".")
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "John F. Kennedy", "U."
    return word in _ABBREVIATIONS


def _next_starts_sentence(text: str, pos: int) -> bool:
    """True if the text after ``pos`` (past whitespace) starts like a new sentence."""
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    if pos >= n:
        return True
    ch = text[pos]
    return ch.isupper() or ch.isdigit() or ch in "\"'\u201c\u2018(["


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with offsets, paragraph by paragraph."""
    sentences: list[Sentence] = []
    para_start = 0
    bounds = [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]
    for paragraph, para_end in enumerate(bounds):
        _split_paragraph(text, para_start, para_end, paragraph, sentences)
        sep = _PARAGRAPH.match(text, para_end)
        para_start = sep.end() if sep else para_end
    return sentences


def _split_paragraph(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    # A single line break ends a sentence after terminal punctuation or after a short
    # line without it (a heading, a press-release reference); otherwise it is a
    # hard wrap inside a sentence.
    block_start = start
    pos = text.find("\n", start, end)
    while pos != -1:
        line = text[text.rfind("\n", block_start, pos) + 1 : pos].rstrip()
        if line and (line[-1] in _TERMINAL or (len(line) < _HEADING_MAX and line[-1] not in ",;-")):
            _split_block(text, block_start, pos, paragraph, out)
            block_start = pos + 1
        pos = text.find("\n", pos + 1, end)
    _split_block(text, block_start, end, paragraph, out)


_TERMINAL = frozenset(".!?:\"'\u201d\u2019)")
_HEADING_MAX = 100


def _split_block(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    seg_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        stop = match.end()
        # A lone full stop may end an abbreviation; decimals ("0.6") never reach here.
        single_dot = text[match.start()] == "." and match.end() - match.start() == 1
        if single_dot and _is_abbreviation(text, match.start()):
            continue
        if not _next_starts_sentence(text, stop):
            continue
        _emit(text, seg_start, stop, paragraph, out)
        seg_start = stop
    _emit(text, seg_start, end, paragraph, out)


def _emit(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end], paragraph))
