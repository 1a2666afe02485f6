"""``frontlines history DISTRICT [--admin1 P] [--db] [--counting]``."""

from __future__ import annotations

import click

from frontlines.cli._common import counting_option, db_option, domain_errors


@click.command("history")
@click.argument("district")
@click.option("--admin1", default=None, help="Province, when the district name is ambiguous.")
@db_option()
@counting_option()
@domain_errors
def command(district: str, admin1: str | None, db_path: str | None, counting: str) -> None:
    """A district's control states over time, with evidence sentences and sources.

    DISTRICT may be any spelling the gazetteer knows ("Doshi", "Dushi").
    """
    from frontlines.control import history_detail
    from frontlines.control.timeline import basis_of
    from frontlines.store import open_db

    detail = history_detail(open_db(db_path, create=False), district, admin1, counting)
    first = detail[0][0]
    click.echo(f"{first.admin2} ({first.admin1}), counting {counting}")
    for state, events in detail:
        basis = basis_of(state)
        level = {"province": ", province-wide report", "country": ", country-wide report"}
        click.echo(
            f"\nsince {state.since or '-'}: {state.controller or 'unknown'}, {state.status}"
            + (f", {state.claim_status}" if state.claim_status else "")
            + level.get(basis, "")
            + (f" (baseline: {state.source})" if basis == "baseline" and state.source else "")
            + (" (no evidence)" if basis == "none" else "")
        )
        for event in events:
            click.echo(
                f"  {event.event_id}  {event.sub_event_type}  {event.event_date or '-'}  "
                f"{event.claim_status}, {event.corroboration} independent account(s)"
            )
            roles = dict(event.report_roles)
            for report in event.reports:
                speakers = "; ".join(
                    s.name + (f" ({s.role})" if s.role else "") for s in report.sources
                )
                mark = "  [contradicts]" if roles.get(report.event_id) == "contradicts" else ""
                click.echo(
                    f"    - {report.outlet or report.article_id}, {report.published or '-'}"
                    f'{mark}: "{report.evidence}"' + (f" (sources: {speakers})" if speakers else "")
                )
