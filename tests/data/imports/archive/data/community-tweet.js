window.YTD.community_tweet.part0 = [
  {
    "tweet": {
      "edit_info": {
        "initial": {
          "editTweetIds": [
            "1664240375725817856"
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
        "34"
      ],
      "favorite_count": "4",
      "id_str": "1664240375725817856",
      "truncated": false,
      "retweet_count": "1",
      "id": "1664240375725817856",
      "created_at": "Thu Jun 01 12:00:00 +0000 2023",
      "favorited": false,
      "full_text": "Posted to the community of readers",
      "lang": "en",
      "community_id": "1580000000000000000",
      "community_id_str": "1580000000000000000",
      "scopes": {
        "followers": false
      }
    }
  }
]