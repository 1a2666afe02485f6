"""The error catalogue.  Each exception is named after the condition, and its
message says what was received, what is allowed and how to fix it.

Faces (CLI, API) turn a ``FrontlinesError`` into a one-line message and an
exit code or a 4xx; anything else is a bug.
"""

from __future__ import annotations


class FrontlinesError(Exception):
    """Base of every domain error.  ``exit_code`` is what the CLI returns."""

    exit_code = 1


# --- ingest -----------------------------------------------------------------


class InputError(FrontlinesError):
    """An input could not be read as an article.  One bad input never aborts a batch."""

    exit_code = 2

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Rebuilt from both fields when it crosses a process boundary (worker pools).
        return (type(self), (self.source, self.reason))


class BinaryInput(InputError):
    """The input holds binary data (NUL bytes, an image, an archive), not text."""


class EmptyInput(InputError):
    """The input holds no text once whitespace and markup are removed."""


class InputTooLarge(InputError):
    """The input is larger than ``settings.MAX_INPUT_BYTES``."""


class UndecodableInput(InputError):
    """The bytes are not valid text in any encoding we accept."""


class MalformedInput(InputError):
    """A JSONL line that is not JSON, HTML with no body text, a record missing ``text``."""


class TimeBudgetExceeded(InputError):
    """An article took longer than ``settings.ARTICLE_TIME_BUDGET_SECONDS`` in one stage."""


class InputNotFound(InputError):
    """The path does not exist or cannot be opened."""


# --- resolve ----------------------------------------------------------------


class InvalidDate(FrontlinesError):
    """A date that does not exist or is outside the range we accept (e.g. 2021-02-30)."""

    exit_code = 2

    def __init__(self, received: str, hint: str = "use YYYY-MM-DD, e.g. 2021-06-21") -> None:
        self.received = received
        super().__init__(f"invalid date {received!r}: {hint}")


class UnknownTheatre(FrontlinesError):
    """No theatre data package has that name."""

    exit_code = 2

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(f"unknown theatre {name!r}; known theatres: {', '.join(known) or 'none'}")


class UnknownPlace(FrontlinesError):
    """A place name (a district, a town) that the theatre's gazetteer does not hold."""

    exit_code = 2

    def __init__(self, name: str, suggestions: list[str] | None = None) -> None:
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown place {name!r}: not in the theatre gazetteer{hint}")


class InvalidRoadNetwork(FrontlinesError):
    """A theatre's ``roads.json`` that breaks its own rules (an edge to a missing node...)."""

    exit_code = 3

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(
            f"invalid road network {where}: {problem}; fix roads.json "
            "(see scripts/build_roads.py) or pass a valid network"
        )


class InvalidTheatreData(FrontlinesError):
    """A theatre data file (e.g. ``actors.json``) that breaks its format."""

    exit_code = 2

    def __init__(self, filename: str, problem: str, fix: str) -> None:
        super().__init__(f"invalid theatre data in {filename}: {problem}; {fix}")


class UnknownSubEventType(FrontlinesError):
    """A sub-event type that is not one of ACLED's 25 strings."""

    exit_code = 2

    def __init__(self, received: str) -> None:
        super().__init__(
            f"unknown sub-event type {received!r}: use one of ACLED's strings, "
            "e.g. 'Armed clash' or 'Non-state actor overtakes territory'"
        )


# --- store / faces ----------------------------------------------------------


class DatabaseError(FrontlinesError):
    """The database file cannot be opened, or was written by a newer Frontlines."""

    exit_code = 3


class InvalidParameter(FrontlinesError):
    """A command or API parameter outside what is allowed."""

    exit_code = 2

    def __init__(self, name: str, received: object, allowed: str) -> None:
        self.name = name
        super().__init__(f"invalid {name} {received!r}: allowed {allowed}")


class AmbiguousDistrict(FrontlinesError):
    """A district name held by more than one province, given without its province."""

    exit_code = 2

    def __init__(self, name: str, provinces: list[str]) -> None:
        super().__init__(
            f"district {name!r} exists in several provinces ({', '.join(provinces)}): "
            "give the province with --admin1"
        )


class NotFound(FrontlinesError):
    """An event, article or district id that the database does not hold."""

    exit_code = 4


class ServerBusy(FrontlinesError):
    """Too many expensive reads are running; the client should try again shortly."""


class ServerStartFailed(FrontlinesError):
    """The web server did not start listening (the port is taken, the host is not ours)."""

    exit_code = 3


class MissingDependency(FrontlinesError):
    """An optional package a feature needs is not installed."""

    exit_code = 3

    def __init__(self, package: str, feature: str, extra: str) -> None:
        super().__init__(
            f"{feature} needs the package {package!r}, which is not installed: "
            f"install it with: pip install '{extra}'"
        )


# --- engines ----------------------------------------------------------------


class ClusterUnreachable(FrontlinesError):
    """The cluster address given to an engine cannot be reached or is not a cluster."""

    exit_code = 3

    def __init__(self, address: str, reason: str) -> None:
        self.address = address
        super().__init__(
            f"cannot reach the Ray cluster at {address!r} ({reason}); start one with "
            "'ray start --head' on a machine and give its HOST:PORT, or leave out "
            "--ray-address to run a cluster on this machine"
        )
