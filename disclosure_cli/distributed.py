"""check or extract past one machine: files and web addresses processed on a Dask cluster
(distributed futures), the records written as the command line writes them.

    pip install 'disclosure[dask,parquet]'
    from dask.distributed import Client
    from disclosure_cli.distributed import run

    with Client("tcp://scheduler:8786") as client:          # or Client() for a local cluster
        summary = run(["reports/", "https://…/report.html"], client, "out.jsonl", parquet="values.parquet")

The JSONL is byte for byte what `disclosure check --isolated --format jsonl PATHS` writes
(`mode="extract"`: `disclosure extract --format jsonl`): workers parse, check and encode
chunks of files; the client writes the lines in input order as chunks finish, and pairs
reports of one body in consecutive years at the end, as the command line does. Every worker
needs `disclosure` installed and the paths readable (a shared file system), or give addresses.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from contextlib import ExitStack
from typing import IO, TYPE_CHECKING

from . import batch
from .batch import Outcome
from .config import Config
from .model import FileResult
from .output.jsonl import Formatter

if TYPE_CHECKING:
    from distributed import Client

CHUNK = 32  # files per task: enough work to hide the scheduler's round trip (a few ms)


def process_chunk(sources: list[batch.Source], job: batch.Job) -> list[Outcome]:
    """A worker's task: each source's outcomes (a file may hold several reports), encoded."""
    out: list[Outcome] = []
    for source in sources:
        if batch.is_address(source.path):
            from .fetch import Fetcher
            from .web import resolve

            out.extend(resolve(source, job, Fetcher(job.fetch), lambda fn, *args: fn(*args)))
        else:
            out.extend(batch.process_file(source.path, job, source.explicit))
    return out


def outcomes(client: Client, sources: list[batch.Source], job: batch.Job, chunk: int = CHUNK):
    """Every source's outcomes in input order, as the chunks' tasks finish on the cluster."""
    futures = deque(client.submit(process_chunk, sources[i : i + chunk], job, pure=False)
                    for i in range(0, len(sources), chunk))
    while futures:
        future = futures.popleft()
        yield from future.result()
        future.release()  # the cluster forgets a chunk once it is written


def run(
    paths: list[str],
    client: Client,
    out: str | IO[bytes],
    *,
    mode: str = "check",
    config: Config | None = None,
    pairing: bool = True,
    parquet: str | None = None,
    chunk: int = CHUNK,
    warn: Callable[[str], None] | None = None,
) -> batch.Summary:
    """check (or extract) `paths` (files, folders, globs, addresses) on the cluster behind
    `client`; JSON Lines to `out` (a path or a binary stream) and, with `parquet`, a Parquet
    table of every value (path, key, value, status; needs pyarrow). `config` defaults to no
    configuration file, as `--isolated`. Returns the summary the last line holds."""
    config = config or Config()
    exclude = config.exclude if config.exclude is not None else batch.DEFAULT_EXCLUDE
    sources = batch.collect(list(paths), tuple(exclude) + tuple(config.extend_exclude))
    job = batch.Job(config, mode=mode, output="jsonl", pairing=pairing)
    table = _Values() if parquet else None
    with ExitStack() as stack:
        stream = stack.enter_context(open(out, "wb")) if isinstance(out, str) else out
        formatter = Formatter(stream, mode=mode, fail_on=config.fail_on, rules=tuple(r.id for r in config.rules()))
        formatter.begin()

        def on_file(result: FileResult) -> None:
            formatter.file(result)
            if table is not None:
                table.add(result.payload or b"")

        summary, _ = batch.run_batch(sources, job, on_file, formatter.pair, pairing=pairing, warn=warn,
                                     outcomes=outcomes(client, sources, job, chunk))
        formatter.end(summary)
    if table is not None and parquet:
        table.write(parquet)
    return summary


class _Values:
    """The long table of values, read back from each file's JSON line (so it holds exactly
    what the JSONL says): one row per path and key."""

    def __init__(self) -> None:
        self.columns: dict[str, list] = {"path": [], "key": [], "value": [], "status": []}

    def add(self, line: bytes) -> None:
        import orjson

        record = orjson.loads(line)
        path = record["path"]
        for key, cell in record.get("cells", {}).items():
            self.columns["path"].append(path)
            self.columns["key"].append(key)
            self.columns["value"].append(cell["value"])
            self.columns["status"].append(cell["status"])

    def write(self, path: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([("path", pa.string()), ("key", pa.string()), ("value", pa.float64()), ("status", pa.string())])
        pq.write_table(pa.Table.from_pydict(self.columns, schema=schema), path)
