window.YTD.account.part0 = [
  {
    "account": {
      "email": "owner@example.org",
      "createdVia": "web",
      "username": "ask_org",
      "accountId": "1001",
      "createdAt": "2012-06-07T10:59:28.000Z",
      "accountDisplayName": "Ask Organisation"
    }
  }
]