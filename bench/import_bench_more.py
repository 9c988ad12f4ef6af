"""How fast `replay-tui import` reads Mastodon and Bluesky collections, against the floor.

    python bench/import_bench_more.py [N ...]        default: 1000 100000

For each N and each platform it writes a synthetic collection of N posts as a harvester
saves one, a JSON Lines file of API response pages:

- Mastodon: pages of 40 `Status` objects (a timeline or search page), each with its
  `account`, HTML `content` with a mention, a hashtag and a shortened link; replies, boosts
  (a `reblog` with the whole boosted status), content warnings, media and 4.4 quotes mixed
  in as in a hashtag collection (22 tags a post: the hard case for turning HTML into
  text); and `mastodon-plain`, the same with most posts one paragraph and one in five with
  a hashtag (2 to 6 tags, the shape of the statuses Mastodon.py's test suite records);
- Bluesky: `getAuthorFeed` pages of 100 feed items, each a `postView` with its author,
  record, facets (UTF-8 byte offsets), replies with their root and parent views, images,
  link cards, quoted records, labels, and reposts (`reasonRepost`).

Each measurement runs in a fresh interpreter so that start-up and allocation count alike:

- floor: every line decoded by a bare `msgspec.json.decode` (into dicts and lists, each let
  go before the next: what any reader of the file must at least do);
- import: `replay_tui.imports.import_paths` on the file (the session made, not written);

both run by `bench/import_bench.py` (its `measure`), the same runs as for twarc2.

It prints seconds and the import's time as a multiple of the floor (the target: within
3x). Files go to bench/out/ (ignored by git).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
START = 1748854800  # 2025-06-02T09:00:00Z


def stamp(second: int, fraction: bool = True) -> str:
    text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(START + second))
    return text + (".512Z" if fraction else "Z")


# --- Mastodon --------------------------------------------------------------------------------


def _account(n: int) -> dict[str, object]:
    return {
        "id": str(109_000_000_000_000_000 + n),
        "username": f"user{n}",
        "acct": f"user{n}" if n % 3 else f"user{n}@other.example",
        "display_name": f"User {n}",
        "locked": False,
        "bot": False,
        "discoverable": True,
        "group": False,
        "created_at": "2022-11-03T00:00:00.000Z",
        "note": "<p>A reporter. Views my own.</p>",
        "url": f"https://mastodon.example/@user{n}",
        "uri": f"https://mastodon.example/users/user{n}",
        "avatar": f"https://files.mastodon.example/accounts/avatars/{n}.png",
        "avatar_static": f"https://files.mastodon.example/accounts/avatars/{n}.png",
        "header": "https://mastodon.example/headers/original/missing.png",
        "header_static": "https://mastodon.example/headers/original/missing.png",
        "followers_count": 1204,
        "following_count": 311,
        "statuses_count": 5120,
        "last_status_at": "2025-06-02",
        "emojis": [],
        "fields": [],
    }


def _status(i: int, accounts: list[dict[str, object]]) -> dict[str, object]:
    sid = str(114_612_000_000_000_000 + i)
    account = accounts[(i * 7919) % len(accounts)]
    content = (
        f'<p><span class="h-card" translate="no"><a href="https://mastodon.example/@user{i % 50}" '
        f'class="u-url mention">@<span>user{i % 50}</span></a></span> Post number {i} on '
        f'<a href="https://mastodon.example/tags/Council" class="mention hashtag" rel="tag">'
        f'#<span>Council</span></a> &amp; more.</p><p>Read: <a href="https://news.example.org/'
        f'2025/06/02/article-number-{i}-about-the-council-vote" rel="nofollow noopener" '
        f'translate="no" target="_blank"><span class="invisible">https://</span><span class='
        f'"ellipsis">news.example.org/2025/06/02/ar</span><span class="invisible">ticle-number-'
        f"{i}-about-the-council-vote</span></a></p>"
    )
    status: dict[str, object] = {
        "id": sid,
        "created_at": stamp(i),
        "in_reply_to_id": None,
        "in_reply_to_account_id": None,
        "sensitive": False,
        "spoiler_text": "",
        "visibility": "public",
        "language": "en",
        "uri": f"https://mastodon.example/users/{account['username']}/statuses/{sid}",
        "url": f"https://mastodon.example/@{account['username']}/{sid}",
        "replies_count": i % 5,
        "reblogs_count": i % 13,
        "favourites_count": i % 41,
        "quotes_count": 0,
        "edited_at": None,
        "favourited": False,
        "reblogged": False,
        "muted": False,
        "bookmarked": False,
        "pinned": False,
        "content": content,
        "filtered": [],
        "reblog": None,
        "application": {"name": "Web", "website": None},
        "account": account,
        "media_attachments": [],
        "mentions": [{"id": "1", "username": f"user{i % 50}", "url": "", "acct": f"user{i % 50}"}],
        "tags": [{"name": "council", "url": "https://mastodon.example/tags/council"}],
        "emojis": [],
        "card": None,
        "poll": None,
        "quote": None,
    }
    kind = i % 10
    if i and kind < 4:
        parent = (i * 31) % i
        status["in_reply_to_id"] = str(114_612_000_000_000_000 + parent)
        status["in_reply_to_account_id"] = str(accounts[(parent * 7919) % len(accounts)]["id"])
    elif kind == 4:
        status["sensitive"] = True
        status["spoiler_text"] = "Flood damage"
        status["media_attachments"] = [
            {
                "id": f"9{i}",
                "type": "image",
                "url": f"https://files.mastodon.example/media/{i}.jpg",
                "preview_url": f"https://files.mastodon.example/media/{i}s.jpg",
                "remote_url": None,
                "description": "A flooded street",
                "blurhash": "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH",
                "meta": {"original": {"width": 1600, "height": 1200}},
            }
        ]
    return status


def generate_mastodon(n: int, path: Path, plain: bool = False) -> None:
    """`plain`: most posts one paragraph, one in five with a hashtag (2 to 6 tags, the
    shape of the statuses Mastodon.py's test suite records), instead of every post with a
    mention, a hashtag and a shortened link (22 tags)."""
    accounts = [_account(a) for a in range(max(10, n // 20))]
    originals: list[dict[str, object]] = []
    page: list[dict[str, object]] = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            status = _status(i, accounts)
            if plain:
                tag = (
                    ' <a href="https://mastodon.example/tags/Council" class="mention hashtag" '
                    'rel="tag">#<span>Council</span></a>'
                )
                words = f"Post number {i} about the council &amp; more."
                status["content"] = f"<p>{words}{tag if i % 5 == 0 else ''}</p>"
            if originals and i % 10 == 6:  # a boost carries the boosted status whole
                status.update(content="", reblog=originals[(i // 3) % len(originals)])
            elif originals and i % 10 == 7:
                quoted = originals[(i // 2) % len(originals)]
                status["quote"] = {"state": "accepted", "quoted_status": quoted}
            else:
                originals.append(status)
            page.append(status)
            if len(page) == 40 or i == n - 1:
                out.write(json.dumps(page) + "\n")
                page = []


# --- Bluesky --------------------------------------------------------------------------------


def _profile(n: int) -> dict[str, object]:
    did = f"did:plc:{n:024d}"
    return {
        "did": did,
        "handle": f"user{n}.bsky.social",
        "displayName": f"User {n}",
        "avatar": f"https://cdn.bsky.app/img/avatar/plain/{did}/bafkrei{n}@jpeg",
        "associated": {"chat": {"allowIncoming": "following"}},
        "viewer": {"muted": False, "blockedBy": False},
        "labels": [],
        "createdAt": "2023-04-12T10:00:00.000Z",
    }


def _post(i: int, profiles: list[dict[str, object]]) -> dict[str, object]:
    author = profiles[(i * 7919) % len(profiles)]
    uri = f"at://{author['did']}/app.bsky.feed.post/3lq{i:010d}"
    text = f"Café post {i} 👋 on the vote: news.example.org/2025/06/0... #Council"
    data = text.encode()
    link = data.index(b"news")
    tag = data.index(b"#Council")
    record: dict[str, object] = {
        "$type": "app.bsky.feed.post",
        "createdAt": stamp(i),
        "langs": ["en"],
        "text": text,
        "facets": [
            {
                "index": {
                    "byteStart": link,
                    "byteEnd": link + len(b"news.example.org/2025/06/0..."),
                },
                "features": [
                    {
                        "$type": "app.bsky.richtext.facet#link",
                        "uri": f"https://news.example.org/2025/06/02/article-{i}",
                    }
                ],
            },
            {
                "index": {"byteStart": tag, "byteEnd": tag + len(b"#Council")},
                "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "Council"}],
            },
        ],
    }
    view: dict[str, object] = {
        "uri": uri,
        "cid": f"bafyreib{i:020d}",
        "author": author,
        "record": record,
        "replyCount": i % 5,
        "repostCount": i % 13,
        "likeCount": i % 41,
        "quoteCount": i % 3,
        "indexedAt": stamp(i),
        "viewer": {"threadMuted": False, "embeddingDisabled": False},
        "labels": [],
    }
    kind = i % 10
    if kind == 4:
        view["embed"] = {
            "$type": "app.bsky.embed.images#view",
            "images": [
                {
                    "thumb": f"https://cdn.bsky.app/img/feed_thumbnail/plain/x/{i}@jpeg",
                    "fullsize": f"https://cdn.bsky.app/img/feed_fullsize/plain/x/{i}@jpeg",
                    "alt": "A flooded street",
                    "aspectRatio": {"width": 1600, "height": 1200},
                }
            ],
        }
        view["labels"] = [
            {"src": "did:plc:mod", "uri": uri, "val": "graphic-media", "cts": stamp(i)}
        ]
    elif kind == 5:
        view["embed"] = {
            "$type": "app.bsky.embed.external#view",
            "external": {
                "uri": f"https://minutes.example.gov/{i}",
                "title": "Minutes",
                "description": "",
            },
        }
    return view


def generate_bluesky(n: int, path: Path) -> None:
    profiles = [_profile(p) for p in range(max(10, n // 20))]
    views: list[dict[str, object]] = []
    with path.open("w", encoding="utf-8") as out:
        page: list[dict[str, object]] = []
        for i in range(n):
            view = _post(i, profiles)
            item: dict[str, object] = {"post": view}
            kind = i % 10
            if i and kind < 4:
                parent = views[(i * 31) % i]
                root = views[0]
                view["record"]["reply"] = {  # type: ignore[index]
                    "root": {"uri": root["uri"], "cid": root["cid"]},
                    "parent": {"uri": parent["uri"], "cid": parent["cid"]},
                }
                item["reply"] = {
                    "root": dict(root, **{"$type": "app.bsky.feed.defs#postView"}),
                    "parent": dict(parent, **{"$type": "app.bsky.feed.defs#postView"}),
                }
            elif i and kind == 6:
                item = {
                    "post": views[i // 3],
                    "reason": {
                        "$type": "app.bsky.feed.defs#reasonRepost",
                        "by": profiles[i % len(profiles)],
                        "indexedAt": stamp(i),
                    },
                }
            elif i and kind == 7:
                quoted = views[i // 2]
                view["embed"] = {
                    "$type": "app.bsky.embed.record#view",
                    "record": {
                        "$type": "app.bsky.embed.record#viewRecord",
                        "uri": quoted["uri"],
                        "cid": quoted["cid"],
                        "author": quoted["author"],
                        "value": quoted["record"],
                        "labels": [],
                        "indexedAt": quoted["indexedAt"],
                        "embeds": [],
                    },
                }
            views.append(view)
            page.append(item)
            if len(page) == 100 or i == n - 1:
                out.write(json.dumps({"feed": page, "cursor": stamp(i)}) + "\n")
                page = []


# --- measuring: bench/import_bench.py's fresh-interpreter runs ------------------------------


def main(sizes: list[int]) -> None:
    from import_bench import measure  # beside this file: the floor and import runs

    OUT.mkdir(parents=True, exist_ok=True)
    print(
        f"{'collection':>14} {'posts':>9} {'file MB':>8} {'floor s':>8} {'import s':>9} "
        f"{'x floor':>8}"
    )
    for n in sizes:
        for name, generate in (
            ("mastodon", generate_mastodon),
            ("mastodon-plain", lambda n, path: generate_mastodon(n, path, plain=True)),
            ("bluesky", generate_bluesky),
        ):
            path = OUT / f"{name}-{n}.jsonl"
            if not path.exists():
                generate(n, path)
            floor = min(measure("floor", path)["seconds"] for _ in range(2))
            best = min(measure("import", path)["seconds"] for _ in range(2))
            print(
                f"{name:>14} {n:>9,} {path.stat().st_size / 2**20:>8.1f} {floor:>8.2f} "
                f"{best:>9.2f} {best / floor:>8.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 100_000])
