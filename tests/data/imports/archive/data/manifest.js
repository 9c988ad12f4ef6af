window.__THAR_CONFIG = {
  "userInfo": {
    "accountId": "1001",
    "userName": "ask_org",
    "displayName": "Ask Organisation"
  },
  "archiveInfo": {
    "sizeBytes": "123456",
    "generationDate": "2023-06-15T12:40:51.584Z",
    "isPartialArchive": false,
    "maxPartSizeBytes": "53687091200"
  },
  "dataTypes": {
    "tweets": {
      "files": [
        {
          "fileName": "data/tweets.js",
          "globalName": "YTD.tweets.part0",
          "count": "4"
        }
      ]
    }
  }
}