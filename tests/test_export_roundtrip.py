"""Exports read back with the libraries analysts use: the ACLED CSV with pandas, the
GeoJSON with geopandas (GDAL, as QGIS reads it), Parquet with pyarrow."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from frontlines.cli import main
from frontlines.demo import build_demo, corpus_files
from frontlines.taxonomy import ACLED_COLUMNS

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not corpus_files():
        pytest.skip("the demo corpus is not bundled")
    path = tmp_path_factory.mktemp("export") / "demo.db"
    build_demo(str(path), workers=1)
    return str(path)


def export(demo_db: str, fmt: str, out: Path) -> None:
    result = CliRunner().invoke(
        main, ["events", "--db", demo_db, "--format", fmt, "--output", str(out)]
    )
    assert result.exit_code == 0, result.output


def test_csv_has_every_acled_column_in_order_filled_where_known(
    demo_db: str, tmp_path: Path
) -> None:
    out = tmp_path / "events.csv"
    export(demo_db, "csv", out)
    df = pd.read_csv(out)
    cols = list(df.columns)
    assert cols[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert {"claim_status", "sources", "evidence", "url"} <= set(cols[len(ACLED_COLUMNS) :])
    assert len(df) > 100
    # Always known for a Frontlines event.
    for col in ("event_id_cnty", "event_date", "year", "event_type", "sub_event_type",
                "disorder_type", "source", "timestamp",
                "article_id", "published", "claim_status", "evidence"):  # fmt: skip
        assert df[col].notna().all(), col
    afghan = df[df["country"] == "Afghanistan"]
    assert len(afghan) > 0.8 * len(df)
    assert (afghan["iso"] == 4).all()
    assert (afghan["region"] == "Caucasus and Central Asia").all()
    # Fatalities are 0, never blank, where no report gave a number; and real counts survive.
    assert df["fatalities"].notna().all() and df["fatalities"].dtype.kind == "i"
    assert (df["fatalities"] > 0).any() and (df["fatalities"] == 0).any()
    assert df["sources"].notna().any() and df["url"].notna().any()
    placed = df[df["latitude"].notna()]
    assert len(placed) > 0.7 * len(df)
    assert placed["latitude"].between(29, 39).mean() > 0.9


def test_geojson_reads_with_geopandas(demo_db: str, tmp_path: Path) -> None:
    gpd = pytest.importorskip("geopandas")
    out = tmp_path / "events.geojson"
    export(demo_db, "geojson", out)
    gdf = gpd.read_file(out)
    assert len(gdf) > 100
    assert gdf.crs is not None and gdf.crs.to_epsg() == 4326
    placed = gdf[~gdf.geometry.is_empty & gdf.geometry.notna()]
    assert (placed.geometry.geom_type == "Point").all()
    assert (placed.geometry.x.round(4) == placed["longitude"].round(4)).all()
    assert {"event_id_cnty", "fatalities", "claim_status", "evidence"} <= set(gdf.columns)
    assert gdf["fatalities"].sum() > 0


def test_parquet_reads_with_pyarrow(demo_db: str, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    export(demo_db, "parquet", out)
    table = pq.read_table(out)
    assert table.column_names[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert str(table.schema.field("fatalities").type) == "int64"
    assert str(table.schema.field("latitude").type) == "double"
    csv_out = tmp_path / "events.csv"
    export(demo_db, "csv", csv_out)
    assert table.num_rows == len(pd.read_csv(csv_out))
