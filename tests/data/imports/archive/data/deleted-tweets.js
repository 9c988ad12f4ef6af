window.YTD.deleted_tweets.part0 = [
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "576119219322617856"
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
        "27"
      ],
      "favorite_count": "4",
      "id_str": "576119219322617856",
      "truncated": false,
      "retweet_count": "1",
      "id": "576119219322617856",
      "created_at": "Thu Mar 12 20:35:00 +0000 2015",
      "favorited": false,
      "full_text": "A tweet the account deleted",
      "lang": "en",
      "deleted_at": "2015-03-13T08:00:00.000Z"
    }
  }
]