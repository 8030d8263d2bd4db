"""disclosure_cli.distributed on a LocalCluster of two worker processes writes the same JSONL
as the command line, and a Parquet table of the same values."""

from __future__ import annotations

import importlib.util
import os

import orjson
import pytest

from .conftest import CORPUS, SAMPLES, invoke

if importlib.util.find_spec("distributed") is None and os.environ.get("DISCLOSURE_DASK_TESTS") == "required":
    raise RuntimeError("the Dask tests are required here (.ci/run) but distributed is not installed")
distributed = pytest.importorskip("distributed", reason="pip install '.[dask,parquet]' (.ci/run does on one Python)")

from disclosure_cli.distributed import run  # noqa: E402

INPUTS = [str(CORPUS.relative_to(CORPUS.parent.parent)), str(SAMPLES.relative_to(SAMPLES.parent))]


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


@pytest.mark.parametrize("mode", ["check", "extract"])
def test_same_jsonl_as_the_command_line(client, tmp_path, monkeypatch, mode: str) -> None:
    monkeypatch.chdir(CORPUS.parent.parent)  # paths in the records as the command line was given them
    expected = invoke(mode, *INPUTS, "--format", "jsonl", *(["--isolated"] if mode == "check" else []), "-j", "1")
    out = tmp_path / "out.jsonl"
    summary = run(INPUTS, client, str(out), mode=mode, chunk=3, parquet=str(tmp_path / "values.parquet"))
    assert out.read_bytes() == expected.stdout
    assert summary.files == sum(1 for line in expected.stdout.splitlines() if orjson.loads(line)["type"] == "file")

    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(tmp_path / "values.parquet").to_pylist()
    cells = [(r["path"], k, c["value"], c["status"]) for r in map(orjson.loads, expected.stdout.splitlines())
             if r["type"] == "file" for k, c in r.get("cells", {}).items()]
    assert [(t["path"], t["key"], t["value"], t["status"]) for t in table] == cells
    assert len(cells) > 1000
