"""Write synthetic, contract-valid sessions of any size for benchmarks and scale tests.

The sessions look like a busy hashtag campaign: a few hundred participants, posts a few
seconds to minutes apart, replies, hashtags and mentions, some media, reactions and press
excerpts. They are deterministic for a given size and seed, so runs compare like with like.
Nothing here is meant to be true: it is filler text, labelled as such in the title.

    python bench/synth.py 100000 out.json    # write one
    python bench/synth.py 1000000            # generate once into bench/out/, print its path
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import os
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import msgspec

WORDS = """
question answer campaign statement reply thread press quote source report ceasefire border
city school hospital market night morning official account video photo link update
correction claim response interview
""".split()


def session(posts: int, seed: int = 2013) -> dict[str, Any]:
    rng = random.Random(seed)
    people = max(3, min(500, posts // 20))
    start = datetime(2015, 3, 12, 9, 0, tzinfo=UTC)
    participants = [
        {
            "id": f"u{i}",
            "name": f"Participant {i}",
            "handle": f"@user{i}",
            "group": f"g{i % 4}",
            "role": "synthetic account",
        }
        for i in range(people)
    ]
    sources = [
        {"id": "s0", "outlet": "Synthetic Wire", "kind": "news"},
        {"id": "s1", "outlet": "Synthetic Archive", "kind": "archive"},
    ]
    at = start
    items: list[dict[str, Any]] = []
    for i in range(posts):
        at += timedelta(seconds=rng.randint(1, 240))
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 30)))
        post: dict[str, Any] = {
            "id": f"p{i}",
            "author": f"u{rng.randrange(people)}",
            "time": at.isoformat(timespec="seconds"),
            "text": f"#AskSynthetic @user{rng.randrange(people)} {words}",
            "sources": ["s0"] if i % 7 else ["s0", "s1"],
        }
        if i and rng.random() < 0.4:
            post["reply_to"] = f"p{rng.randrange(i)}"
        if rng.random() < 0.02:
            post["media"] = [{"kind": "photo", "description": "a synthetic photo"}]
        items.append(post)
    reactions = [
        {"post": f"p{rng.randrange(posts)}", "kind": "favorite", "by": "u0", "sources": ["s0"]}
        for _ in range(max(1, posts // 100))
    ]
    press = [
        {"source": "s0", "quote": "A synthetic excerpt.", "posts": [f"p{rng.randrange(posts)}"]}
        for _ in range(max(1, posts // 1000))
    ]
    chapters = [
        {"title": f"Part {k + 1}", "start": f"p{k * posts // 5}", "prompt": "What changed?"}
        for k in range(min(5, posts))
    ]
    return {
        "format": "replay-tui/1",
        "id": f"synthetic-{posts}",
        "title": f"Synthetic session of {posts} posts (filler text, not real)",
        "summary": "Generated for benchmarks; nothing in it is true.",
        "timezone": "UTC",
        "sources": sources,
        "participants": participants,
        "chapters": chapters,
        "posts": items,
        "reactions": reactions,
        "press": press,
    }


def write(path: Path, posts: int, seed: int = 2013) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(msgspec.json.encode(session(posts, seed)))
    return path


CACHE = Path(__file__).resolve().parent / "out"
"""Generated sessions are kept here (gitignored): a million posts take about 15 s to build."""


def cache_path(posts: int, seed: int = 2013, folder: Path = CACHE) -> Path:
    """Where `cached` keeps the session of `posts` posts for `seed`. The name carries a
    digest of the generator (`session` and its words), so a change to it makes new files,
    not stale ones."""
    source = inspect.getsource(session) + repr(WORDS)
    digest = hashlib.sha256(source.encode()).hexdigest()[:10]
    return folder / f"synthetic-{posts}-{seed}-{digest}.json"


def cached(posts: int, seed: int = 2013, folder: Path = CACHE) -> Path:
    """The session of `posts` posts for `seed`, generated once and then reused. It is
    written under a temporary name and renamed, so an interrupted run never leaves half a
    file to be reused."""
    path = cache_path(posts, seed, folder)
    if not path.exists():
        partial = path.with_suffix(f".{os.getpid()}.part")
        write(partial, posts, seed)
        partial.replace(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("posts", type=int)
    parser.add_argument("output", type=Path, nargs="?", help="default: the cache in bench/out/")
    parser.add_argument("--seed", type=int, default=2013)
    args = parser.parse_args()
    if args.output is None:
        print(cached(args.posts, args.seed))
    else:
        write(args.output, args.posts, args.seed)


if __name__ == "__main__":
    main()
