"""How fast `replay-tui import` reads Mastodon and Bluesky collections, against the floor.

    python bench/import_bench_more.py [N ...]        default: 1000 100000

For each N and each platform it writes a synthetic collection of N posts as a harvester
saves one, a JSON Lines file of API response pages:

- Mastodon: pages of 40 `Status` objects (a timeline or search page), each with its
  `account` and HTML `content` as Mastodon's formatter writes it, varied from post to post
  (`_content`): one to four paragraphs, `<br />` line breaks, h-card mentions (a reply
  always names the author it answers), hashtags inline or in a closing paragraph, links
  shortened with `invisible`/`ellipsis` spans, entities, emoji, `:shortcode:`s, right-to-
  left scripts, a 4.4 `quote-inline` paragraph on some quotes; replies, boosts (a `reblog`
  with the whole boosted status), content warnings with media, media with and without alt
  text, link cards, edits and quotes mixed in as in a hashtag collection; and
  `mastodon-heavy`, every post the same markup-heavy shape (a mention, a hashtag and a
  long link: 22 tags a post, the hard case for turning HTML into text);
- Bluesky: `getAuthorFeed` pages of 100 feed items, each a `postView` with its author,
  record, facets (UTF-8 byte offsets), replies with their root and parent views, images,
  link cards, quoted records, labels, and reposts (`reasonRepost`).

Each measurement runs in a fresh interpreter so that start-up and allocation count alike:

- floor: every line decoded by a bare `msgspec.json.decode` (into dicts and lists, each let
  go before the next: what any reader of the file must at least do);
- import: `replay_tui.imports.import_paths` on the file (the session made, not written);

both run by `bench/import_bench.py` (its `measure`), the same runs as for twarc2.

Floor and import alternate, three rounds (a shared machine's load falls on both); it
prints the best seconds of each, the median of the rounds' import-to-floor ratios, wall
clock and CPU time (which a shared machine disturbs less; the target: within 3x), and
every round's ratios, the spread. Files go to bench/out/ (ignored by git).
"""

from __future__ import annotations

import json
import random
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


_WORDS = (
    "the council vote tonight on flood relief budget was postponed again after a long "
    "debate and residents don't know when the next meeting is; café owners on Main Street "
    "say the water reached 40cm — \u201cwe were told it would be fixed\u201d by the mayor's "
    "office, Stadtrat Überschwemmung مجلس المدينة מועצת העיר 🌊 🗳️ :blobcat: :flag_de:"
).split()
_TAGS = [f"{w[0].upper()}{w[1:]}{n}" if n else w[0].upper() + w[1:] for n in range(25) for w in (
    "council", "flood", "budget", "news", "mastodon", "vote", "relief", "ClimateCrisis",
    "localpolitics", "journalism", "Fediverse", "weather", "transit", "housing", "schools",
    "Photography", "OpenData", "science", "health", "rivers")]  # fmt: skip
_REL = ('rel="nofollow noopener" target="_blank"', 'rel="nofollow noopener noreferrer" '
        'target="_blank"', 'rel="noopener" target="_blank"')  # fmt: skip


def _escaped(word: str) -> str:
    return word.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        "'", "&#39;").replace('"', "&quot;")  # fmt: skip


def _mention(who: dict[str, object]) -> str:
    """An h-card mention as Mastodon's formatter writes it."""
    user = str(who["username"])
    return (
        f'<span class="h-card" translate="no"><a href="{who["url"]}" class="u-url mention">'
        f"@<span>{user}</span></a></span>"
    )


def _hashtag(tag: str, remote: bool) -> str:
    rel = 'rel="nofollow noopener" target="_blank"' if remote else 'rel="tag"'
    return (
        f'<a href="https://mastodon.example/tags/{tag.lower()}" class="mention hashtag" '
        f"{rel}>#<span>{tag}</span></a>"
    )


def _link(url: str, rel: str) -> str:
    """A link as Mastodon shortens it: scheme and tail hidden, an ellipsis after 30
    characters; a short one keeps all but the scheme."""
    scheme, _, rest = url.partition("://")
    if len(rest) > 30:
        shown = (
            f'<span class="ellipsis">{rest[:30]}</span><span class="invisible">{rest[30:]}</span>'
        )
    else:
        shown = f'<span class="">{rest}</span><span class="invisible"></span>'
    return f'<a href="{url}" {rel} translate="no"><span class="invisible">{scheme}://</span>{shown}</a>'


def _sentence(rng: random.Random) -> str:
    count = rng.randint(4, 18)
    start = rng.randrange(len(_WORDS))
    words = [_WORDS[(start + k * rng.randint(1, 3)) % len(_WORDS)] for k in range(count)]
    return _escaped(" ".join(words).capitalize()) + rng.choice((".", ".", "!", "?", ":", " …"))


def _content(i: int, rng: random.Random, accounts: list[dict[str, object]], reply_to:
             dict[str, object] | None, quote_url: str | None) -> str:  # fmt: skip
    """The HTML of a post as Mastodon serves it: paragraphs, `<br />` line breaks, h-card
    mentions (always one to the author replied to), hashtags, shortened links, entities,
    emoji and `:shortcode:`s, a 4.4 `quote-inline` paragraph on some quotes; the mix and
    the sizes vary from post to post."""
    paragraphs: list[str] = []
    for _ in range(rng.choices((1, 2, 3, 4), (50, 30, 15, 5))[0]):
        lines = [_sentence(rng) for _ in range(rng.choices((1, 2, 3), (75, 18, 7))[0])]
        if rng.random() < 0.15:
            lines = [" ".join(lines)]
        paragraphs.append("<br />".join(lines))
    if rng.random() < 0.2:  # a hashtag inside the first sentence
        words = paragraphs[0].split("<br />")[0]
        cut = words.rfind(" ", 0, len(words) // 2)
        tag = _hashtag(rng.choice(_TAGS), rng.random() < 0.3)
        if cut > 0:
            paragraphs[0] = paragraphs[0][:cut] + " " + tag + paragraphs[0][cut:]
    first = paragraphs[0]
    mentions = [] if reply_to is None else [reply_to]
    if rng.random() < 0.15:
        mentions.append(accounts[rng.randrange(len(accounts))])
    if mentions:
        first = " ".join(_mention(m) for m in mentions) + " " + first
    paragraphs[0] = first
    if rng.random() < 0.35:
        url = (
            f"https://{rng.choice(('news.example.org', 'www.example.com', 'blog.example.net'))}"
            f"/{2025 - i % 3}/{i % 12 + 1:02d}/story-{i}"
            + ("-about-the-council-vote-and-the-flood" if rng.random() < 0.7 else "")
            + ("?utm_source=mastodon&amp;utm_medium=social" if rng.random() < 0.1 else "")
        )
        where = rng.randrange(len(paragraphs))
        paragraphs[where] += " " + _link(url, rng.choice(_REL))
    if rng.random() < 0.4:
        tags = rng.sample(_TAGS, rng.choices((1, 2, 3, 5, 8), (40, 25, 20, 10, 5))[0])
        remote = rng.random() < 0.3
        paragraphs.append(" ".join(_hashtag(t, remote) for t in tags))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    if quote_url is not None and rng.random() < 0.5:
        body = f'<p class="quote-inline">RE: {_link(quote_url, _REL[0])}</p>' + body
    return body


def _heavy(i: int) -> str:
    """Every post the same markup-heavy shape: a mention, a hashtag and a long link."""
    return (
        f'<p><span class="h-card" translate="no"><a href="https://mastodon.example/@user{i % 50}" '
        f'class="u-url mention">@<span>user{i % 50}</span></a></span> Post number {i} on '
        f'<a href="https://mastodon.example/tags/Council" class="mention hashtag" rel="tag">'
        f'#<span>Council</span></a> &amp; more.</p><p>Read: <a href="https://news.example.org/'
        f'2025/06/02/article-number-{i}-about-the-council-vote" rel="nofollow noopener" '
        f'translate="no" target="_blank"><span class="invisible">https://</span><span class='
        f'"ellipsis">news.example.org/2025/06/02/ar</span><span class="invisible">ticle-number-'
        f"{i}-about-the-council-vote</span></a></p>"
    )


def _image(i: int, k: int, alt: str | None) -> dict[str, object]:
    return {
        "id": f"9{i}{k}",
        "type": "image",
        "url": f"https://files.mastodon.example/media/{i}-{k}.jpg",
        "preview_url": f"https://files.mastodon.example/media/{i}-{k}s.jpg",
        "remote_url": None,
        "description": alt,
        "blurhash": "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH",
        "meta": {"original": {"width": 1600, "height": 1200}},
    }


def _status(
    i: int,
    accounts: list[dict[str, object]],
    rng: random.Random,
    heavy: bool,
    quoted: dict[str, object] | None = None,
) -> dict[str, object]:
    sid = str(114_612_000_000_000_000 + i)
    account = accounts[(i * 7919) % len(accounts)]
    kind = i % 10
    parent_author = None
    if i and kind < 4:
        parent = (i * 31) % i
        parent_author = accounts[(parent * 7919) % len(accounts)]
    quote_url = str(quoted["url"]) if quoted is not None else None
    content = _heavy(i) if heavy else _content(i, rng, accounts, parent_author, quote_url)
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
        "quote": None if quoted is None else {"state": "accepted", "quoted_status": quoted},
    }
    if parent_author is not None:
        status["in_reply_to_id"] = str(114_612_000_000_000_000 + (i * 31) % i)
        status["in_reply_to_account_id"] = str(parent_author["id"])
    elif kind == 4:
        status["sensitive"] = True
        status["spoiler_text"] = "Flood damage" if heavy else rng.choice(
            ("Flood damage", "politics", "CW: injury (photo)", "Meta, long", "US pol"))  # fmt: skip
        status["media_attachments"] = [_image(i, 0, "A flooded street")]
    elif kind == 8 and not heavy:
        alts = ("A flooded street, cars under water to the windows", None, "Chart: budget")
        status["media_attachments"] = [
            _image(i, k, alts[(i + k) % 3]) for k in range(rng.randint(1, 3))
        ]
        status["sensitive"] = rng.random() < 0.2
    if not heavy and rng.random() < 0.05:
        status["edited_at"] = stamp(i + 600)
    if not heavy and 'translate="no"><span class="invisible">' in content and rng.random() < 0.5:
        status["card"] = {"url": f"https://news.example.org/card/{i}", "title": "A story"}
    return status


def generate_mastodon(n: int, path: Path, heavy: bool = False) -> None:
    """`heavy`: every post the same markup-heavy shape (`_heavy`) instead of the varied
    mix of `_content`."""
    rng = random.Random(14)
    accounts = [_account(a) for a in range(max(10, n // 20))]
    originals: list[dict[str, object]] = []
    page: list[dict[str, object]] = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            quoted = None
            if originals and i % 10 == 7:
                quoted = originals[(i // 2) % len(originals)]
            status = _status(i, accounts, rng, heavy, quoted)
            if originals and i % 10 == 6:  # a boost carries the boosted status whole
                status.update(content="", reblog=originals[(i // 3) % len(originals)])
            elif quoted is None:
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


def main(sizes: list[int], rounds: int = 3) -> None:
    from import_bench import measure  # beside this file: the floor and import runs

    OUT.mkdir(parents=True, exist_ok=True)
    print(
        f"{'collection':>14} {'posts':>9} {'file MB':>8} {'floor s':>8} {'import s':>9} "
        f"{'x floor':>8} {'cpu x floor':>12}  per round: wall x floor | cpu x floor"
    )
    for n in sizes:
        for name, generate in (
            ("mastodon", generate_mastodon),
            ("mastodon-heavy", lambda n, path: generate_mastodon(n, path, heavy=True)),
            ("bluesky", generate_bluesky),
        ):
            path = OUT / f"{name}-{n}.jsonl"
            if not path.exists():
                generate(n, path)
            measure("floor", path)  # the page cache warmed
            pairs = [(measure("floor", path), measure("import", path)) for _ in range(rounds)]
            walls = sorted(i["seconds"] / f["seconds"] for f, i in pairs)
            cpus = sorted(i["cpu"] / f["cpu"] for f, i in pairs)
            print(
                f"{name:>14} {n:>9,} {path.stat().st_size / 2**20:>8.1f} "
                f"{min(f['seconds'] for f, _ in pairs):>8.2f} "
                f"{min(i['seconds'] for _, i in pairs):>9.2f} {walls[len(walls) // 2]:>8.2f} "
                f"{cpus[len(cpus) // 2]:>12.2f}  "
                + " ".join(f"{r:.2f}" for r in walls)
                + " | "
                + " ".join(f"{r:.2f}" for r in cpus),
                flush=True,
            )


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(
        description="Mastodon and Bluesky imports against a bare msgspec decode of the "
        "same bytes (CPU and wall ratios, alternating rounds)."
    )
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 100_000], help="posts")
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    main(options.sizes, options.rounds)
