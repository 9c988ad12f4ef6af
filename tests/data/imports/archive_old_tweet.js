window.YTD.tweet.part0 = [
  {
    "edit_info": {
      "initial": {
        "editTweetIds": [
          "576110411284217856"
        ],
        "editableUntil": "2015-03-12T21:00:00.000Z",
        "editsRemaining": "5",
        "isEditEligible": true
      }
    },
    "retweeted": false,
    "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
    "entities": {
      "hashtags": [
        {
          "text": "AskOrg",
          "indices": [
            "33",
            "40"
          ]
        }
      ],
      "urls": [
        {
          "url": "https://t.co/AbCdEf1234",
          "expanded_url": "https://example.org/ask",
          "display_url": "example.org/ask",
          "indices": [
            "41",
            "64"
          ]
        }
      ],
      "user_mentions": [],
      "symbols": []
    },
    "display_text_range": [
      "0",
      "64"
    ],
    "favorite_count": "4",
    "id_str": "576110411284217856",
    "truncated": false,
    "retweet_count": "1",
    "id": "576110411284217856",
    "created_at": "Thu Mar 12 20:00:00 +0000 2015",
    "favorited": false,
    "full_text": "Ask us anything &amp; everything #AskOrg https://t.co/AbCdEf1234",
    "lang": "en"
  },
  {
    "edit_info": {
      "initial": {
        "editTweetIds": [
          "576114186157817856"
        ],
        "editableUntil": "2015-03-12T21:00:00.000Z",
        "editsRemaining": "5",
        "isEditEligible": true
      }
    },
    "retweeted": false,
    "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
    "entities": {
      "hashtags": [],
      "symbols": [],
      "user_mentions": [],
      "urls": []
    },
    "display_text_range": [
      "0",
      "20"
    ],
    "favorite_count": "4",
    "id_str": "576114186157817856",
    "truncated": false,
    "retweet_count": "1",
    "id": "576114186157817856",
    "created_at": "Thu Mar 12 20:15:00 +0000 2015",
    "favorited": false,
    "full_text": "@reader_one At home.",
    "lang": "en",
    "in_reply_to_status_id_str": "576112927866617856",
    "in_reply_to_status_id": "576112927866617856",
    "in_reply_to_user_id_str": "1002",
    "in_reply_to_user_id": "1002",
    "in_reply_to_screen_name": "reader_one"
  }
]