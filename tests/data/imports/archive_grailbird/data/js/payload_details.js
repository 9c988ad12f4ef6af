var payload_details =  {
  "tweets": 3,
  "created_at": "2013-11-20 09:00:00 +0000",
  "lang": "en"
}