"""Write the import fixtures in this folder (run it from anywhere; it writes beside itself).

The fixtures reproduce the structure of the real formats (twarc2 pages, streaming and
flattened lines; API v1.1 extended and compat tweets; the account archive's data/*.js) with
made-up accounts and texts. Status ids are real snowflakes for the times given, so that the
time each id encodes agrees with `created_at`, as on the platform. They also carry what real
files carry: a cut-off last line, a line that is not JSON, counts as strings, missing fields.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
EPOCH_MS = 1288834974657


def sid(when: str, seq: int = 0) -> str:
    """The snowflake id of a tweet posted at `when` (UTC)."""
    at = datetime.fromisoformat(when.replace("Z", "+00:00"))
    return str(((int(at.timestamp() * 1000) + 321 - EPOCH_MS) << 22) | seq)


def v2time(when: str) -> str:
    return when.replace("Z", ".000Z")


def v1time(when: str) -> str:
    at = datetime.fromisoformat(when.replace("Z", "+00:00"))
    return at.strftime("%a %b %d %H:%M:%S +0000 %Y")


ROOT = sid("2015-03-12T20:00:00Z")
Q1 = sid("2015-03-12T20:05:00Z")
R1 = sid("2015-03-12T20:10:00Z")
R2 = sid("2015-03-12T20:15:00Z")
GONE = sid("2015-03-12T19:00:00Z")
R3 = sid("2015-03-12T20:20:00Z")
RT1 = sid("2015-03-12T20:25:00Z")
RT2 = sid("2015-03-12T20:26:00Z")
ORIG_ABSENT = sid("2015-03-12T18:00:00Z")
LONG = sid("2015-03-12T20:30:00Z")
W1 = sid("2015-03-12T20:35:00Z")
S1 = sid("2015-03-12T20:40:00Z")
# The account archive's quotes (a link to a tweet at the end of the text), long posts
# (note-tweet.js) and community tweets (community-tweet.js).
QUOTE_IN = sid("2015-03-12T20:45:00Z")
QUOTE_OUT = sid("2015-03-12T20:50:00Z")
QUOTED_ABSENT = sid("2015-03-12T17:30:00Z")
MID_LINK = sid("2015-03-12T20:55:00Z")
NOTE_TWEET = sid("2023-05-04T10:00:00Z")
NOTE_ID = "1654100000000000001"
NOTE_ORPHAN_ID = "1654200000000000002"
COMMUNITY_TWEET = sid("2023-06-01T12:00:00Z")
COMMUNITY = "1580000000000000000"
LONG_TEXT = (
    "A long answer to every question we were sent this week, written in one post "
    "because threads lose readers & context. First, the timeline: the report we cite "
    "https://t.co/NoTeLiNk01 was published on the Monday, and the questions came in over "
    "the following days. Second, what we can say about the numbers: only what the report "
    "says, nothing more. Third, why we answer at all: because the questions were asked "
    "in good faith and deserve an answer in one place, not a hundred replies."
)

USERS = [
    {
        "id": "1001",
        "username": "ask_org",
        "name": "Ask Organisation",
        "description": "Q&A account",  # bios are not HTML-escaped, unlike tweet text
    },
    {"id": "1002", "username": "reader_one", "name": "Reader One", "description": ""},
    {"id": "1003", "username": "reader_two", "name": "Reader Two"},
]
RETRIEVED = "2015-03-13T09:00:00+00:00"
TWARC = {
    "url": "https://api.twitter.com/2/tweets/search/all?query=%23AskOrg",
    "version": "2.14.0",
    "retrieved_at": RETRIEVED,
}


def twarc2() -> None:
    root = {
        "id": ROOT,
        "author_id": "1001",
        "conversation_id": ROOT,
        "created_at": v2time("2015-03-12T20:00:00Z"),
        "text": "Ask us anything &amp; everything #AskOrg https://t.co/AbCdEf1234",
        "entities": {
            "urls": [
                {
                    "start": 41,
                    "end": 64,
                    "url": "https://t.co/AbCdEf1234",
                    "expanded_url": "https://example.org/ask",
                    "display_url": "example.org/ask",
                }
            ],
            "hashtags": [{"start": 33, "end": 40, "tag": "AskOrg"}],
        },
        "public_metrics": {
            "retweet_count": 12,
            "reply_count": 30,
            "like_count": 40,
            "quote_count": 2,
            "impression_count": 5000,
        },
        "lang": "en",
        "possibly_sensitive": False,
        "edit_history_tweet_ids": [ROOT],
    }
    quote = {
        "id": Q1,
        "author_id": "1002",
        "created_at": v2time("2015-03-12T20:05:00Z"),
        "text": "Look at this &lt;thread&gt; https://t.co/QqQqQqQq11",
        "referenced_tweets": [{"type": "quoted", "id": ROOT}],
        "entities": {
            "urls": [
                {
                    "url": "https://t.co/QqQqQqQq11",
                    "expanded_url": f"https://twitter.com/ask_org/status/{ROOT}",
                    "display_url": "twitter.com/ask_org/statu…",
                }
            ]
        },
        "public_metrics": {
            "retweet_count": "3",
            "reply_count": "0",
            "like_count": "7",
            "quote_count": "0",
        },
    }
    reply1 = {
        "id": R1,
        "author_id": "1002",
        "created_at": v2time("2015-03-12T20:10:00Z"),
        "in_reply_to_user_id": "1001",
        "text": "@ask_org Where were you on the 12th? #askorg",
        "referenced_tweets": [{"type": "replied_to", "id": ROOT}],
        "possibly_sensitive": True,
        "attachments": {"media_keys": ["3_555", "7_556"]},
        "public_metrics": {"retweet_count": 0, "reply_count": 1, "like_count": 2, "quote_count": 0},
    }
    reply2 = {
        "id": R2,
        "author_id": "1001",
        "created_at": v2time("2015-03-12T20:15:00Z"),
        "in_reply_to_user_id": "1002",
        "text": "@reader_one At home.",
        "referenced_tweets": [{"type": "replied_to", "id": R1}],
    }
    reply_to_gone = {
        "id": R3,
        "author_id": "1003",
        "created_at": v2time("2015-03-12T20:20:00Z"),
        "in_reply_to_user_id": "1001",
        "text": "@ask_org replying to a tweet that is gone",
        "referenced_tweets": [{"type": "replied_to", "id": GONE}],
    }
    retweet = {
        "id": RT1,
        "author_id": "1003",
        "created_at": v2time("2015-03-12T20:25:00Z"),
        "text": "RT @ask_org: Ask us anything &amp; everything #AskOrg https://t.co/AbCdEf1234",
        "referenced_tweets": [{"type": "retweeted", "id": ROOT}],
        "public_metrics": {
            "retweet_count": 12,
            "reply_count": 0,
            "like_count": 0,
            "quote_count": 0,
        },
    }
    retweet_absent = {
        "id": RT2,
        "author_id": "1002",
        "created_at": v2time("2015-03-12T20:26:00Z"),
        "text": "RT @someone_else: an old post that the API did not return, cut short by the platform becau…",
        "referenced_tweets": [{"type": "retweeted", "id": ORIG_ABSENT}],
    }
    long = {
        "id": LONG,
        "author_id": "1001",
        "created_at": v2time("2015-03-12T20:30:00Z"),
        "text": "A long answer that the API cuts at 280 characters https://t.co/LoNgLoNg12",
        "note_tweet": {
            "text": "A long answer that the API cuts at 280 characters, given here whole as the note_tweet, with a link https://t.co/NoTeLiNk12 at its end.",
            "entities": {
                "urls": [
                    {"url": "https://t.co/NoTeLiNk12", "expanded_url": "https://example.org/long"}
                ]
            },
        },
    }
    withheld = {
        "id": W1,
        "author_id": 1003,
        "created_at": v2time("2015-03-12T20:35:00Z"),
        "text": "A post withheld in two countries",
        "withheld": {"copyright": False, "country_codes": ["DE", "FR"]},
    }
    page1 = {
        "data": [root, quote, reply1],
        "includes": {
            "users": USERS[:2],
            "media": [
                {
                    "media_key": "3_555",
                    "type": "photo",
                    "alt_text": "A crowd at a rally, seen from above",
                },
                {"media_key": "7_556", "type": "video"},
            ],
        },
        "meta": {"newest_id": R1, "oldest_id": ROOT, "result_count": 3},
        "__twarc": TWARC,
    }
    page2 = {
        "data": [reply2, reply_to_gone, retweet, retweet_absent, long, withheld],
        "includes": {"users": USERS, "tweets": [root]},
        "errors": [
            {
                "value": GONE,
                "detail": f"Could not find tweet with referenced_tweets.id: [{GONE}].",
                "title": "Not Found Error",
                "resource_type": "tweet",
                "parameter": "referenced_tweets.id",
                "resource_id": GONE,
                "type": "https://api.twitter.com/2/problems/resource-not-found",
            },
            {
                "value": ORIG_ABSENT,
                "detail": f"Sorry, you are not authorized to see the Tweet with referenced_tweets.id: [{ORIG_ABSENT}].",
                "title": "Authorization Error",
                "resource_type": "tweet",
                "parameter": "referenced_tweets.id",
                "resource_id": ORIG_ABSENT,
                "type": "https://api.twitter.com/2/problems/not-authorized-for-resource",
            },
        ],
        "meta": {"result_count": 6},
        "__twarc": TWARC,
    }
    with (HERE / "twarc2_search.jsonl").open("w", encoding="utf-8") as out:
        out.write(json.dumps(page1) + "\n")
        out.write("this line is not JSON\n")
        out.write(json.dumps(page2) + "\n")
        out.write(json.dumps(page1)[:300] + "\n")  # cut off, as when a collection stops mid-write

    stream = {
        "data": {
            "id": S1,
            "author_id": "1002",
            "created_at": v2time("2015-03-12T20:40:00Z"),
            "text": "Streaming #AskOrg",
        },
        "includes": {"users": [USERS[1]]},
        "matching_rules": [{"id": "1500", "tag": "askorg"}],
        "__twarc": {
            "url": "https://api.twitter.com/2/tweets/search/stream",
            "version": "2.14.0",
            "retrieved_at": "2015-03-12T20:40:05+00:00",
        },
    }
    stream2 = dict(
        stream,
        data=dict(
            stream["data"],
            id=sid("2015-03-12T20:41:00Z"),
            created_at=v2time("2015-03-12T20:41:00Z"),
            text="Another streamed one, replying",
            referenced_tweets=[{"type": "replied_to", "id": S1}],
        ),
    )
    with (HERE / "twarc2_stream.jsonl").open("w", encoding="utf-8") as out:
        out.write(json.dumps(stream) + "\n")
        out.write(json.dumps(stream2) + "\n")

    users = {u["id"]: u for u in USERS}
    flat_quote = dict(
        quote,
        author=users["1002"],
        referenced_tweets=[dict(root, type="quoted", author=users["1001"])],
        __twarc=TWARC,
    )
    flat_reply = dict(
        reply2,
        author=users["1001"],
        in_reply_to_user=users["1002"],
        referenced_tweets=[
            dict(
                reply1,
                type="replied_to",
                author=users["1002"],
                attachments={
                    "media_keys": ["3_555"],
                    "media": [{"media_key": "3_555", "type": "photo", "alt_text": "A crowd"}],
                },
            )
        ],
        __twarc=TWARC,
    )
    flat_rt = dict(
        retweet,
        author=users["1003"],
        referenced_tweets=[dict(root, type="retweeted", author=users["1001"])],
        __twarc=TWARC,
    )
    with (HERE / "twarc2_flat.jsonl").open("w", encoding="utf-8") as out:
        for tweet in (flat_quote, flat_reply, flat_rt):
            out.write(json.dumps(tweet) + "\n")


def v1user(u: dict[str, str]) -> dict[str, object]:
    return {
        "id": int(u["id"]),
        "id_str": u["id"],
        "screen_name": u["username"],
        "name": u["name"],
        "description": u.get("description", ""),
        "followers_count": 10,
    }


def v1() -> None:
    a, b, c = (v1user(u) for u in USERS)
    root = {
        "created_at": v1time("2015-03-12T20:00:00Z"),
        "id": int(ROOT),
        "id_str": ROOT,
        "full_text": "Ask us anything &amp; everything #AskOrg https://t.co/AbCdEf1234",
        "truncated": False,
        "display_text_range": [0, 64],
        "entities": {
            "hashtags": [{"text": "AskOrg", "indices": [33, 40]}],
            "urls": [
                {
                    "url": "https://t.co/AbCdEf1234",
                    "expanded_url": "https://example.org/ask",
                    "display_url": "example.org/ask",
                    "indices": [41, 64],
                }
            ],
            "user_mentions": [],
        },
        "user": a,
        "retweet_count": 12,
        "favorite_count": 40,
        "lang": "en",
    }
    photo = {
        "created_at": v1time("2015-03-12T20:10:00Z"),
        "id": int(R1),
        "id_str": R1,
        "full_text": "@ask_org Where were you on the 12th? https://t.co/PhOtOpHoTo",
        "in_reply_to_status_id": int(ROOT),
        "in_reply_to_status_id_str": ROOT,
        "in_reply_to_user_id": 1001,
        "in_reply_to_user_id_str": "1001",
        "in_reply_to_screen_name": "ask_org",
        "user": b,
        "possibly_sensitive": True,
        "entities": {
            "urls": [],
            "media": [
                {
                    "url": "https://t.co/PhOtOpHoTo",
                    "expanded_url": f"https://twitter.com/reader_one/status/{R1}/photo/1",
                    "type": "photo",
                }
            ],
        },
        "extended_entities": {
            "media": [
                {
                    "url": "https://t.co/PhOtOpHoTo",
                    "expanded_url": f"https://twitter.com/reader_one/status/{R1}/photo/1",
                    "type": "photo",
                    "ext_alt_text": "A crowd at a rally",
                }
            ]
        },
        "withheld_in_countries": ["DE"],
    }
    quote = {
        "created_at": v1time("2015-03-12T20:05:00Z"),
        "id_str": Q1,
        "full_text": "Look at this &lt;thread&gt;",
        "quoted_status_id_str": ROOT,
        "quoted_status": root,
        "is_quote_status": True,
        "user": b,
    }
    retweet = {
        "created_at": v1time("2015-03-12T20:25:00Z"),
        "id_str": RT1,
        "full_text": "RT @ask_org: Ask us anything &amp; everything #AskOrg https://t.co/AbCdEf1234",
        "user": c,
        "retweeted_status": root,
        "retweet_count": 12,
        "favorite_count": 0,
    }
    reply_gone = {
        "created_at": v1time("2015-03-12T20:20:00Z"),
        "id_str": R3,
        "full_text": "@ask_org replying to a tweet that is gone",
        "in_reply_to_status_id_str": GONE,
        "in_reply_to_user_id_str": "1001",
        "in_reply_to_screen_name": "ask_org",
        "user": c,
    }
    (HERE / "v1_extended.json").write_text(
        json.dumps([root, photo, quote, retweet, reply_gone], indent=1), encoding="utf-8"
    )

    compat_full = {
        "created_at": v1time("2015-03-12T20:30:00Z"),
        "id": int(LONG),
        "id_str": LONG,
        "text": "A long answer that the stream cuts short in compat mode, a link to the rest follows… https://t.co/CoMpAt1234",
        "truncated": True,
        "user": a,
        "entities": {
            "urls": [
                {
                    "url": "https://t.co/CoMpAt1234",
                    "expanded_url": f"https://twitter.com/i/web/status/{LONG}",
                }
            ]
        },
        "extended_tweet": {
            "full_text": "A long answer that the stream cuts short in compat mode, and here it is whole with its link https://t.co/FuLlLiNk12",
            "entities": {
                "urls": [
                    {"url": "https://t.co/FuLlLiNk12", "expanded_url": "https://example.org/long"}
                ]
            },
        },
    }
    compat_cut = {
        "created_at": v1time("2015-03-12T20:35:00Z"),
        "id_str": W1,
        "text": "A compat-mode text that is cut short with no extended_tweet beside it, so the rest is not in this file at al… https://t.co/CuTcUt1234",
        "truncated": True,
        "user": c,
        "entities": {
            "urls": [
                {
                    "url": "https://t.co/CuTcUt1234",
                    "expanded_url": f"https://twitter.com/i/web/status/{W1}",
                }
            ]
        },
    }
    no_user = {
        "created_at": v1time("2015-03-12T20:36:00Z"),
        "id_str": sid("2015-03-12T20:36:00Z"),
        "text": "no user object",
    }
    with (HERE / "v1_compat.jsonl").open("w", encoding="utf-8") as out:
        out.write(json.dumps(compat_full) + "\n")
        out.write(json.dumps(compat_cut) + "\n")
        out.write(json.dumps(no_user) + "\n")
        out.write(json.dumps(root)[:120] + "\n")
    (HERE / "v1_search.json").write_text(
        json.dumps(
            {"statuses": [root, reply_gone], "search_metadata": {"count": 2, "query": "%23AskOrg"}}
        ),
        encoding="utf-8",
    )


def write_js(path: Path, name: str, value: object) -> None:
    """An archive data file: `window.YTD.NAME.part0 = ` and the JSON, as X writes it."""
    path.write_text(f"window.YTD.{name}.part0 = " + json.dumps(value, indent=2), encoding="utf-8")


def archive() -> None:
    data = HERE / "archive" / "data"
    data.mkdir(parents=True, exist_ok=True)
    manifest = {
        "userInfo": {"accountId": "1001", "userName": "ask_org", "displayName": "Ask Organisation"},
        "archiveInfo": {
            "sizeBytes": "123456",
            "generationDate": "2023-06-15T12:40:51.584Z",
            "isPartialArchive": False,
            "maxPartSizeBytes": "53687091200",
        },
        "dataTypes": {
            "tweets": {
                "files": [
                    {"fileName": "data/tweets.js", "globalName": "YTD.tweets.part0", "count": "4"}
                ]
            }
        },
    }
    (data / "manifest.js").write_text(
        "window.__THAR_CONFIG = " + json.dumps(manifest, indent=2), encoding="utf-8"
    )
    account = [
        {
            "account": {
                "email": "owner@example.org",
                "createdVia": "web",
                "username": "ask_org",
                "accountId": "1001",
                "createdAt": "2012-06-07T10:59:28.000Z",
                "accountDisplayName": "Ask Organisation",
            }
        }
    ]
    write_js(data / "account.js", "account", account)

    def tweet(id_: str, when: str, text: str, **more: object) -> dict[str, object]:
        body: dict[str, object] = {
            "edit_info": {
                "initial": {
                    "editTweetIds": [id_],
                    "editableUntil": "2015-03-12T21:00:00.000Z",
                    "editsRemaining": "5",
                    "isEditEligible": True,
                }
            },
            "retweeted": False,
            "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
            "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
            "display_text_range": ["0", str(len(text))],
            "favorite_count": "4",
            "id_str": id_,
            "truncated": False,
            "retweet_count": "1",
            "id": id_,
            "created_at": v1time(when),
            "favorited": False,
            "full_text": text,
            "lang": "en",
        }
        body.update(more)
        return {"tweet": body}

    def linked(short: str, expanded: str, display: str, start: int) -> dict[str, object]:
        """The entities of a tweet whose text holds one link, `short`, from `start`."""
        url = {
            "url": short,
            "expanded_url": expanded,
            "display_url": display,
            "indices": [str(start), str(start + len(short))],
        }
        return {"hashtags": [], "symbols": [], "user_mentions": [], "urls": [url]}

    tweets = [
        tweet(
            ROOT,
            "2015-03-12T20:00:00Z",
            "Ask us anything &amp; everything #AskOrg https://t.co/AbCdEf1234",
            entities={
                "hashtags": [{"text": "AskOrg", "indices": ["33", "40"]}],
                "urls": [
                    {
                        "url": "https://t.co/AbCdEf1234",
                        "expanded_url": "https://example.org/ask",
                        "display_url": "example.org/ask",
                        "indices": ["41", "64"],
                    }
                ],
                "user_mentions": [],
                "symbols": [],
            },
        ),
        tweet(
            R2,
            "2015-03-12T20:15:00Z",
            "@reader_one At home.",
            in_reply_to_status_id_str=R1,
            in_reply_to_status_id=R1,
            in_reply_to_user_id_str="1002",
            in_reply_to_user_id="1002",
            in_reply_to_screen_name="reader_one",
        ),
        tweet(
            RT1,
            "2015-03-12T20:25:00Z",
            "RT @reader_two: Something the account retweeted, cut short by the platf…",
            entities={
                "user_mentions": [
                    {
                        "name": "Reader Two",
                        "screen_name": "reader_two",
                        "indices": ["3", "14"],
                        "id_str": "1003",
                        "id": "1003",
                    }
                ],
                "urls": [],
                "hashtags": [],
                "symbols": [],
            },
        ),
        tweet(
            LONG,
            "2015-03-12T20:30:00Z",
            "A photo, flagged https://t.co/PhOtO12345",
            possibly_sensitive=True,
            entities={
                "media": [
                    {
                        "url": "https://t.co/PhOtO12345",
                        "expanded_url": f"https://twitter.com/ask_org/status/{LONG}/photo/1",
                        "type": "photo",
                        "id_str": "900",
                    }
                ],
                "urls": [],
                "hashtags": [],
                "user_mentions": [],
                "symbols": [],
            },
            extended_entities={
                "media": [
                    {
                        "url": "https://t.co/PhOtO12345",
                        "expanded_url": f"https://twitter.com/ask_org/status/{LONG}/photo/1",
                        "type": "photo",
                        "id_str": "900",
                    }
                ]
            },
        ),
        tweet(
            QUOTE_IN,
            "2015-03-12T20:45:00Z",
            "Still the question of the day https://t.co/QuOtEiN001",
            display_text_range=["0", "29"],
            entities=linked(
                "https://t.co/QuOtEiN001",
                f"https://twitter.com/ask_org/status/{ROOT}",
                "twitter.com/ask_org/statu…",
                30,
            ),
        ),
        tweet(
            QUOTE_OUT,
            "2015-03-12T20:50:00Z",
            "A fair point from a reader https://t.co/QuOtEoUt01",
            display_text_range=["0", "26"],
            entities=linked(
                "https://t.co/QuOtEoUt01",
                f"https://twitter.com/reader_two/status/{QUOTED_ABSENT}",
                "twitter.com/reader_two/st…",
                27,
            ),
        ),
        tweet(
            MID_LINK,
            "2015-03-12T20:55:00Z",
            "The question https://t.co/MiDlInK001 is answered below.",
            entities=linked(
                "https://t.co/MiDlInK001",
                f"https://twitter.com/ask_org/status/{ROOT}",
                "twitter.com/ask_org/statu…",
                13,
            ),
        ),
        tweet(
            NOTE_TWEET,
            "2023-05-04T10:00:00Z",
            LONG_TEXT.replace("&", "&amp;")[:270] + "…",
            entities=linked(
                "https://t.co/NoTeLiNk01", "https://example.org/report", "example.org/report", 160
            ),
        ),
        {
            "tweet": {
                "id_str": "not-a-snowflake",
                "full_text": "a record with no created_at and a bad id",
            }
        },
        {"tweet": "not an object"},
    ]
    write_js(data / "tweets.js", "tweets", tweets)
    deleted = [
        tweet(
            W1,
            "2015-03-12T20:35:00Z",
            "A tweet the account deleted",
            deleted_at="2015-03-13T08:00:00.000Z",
        )
    ]
    notes = [
        {
            "noteTweet": {
                "noteTweetId": NOTE_ID,
                "updatedAt": "2023-05-04T09:59:59.874Z",
                "lifecycle": {
                    "value": "1",
                    "name": "Active",
                    "originalName": "Active",
                    "annotations": {},
                },
                "createdAt": "2023-05-04T09:59:59.874Z",
                "core": {
                    "styletags": [],
                    "urls": [
                        {
                            "shortUrl": "https://t.co/NoTeLiNk01",
                            "displayUrl": "example.org/report",
                            "expandedUrl": "https://example.org/report",
                            "fromIndex": "156",
                            "toIndex": "179",
                        }
                    ],
                    "text": LONG_TEXT,
                    "mentions": [],
                    "cashtags": [],
                    "hashtags": [],
                },
            }
        },
        {
            "noteTweet": {
                "noteTweetId": NOTE_ORPHAN_ID,
                "createdAt": "2023-05-10T08:00:00.000Z",
                "core": {
                    "styletags": [],
                    "urls": [],
                    "text": "A long post whose tweet the account has since deleted.",
                    "mentions": [],
                    "cashtags": [],
                    "hashtags": [],
                },
            }
        },
    ]
    write_js(data / "note-tweet.js", "note_tweet", notes)
    community = [
        tweet(
            COMMUNITY_TWEET,
            "2023-06-01T12:00:00Z",
            "Posted to the community of readers",
            community_id=COMMUNITY,
            community_id_str=COMMUNITY,
            scopes={"followers": False},
        )
    ]
    write_js(data / "community-tweet.js", "community_tweet", community)
    write_js(data / "deleted-tweets.js", "deleted_tweets", deleted)
    # An older archive's file: `tweet.part0`, items that are the tweet itself, no wrapper.
    old = [dict(t["tweet"]) for t in tweets[:2]]  # type: ignore[call-overload]
    write_js(HERE / "archive_old_tweet.js", "tweet", old)


if __name__ == "__main__":
    twarc2()
    v1()
    archive()
