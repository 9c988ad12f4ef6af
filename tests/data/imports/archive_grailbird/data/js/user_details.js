var user_details =  {
  "screen_name": "ask_org",
  "full_name": "Ask Org",
  "id": "3001",
  "created_at": "2009-01-01 00:00:00 +0000"
}