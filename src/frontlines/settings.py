"""Every threshold and default in one place.  Each stage reads its section here;
nothing else hard-codes a number that a user might want to tune."""

from __future__ import annotations

import os

# --- theatre ---------------------------------------------------------------
DEFAULT_THEATRE = os.environ.get("FRONTLINES_THEATRE", "afghanistan")

# --- ingest ----------------------------------------------------------------
#: Larger inputs are refused with InputTooLarge (a 50 MB text file is not an article).
MAX_INPUT_BYTES = 5 * 1024 * 1024
#: Share of control characters above which bytes are taken as binary.
MAX_CONTROL_CHAR_RATIO = 0.05
#: Inputs with fewer letters than this after cleaning are EmptyInput.
MIN_ARTICLE_LETTERS = 20
#: A JSON Lines file holds many articles and is streamed line by line, so it may be
#: larger than one article; each of its lines is still held to MAX_INPUT_BYTES.
MAX_JSONL_BYTES = 512 * 1024 * 1024
#: Bytes read from the start of an input to sniff its format.
SNIFF_BYTES = 2048
#: Published dates from metadata earlier than this year are refused (with a warning).
MIN_PUBLISHED_YEAR = 1900

# --- clean -----------------------------------------------------------------
#: A dateline is looked for only in the first lines of an article (press releases put a
#: headline, a release number and "For Immediate Release" before it).
DATELINE_MAX_LINE = 12
#: Lines before a dateline longer than this are body text, not header.
HEADER_MAX_LINE_CHARS = 200
#: Promotion, byline and share-button lines longer than this are kept: a real sentence.
DEBRIS_MAX_LINE_CHARS = 240

# --- resolve: dates --------------------------------------------------------
#: Event dates earlier than this or after publication + horizon are refused.
MIN_EVENT_YEAR = 1900
FUTURE_HORIZON_DAYS = 366

# --- extract ---------------------------------------------------------------
#: Mentions of one event within an article may differ in date by this many days
#: ("fighting began on Sunday ... by Monday the district had fallen").
ARTICLE_MERGE_DAYS = 1
#: An event its sentence dates only by a statement ("confirmed today") takes the day
#: told in one of this many following sentences.
ELABORATION_SENTENCES = 3
#: classify_text: score lost per sentence after the first, so that the lead
#: sentence of a snippet, which usually states the event, wins near-ties.
CLASSIFY_SENTENCE_DECAY = 0.06
#: Score lost by a cue that names what a protest is about ("rallied to decry the
#: arrests"), so that the protest, not its grievance, is the event.
CLASSIFY_GRIEVANCE_PENALTY = 0.45
#: What a cue loses when it only profiles someone ("a facilitator responsible for
#: attacks"): enough to rank below any cue of an event told in the same snippet.
CLASSIFY_PROFILE_PENALTY = 0.5
#: Minimum counts for vague quantities ("several insurgents were detained").
#: Small fixed minimums, as in the ISAF press-release annotation; "dozens" and
#: larger follow ACLED's practice (a dozen for "dozens", a hundred for "hundreds").
VAGUE_COUNT_MINIMUMS: dict[str, int] = {
    "a couple of": 2,
    "both": 2,
    "a few": 3,
    "several": 3,
    "multiple": 3,
    "a number of": 4,
    "a large number of": 5,
    "a group of": 3,
    "a handful of": 3,
    "some": 2,
    "numerous": 4,
    "many": 4,
    "a dozen": 12,
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
}

# --- resolve: places -------------------------------------------------------
#: Minimum similarity (0..1) for a fuzzy transliteration match of a place name.
PLACE_FUZZY_MIN_SIMILARITY = 0.86
#: Place names whose matching key has this many letters or fewer are matched only
#: as spelled (case and punctuation aside): folding would make "Nile" Nili.
PLACE_EXACT_MAX_KEY_LETTERS = 4
#: A name spelled with dropped vowels ("Kandhar", "Lagman") is read by its consonant
#: skeleton only when the skeleton has at least this many letters...
PLACE_LOOSE_MIN_CONSONANTS = 4
#: ...and a misprint (one letter added, dropped, changed or two swapped) only in a
#: name whose key has at least this many letters; both only when one province fits.
PLACE_EDIT_MIN_LETTERS = 7
#: Both at once (vowels aside and one consonant off: "Dawalabad") only from this many.
PLACE_LOOSE_EDIT_MIN_LETTERS = 9

# --- store -----------------------------------------------------------------
DEFAULT_DB = "frontlines.db"
#: SQLite's page cache per connection, in KiB: the default 2 MB holds little of the
#: indexes an ingest searches in a large database; a bound keeps peak memory flat.
SQLITE_CACHE_KIB = 16 * 1024
DB_ENV_VAR = "FRONTLINES_DB"


#: Articles written per transaction: a kill loses at most one batch, which a re-run redoes.
INGEST_BATCH_SIZE = 50
#: Articles queued per extraction worker; bounds memory whatever the corpus size.
INGEST_IN_FLIGHT_PER_WORKER = 16


def default_db_path() -> str:
    """``$FRONTLINES_DB`` if set, else ``frontlines.db`` in the working directory."""
    return os.environ.get(DB_ENV_VAR) or DEFAULT_DB


# --- fuse ------------------------------------------------------------------
#: MinHash near-duplicate threshold (estimated Jaccard of word shingles).
WIRE_COPY_JACCARD = 0.7
WIRE_SHINGLE_WORDS = 5
MINHASH_PERMUTATIONS = 64
#: Reports of the same event merge when their dates lie within this many days,
#: widened by each report's time precision (day 0, week 7, month 31).
FUSE_DATE_WINDOW_DAYS = 2
TIME_PRECISION_SLACK_DAYS = {1: 0, 2: 7, 3: 31}
#: MinHash LSH banding: MINHASH_PERMUTATIONS = bands x rows; candidates are then checked
#: against WIRE_COPY_JACCARD, so the bands only need to catch them (16 x 4 ~ Jaccard 0.5).
MINHASH_BANDS = 16

# --- control ---------------------------------------------------------------
#: Fighting without a change of hands keeps a district contested this long.
CONTESTED_WINDOW_DAYS = 14
#: Sub-event types that count as fighting for a district (ACLED strings).
CONTESTING_SUB_EVENT_TYPES: tuple[str, ...] = (
    "Armed clash",
    "Shelling/artillery/missile attack",
    "Air/drone strike",
)
#: Controller everywhere at the start; None takes the theatre's ``baseline.controller``.
BASELINE_CONTROLLER: str | None = None
#: Which claim statuses each --counting choice counts.
COUNTING: dict[str, tuple[str, ...]] = {
    "confirmed": ("confirmed",),
    "reported": ("confirmed", "reported", "disputed"),
    "all": ("confirmed", "reported", "claimed", "unverified", "disputed"),
}
DEFAULT_COUNTING = "all"

# --- routes ----------------------------------------------------------------
#: A route longer than this multiple of the baseline counts as effectively cut.
DETOUR_CUT_FACTOR = 3.0

# --- api / web -------------------------------------------------------------
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
API_TOKEN_ENV_VAR = "FRONTLINES_API_TOKEN"
API_PAGE_SIZE = 100
API_MAX_PAGE_SIZE = 1000
