"""How fast `replay-tui import` reads a twarc2 collection, against the floor of decoding it.

    python bench/import_bench.py [N ...]        default: 1000 100000 1000000

For each N it writes a synthetic twarc2 collection of N tweets (API v2 search pages of 100
tweets, with `includes.users`, `includes.tweets` for what the page's tweets reply to, quote
or retweet, `__twarc`; the mix of replies, quotes and retweets of a hashtag collection), then
measures, each in a fresh interpreter so that start-up and allocation count alike:

- floor: every line read and decoded by a bare `msgspec.json.decode` (into dicts and lists,
  each line let go before the next: what any reader of the file must at least do);
- kept floor: the same, keeping what it decoded, with the collector off (the convention of
  bench/run.py's load floors; an import keeps what it reads too);
- import: `replay_tui.imports.import_paths` on the file (the session made, not written);
- session: the resulting session decoded from its JSON by msgspec into the format's Structs
  (the memory the session itself needs).

It prints seconds (wall clock, and CPU time, which a shared machine disturbs less; the best
of two runs of each, alternating), the import's time as a multiple of the floor (the
target: within 3x),
peak resident memory above a bare interpreter's, and the import's peak as a multiple of the
session's (the target: within 2x). Files go to bench/out/ (ignored by git).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
EPOCH_MS = 1288834974657
START_MS = 1426190400000  # 2015-03-12T20:00:00Z


def snowflake(ms: int, seq: int) -> int:
    return ((ms - EPOCH_MS) << 22) | (seq & 0x3FFFFF)


def generate(n: int, path: Path) -> None:
    """N synthetic tweets as twarc2 search pages of 100, oldest first."""
    users = [
        {
            "id": str(10_000 + u),
            "username": f"user_{u}",
            "name": f"User {u}",
            "description": "A bio.",
        }
        for u in range(max(10, n // 20))
    ]
    retrieved = "2015-03-20T09:00:00+00:00"
    ids: list[int] = []
    with path.open("w", encoding="utf-8") as out:
        for start in range(0, n, 100):
            data = []
            referenced: dict[int, dict[str, object]] = {}
            authors: set[int] = set()
            for i in range(start, min(start + 100, n)):
                ms = START_MS + i * 250
                tid = snowflake(ms, i)
                ids.append(tid)
                author = (i * 7919) % len(users)
                authors.add(author)
                created = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ms // 1000)) + ".000Z"
                tweet: dict[str, object] = {
                    "id": str(tid),
                    "author_id": users[author]["id"],
                    "conversation_id": str(ids[0]),
                    "created_at": created,
                    "text": f"Tweet number {i} about #AskOrg &amp; more, with a link https://t.co/x{i:08d}",
                    "entities": {
                        "urls": [
                            {
                                "start": 60,
                                "end": 83,
                                "url": f"https://t.co/x{i:08d}",
                                "expanded_url": f"https://example.org/articles/{i}",
                                "display_url": f"example.org/articles/{i}",
                            }
                        ],
                        "hashtags": [{"start": 20, "end": 27, "tag": "AskOrg"}],
                    },
                    "public_metrics": {
                        "retweet_count": i % 13,
                        "reply_count": i % 5,
                        "like_count": i % 41,
                        "quote_count": i % 3,
                    },
                    "lang": "en",
                    "possibly_sensitive": False,
                    "reply_settings": "everyone",
                    "source": "Twitter Web App",
                    "edit_history_tweet_ids": [str(tid)],
                }
                kind = i % 10
                if i > 0 and kind < 5:
                    parent = ids[(i * 31) % i]
                    tweet["referenced_tweets"] = [{"type": "replied_to", "id": str(parent)}]
                    tweet["in_reply_to_user_id"] = users[(author + 1) % len(users)]["id"]
                elif i > 0 and kind == 5:
                    tweet["referenced_tweets"] = [{"type": "quoted", "id": str(ids[i // 2])}]
                elif i > 0 and kind == 6:
                    original = ids[i // 3]
                    tweet["referenced_tweets"] = [{"type": "retweeted", "id": str(original)}]
                    tweet["text"] = f"RT @user_1: Tweet number {i // 3} about #AskOrg &amp; m…"
                    referenced[original] = {
                        "id": str(original),
                        "author_id": users[1]["id"],
                        "created_at": created,
                        "text": f"Tweet number {i // 3} about #AskOrg",
                    }
                data.append(tweet)
            page = {
                "data": data,
                "includes": {
                    "users": [users[a] for a in sorted(authors)],
                    "tweets": list(referenced.values()),
                },
                "meta": {"result_count": len(data)},
                "__twarc": {
                    "url": "https://api.twitter.com/2/tweets/search/all",
                    "version": "2.14.0",
                    "retrieved_at": retrieved,
                },
            }
            out.write(json.dumps(page) + "\n")


# --- what runs in each measured interpreter ----------------------------------------------


def _hwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(mode: str, path: str) -> None:
    import gc

    import msgspec

    if mode == "floor":
        started, cpu_started = time.perf_counter(), time.process_time()
        count = 0
        decode = msgspec.json.decode
        with open(path, "rb") as handle:
            for line in handle:
                decode(line)
                count += 1
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    elif mode == "floor-kept":
        gc.disable()  # as the import has it (and as bench/run.py's load floors do)
        started, cpu_started = time.perf_counter(), time.process_time()
        decode = msgspec.json.decode
        with open(path, "rb") as handle:
            kept = [decode(line) for line in handle]
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        count = len(kept)
    elif mode == "import":
        from replay_tui.imports import ImportOptions, import_paths

        started, cpu_started = time.perf_counter(), time.process_time()
        result = import_paths([path], ImportOptions())
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        count = len(result.session.posts)
        if len(sys.argv) > 4:  # write the session, for the session-memory run
            Path(sys.argv[4]).write_bytes(msgspec.json.encode(result.session))
    elif mode == "session":
        from replay_tui.format.model import Session

        gc.disable()  # as read_session decodes
        started, cpu_started = time.perf_counter(), time.process_time()
        session = msgspec.json.decode(Path(path).read_bytes(), type=Session)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        count = len(session.posts)
    elif mode == "bare":
        import replay_tui.imports  # noqa: F401  (the same imports as the import run)

        elapsed, cpu, count = 0.0, 0.0, 0
    else:
        raise SystemExit(f"unknown mode {mode}")
    figures = {"seconds": elapsed, "cpu": cpu, "count": count, "hwm_mb": _hwm_mb()}
    print(json.dumps(figures), flush=True)


def measure(mode: str, path: Path, *extra: str) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path), *extra],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def main(sizes: list[int]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    bare = measure("bare", Path(os.devnull))["hwm_mb"]
    print(f"bare interpreter with replay_tui.imports: {bare:.0f} MB peak\n")
    header = (
        f"{'tweets':>9} {'file MB':>8} {'floor s':>8} {'import s':>9} {'x floor':>8} "
        f"{'floor cpu':>10} {'import cpu':>11} {'x floor':>8} "
        f"{'floor MB':>9} {'import MB':>10} {'session MB':>11} {'x session':>10}"
    )
    print(header)
    for n in sizes:
        path = OUT / f"twarc2-{n}.jsonl"
        if not path.exists():
            generate(n, path)
        session_file = OUT / f"twarc2-{n}.session.json"
        # Each twice, alternating, the best of each: the machine may be shared.
        floors, imports, kepts = [], [], []
        for run in range(2):
            floors.append(measure("floor", path))
            kepts.append(measure("floor-kept", path))
            extra = (str(session_file),) if run == 0 else ()
            imports.append(measure("import", path, *extra))
        floor = min(floors, key=lambda f: f["seconds"])
        best = min(i["seconds"] for i in imports)
        floor_cpu = min(f["cpu"] for f in floors)
        best_cpu = min(i["cpu"] for i in imports)
        kept_s = min(k["seconds"] for k in kepts)
        kept_cpu = min(k["cpu"] for k in kepts)
        session = measure("session", session_file)
        import_mb = min(i["hwm_mb"] for i in imports) - bare
        session_mb = session["hwm_mb"] - bare
        print(
            f"{n:>9,} {path.stat().st_size / 2**20:>8.1f} {floor['seconds']:>8.2f} "
            f"{best:>9.2f} {best / floor['seconds']:>8.2f} "
            f"{floor_cpu:>10.2f} {best_cpu:>11.2f} {best_cpu / floor_cpu:>8.2f} "
            f"{floor['hwm_mb'] - bare:>9.0f} "
            f"{import_mb:>10.0f} {session_mb:>11.0f} {import_mb / max(session_mb, 1):>10.2f}",
            flush=True,
        )
        print(
            f"{'':>9} kept floor: {kept_s:.2f} s (import {best / kept_s:.2f}x), "
            f"cpu {kept_cpu:.2f} s (import {best_cpu / kept_cpu:.2f}x), "
            f"{min(k['hwm_mb'] for k in kepts) - bare:.0f} MB",
            flush=True,
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main([int(a) for a in sys.argv[1:]] or [1000, 100_000, 1_000_000])
