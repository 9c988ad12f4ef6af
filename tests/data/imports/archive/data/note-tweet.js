window.YTD.note_tweet.part0 = [
  {
    "noteTweet": {
      "noteTweetId": "1654100000000000001",
      "updatedAt": "2023-05-04T09:59:59.874Z",
      "lifecycle": {
        "value": "1",
        "name": "Active",
        "originalName": "Active",
        "annotations": {}
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
            "toIndex": "179"
          }
        ],
        "text": "A long answer to every question we were sent this week, written in one post because threads lose readers & context. First, the timeline: the report we cite https://t.co/NoTeLiNk01 was published on the Monday, and the questions came in over the following days. Second, what we can say about the numbers: only what the report says, nothing more. Third, why we answer at all: because the questions were asked in good faith and deserve an answer in one place, not a hundred replies.",
        "mentions": [],
        "cashtags": [],
        "hashtags": []
      }
    }
  },
  {
    "noteTweet": {
      "noteTweetId": "1654200000000000002",
      "createdAt": "2023-05-10T08:00:00.000Z",
      "core": {
        "styletags": [],
        "urls": [],
        "text": "A long post whose tweet the account has since deleted.",
        "mentions": [],
        "cashtags": [],
        "hashtags": []
      }
    }
  }
]