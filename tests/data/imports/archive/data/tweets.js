window.YTD.tweets.part0 = [
  {
    "tweet": {
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
    }
  },
  {
    "tweet": {
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
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "576116702740217856"
          ],
          "editableUntil": "2015-03-12T21:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "user_mentions": [
          {
            "name": "Reader Two",
            "screen_name": "reader_two",
            "indices": [
              "3",
              "14"
            ],
            "id_str": "1003",
            "id": "1003"
          }
        ],
        "urls": [],
        "hashtags": [],
        "symbols": []
      },
      "display_text_range": [
        "0",
        "72"
      ],
      "favorite_count": "4",
      "id_str": "576116702740217856",
      "truncated": false,
      "retweet_count": "1",
      "id": "576116702740217856",
      "created_at": "Thu Mar 12 20:25:00 +0000 2015",
      "favorited": false,
      "full_text": "RT @reader_two: Something the account retweeted, cut short by the platf\u2026",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "576117961031417856"
          ],
          "editableUntil": "2015-03-12T21:00:00.000Z",
          "editsRemaining": "5",
          "isEditEligible": true
        }
      },
      "retweeted": false,
      "source": "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities": {
        "media": [
          {
            "url": "https://t.co/PhOtO12345",
            "expanded_url": "https://twitter.com/ask_org/status/576117961031417856/photo/1",
            "type": "photo",
            "id_str": "900"
          }
        ],
        "urls": [],
        "hashtags": [],
        "user_mentions": [],
        "symbols": []
      },
      "display_text_range": [
        "0",
        "40"
      ],
      "favorite_count": "4",
      "id_str": "576117961031417856",
      "truncated": false,
      "retweet_count": "1",
      "id": "576117961031417856",
      "created_at": "Thu Mar 12 20:30:00 +0000 2015",
      "favorited": false,
      "full_text": "A photo, flagged https://t.co/PhOtO12345",
      "lang": "en",
      "possibly_sensitive": true,
      "extended_entities": {
        "media": [
          {
            "url": "https://t.co/PhOtO12345",
            "expanded_url": "https://twitter.com/ask_org/status/576117961031417856/photo/1",
            "type": "photo",
            "id_str": "900"
          }
        ]
      }
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "576121735905017856"
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
        "urls": [
          {
            "url": "https://t.co/QuOtEiN001",
            "expanded_url": "https://twitter.com/ask_org/status/576110411284217856",
            "display_url": "twitter.com/ask_org/statu\u2026",
            "indices": [
              "30",
              "53"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "29"
      ],
      "favorite_count": "4",
      "id_str": "576121735905017856",
      "truncated": false,
      "retweet_count": "1",
      "id": "576121735905017856",
      "created_at": "Thu Mar 12 20:45:00 +0000 2015",
      "favorited": false,
      "full_text": "Still the question of the day https://t.co/QuOtEiN001",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "576122994196217856"
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
        "urls": [
          {
            "url": "https://t.co/QuOtEoUt01",
            "expanded_url": "https://twitter.com/reader_two/status/576072662548217856",
            "display_url": "twitter.com/reader_two/st\u2026",
            "indices": [
              "27",
              "50"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "26"
      ],
      "favorite_count": "4",
      "id_str": "576122994196217856",
      "truncated": false,
      "retweet_count": "1",
      "id": "576122994196217856",
      "created_at": "Thu Mar 12 20:50:00 +0000 2015",
      "favorited": false,
      "full_text": "A fair point from a reader https://t.co/QuOtEoUt01",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "576124252487417856"
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
        "urls": [
          {
            "url": "https://t.co/MiDlInK001",
            "expanded_url": "https://twitter.com/ask_org/status/576110411284217856",
            "display_url": "twitter.com/ask_org/statu\u2026",
            "indices": [
              "13",
              "36"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "55"
      ],
      "favorite_count": "4",
      "id_str": "576124252487417856",
      "truncated": false,
      "retweet_count": "1",
      "id": "576124252487417856",
      "created_at": "Thu Mar 12 20:55:00 +0000 2015",
      "favorited": false,
      "full_text": "The question https://t.co/MiDlInK001 is answered below.",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1654063316500217856"
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
        "urls": [
          {
            "url": "https://t.co/NoTeLiNk01",
            "expanded_url": "https://example.org/report",
            "display_url": "example.org/report",
            "indices": [
              "160",
              "183"
            ]
          }
        ]
      },
      "display_text_range": [
        "0",
        "271"
      ],
      "favorite_count": "4",
      "id_str": "1654063316500217856",
      "truncated": false,
      "retweet_count": "1",
      "id": "1654063316500217856",
      "created_at": "Thu May 04 10:00:00 +0000 2023",
      "favorited": false,
      "full_text": "A long answer to every question we were sent this week, written in one post because threads lose readers &amp; context. First, the timeline: the report we cite https://t.co/NoTeLiNk01 was published on the Monday, and the questions came in over the following days. Second\u2026",
      "lang": "en"
    }
  },
  {
    "tweet": {
      "id_str": "not-a-snowflake",
      "full_text": "a record with no created_at and a bad id"
    }
  },
  {
    "tweet": "not an object"
  }
]