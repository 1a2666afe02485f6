"""The Ray engine on a real two-node Ray cluster started on this machine.

The cluster is two ``ray start`` nodes of one CPU each, joined on loopback; the same
inputs go through ``--engine local`` and ``--engine ray`` into two databases, which
must hold the same articles, reports, events (same ids) and control states.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontlines.errors import ClusterUnreachable
from frontlines.store import open_db

pytest.importorskip("ray", reason="ray is not installed (pip install -e '.[test]')")

from frontlines.engines.ray_engine import ingest_ray  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "src" / "frontlines" / "demo" / "corpus"
RAY = str(Path(sys.executable).with_name("ray"))
# Token authentication, as a real cluster should use: every node and the driver share it.
AUTH = {"RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": secrets.token_hex(32)}
ENV = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", **AUTH}

# Every table the store writes, with the columns that may differ between two runs left out.
TABLES = {
    "articles": "ingested_at",
    "minhash_bands": None,
    "reports": None,
    "events": None,
    "districts": None,
    "control_states": None,
}


def snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    db = open_db(path)
    out: dict[str, list[tuple[object, ...]]] = {}
    for table, skip in TABLES.items():
        columns = [c.name for c in db[table].columns if c.name != skip]
        rows = db.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
        out[table] = sorted(rows, key=repr)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(*args: str) -> None:
    done = subprocess.run([RAY, *args], env=ENV, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"ray {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """The address of a running two-node cluster (head + one joined node, 1 CPU each)."""
    # Ray's sockets live under the temp dir: keep its path short.
    temp = tempfile.mkdtemp(prefix="fl-ray-", dir="/tmp")
    port = free_port()
    address = f"127.0.0.1:{port}"
    saved = {k: os.environ.get(k) for k in AUTH}
    os.environ.update(AUTH)  # for the driver: this test process
    try:
        run(
            "start",
            "--head",
            f"--port={port}",
            "--num-cpus=1",
            f"--temp-dir={temp}",
            "--node-ip-address=127.0.0.1",
            "--include-dashboard=false",
            "--object-store-memory=200000000",
            "--disable-usage-stats",
        )
        run(
            "start",
            f"--address={address}",
            "--num-cpus=1",
            "--node-ip-address=127.0.0.1",
            "--object-store-memory=200000000",
            "--disable-usage-stats",
        )
        yield address
    finally:
        subprocess.run([RAY, "stop", "--force"], env=ENV, capture_output=True, timeout=120)
        shutil.rmtree(temp, ignore_errors=True)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    """The demo corpus, a plain-text copy of one of its reports (a duplicate by content),
    a binary file and an empty folder's sibling: what the readers must report alike."""
    folder = tmp_path / "in"
    shutil.copytree(DEMO, folder / "demo")
    first = json.loads((DEMO / "2021-06.jsonl").read_text().splitlines()[0])
    (folder / "copy.txt").write_text(first["text"])
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    return folder


def frontlines(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a process of its own, with the cluster's token in its environment."""
    command = [str(Path(sys.executable).with_name("frontlines")), *args]
    return subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=300)


COUNT_NODES = (
    "import ray, sys; ray.init(address=sys.argv[1], log_to_driver=False); "
    "print(sum(n['Alive'] for n in ray.nodes()), int(ray.cluster_resources()['CPU']))"
)


@pytest.mark.slow
def test_ray_cluster_ingest_matches_local(cluster: str, inputs: Path, tmp_path: Path) -> None:
    nodes = subprocess.run(
        [sys.executable, "-c", COUNT_NODES, cluster],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert nodes.stdout.split() == ["2", "2"], nodes.stderr  # two live nodes, one CPU each

    local = frontlines("ingest", str(inputs), "--db", str(tmp_path / "local.db"), "--workers", "2")
    remote = frontlines(
        "ingest",
        str(inputs),
        "--db",
        str(tmp_path / "ray.db"),
        "--workers",
        "2",
        "--engine",
        "ray",
        "--ray-address",
        cluster,
    )
    # One input (the binary file) fails in both: exit code 2, the same summary line.
    assert local.returncode == 2, local.stderr
    assert remote.returncode == 2, remote.stderr
    assert remote.stdout == local.stdout
    assert "duplicate 1," in local.stdout and "failed 1," in local.stdout
    assert "broken.txt" in remote.stderr

    expected = snapshot(tmp_path / "local.db")
    got = snapshot(tmp_path / "ray.db")
    assert len(expected["events"]) > 100 and expected["control_states"]
    for table in TABLES:
        assert got[table] == expected[table], table


def test_unreachable_address_is_a_clear_error(tmp_path: Path) -> None:
    address = f"127.0.0.1:{free_port()}"  # nothing listens there
    with pytest.raises(ClusterUnreachable, match="cannot reach the Ray cluster at '127.0.0.1"):
        ingest_ray([DEMO], db=tmp_path / "x.db", address=address)
    with pytest.raises(ClusterUnreachable, match="it is not HOST:PORT"):
        ingest_ray([DEMO], db=tmp_path / "x.db", address="localhost")


def test_missing_ray_is_a_clear_error(tmp_path: Path) -> None:
    # A process where ``import ray`` fails, as on a machine without it.
    code = (
        "import sys; sys.modules['ray'] = None\n"
        "from frontlines.cli import main\n"
        "main(['ingest', '--engine', 'ray', '--db', sys.argv[1], sys.argv[2]])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "x.db"), str(DEMO)],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 3
    assert "--engine ray needs the package 'ray', which is not installed" in done.stderr
    assert "pip install 'ray[data]==2.60.0'" in done.stderr
