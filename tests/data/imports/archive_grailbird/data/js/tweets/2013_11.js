Grailbird.data.tweets_2013_11 = 
[
  {
    "source": "web",
    "entities": {
      "user_mentions": [],
      "media": [],
      "hashtags": [],
      "urls": []
    },
    "geo": {},
    "id_str": "401049388446646272",
    "text": "RT @reader_one: Where were you on the 12th? #AskOrg",
    "id": 401049388446646272,
    "created_at": "2013-11-14 18:10:00 +0000",
    "user": {
      "name": "Ask Org",
      "screen_name": "ask_org",
      "protected": false,
      "id_str": "3001",
      "id": 3001,
      "verified": false
    },
    "retweeted_status": {
      "source": "web",
      "entities": {
        "user_mentions": [],
        "media": [],
        "hashtags": [],
        "urls": []
      },
      "geo": {},
      "id_str": "401046871864246279",
      "text": "Where were you on the 12th? #AskOrg",
      "id": 401046871864246279,
      "created_at": "2013-11-14 18:00:00 +0000",
      "user": {
        "name": "Reader One",
        "screen_name": "reader_one",
        "protected": false,
        "id_str": "3002",
        "id": 3002,
        "verified": false
      }
    }
  },
  {
    "source": "web",
    "entities": {
      "user_mentions": [],
      "media": [],
      "hashtags": [],
      "urls": []
    },
    "geo": {},
    "id_str": "401048130155446272",
    "text": "@reader_one Thanks, we will answer below",
    "id": 401048130155446272,
    "created_at": "2013-11-14 18:05:00 +0000",
    "user": {
      "name": "Ask Org",
      "screen_name": "ask_org",
      "protected": false,
      "id_str": "3001",
      "id": 3001,
      "verified": false
    },
    "in_reply_to_status_id_str": "401046871864246273",
    "in_reply_to_user_id_str": "3002",
    "in_reply_to_screen_name": "reader_one"
  },
  {
    "source": "web",
    "entities": {
      "user_mentions": [],
      "media": [],
      "hashtags": [],
      "urls": [
        {
          "indices": [
            41,
            63
          ],
          "url": "http://t.co/AsKoRg0001",
          "expanded_url": "https://example.org/ask",
          "display_url": "example.org/ask"
        }
      ]
    },
    "geo": {},
    "id_str": "401046871864246272",
    "text": "Ask us anything &amp; everything #AskOrg http://t.co/AsKoRg0001",
    "id": 401046871864246272,
    "created_at": "2013-11-14 18:00:00 +0000",
    "user": {
      "name": "Ask Org",
      "screen_name": "ask_org",
      "protected": false,
      "id_str": "3001",
      "id": 3001,
      "verified": false
    }
  }
]