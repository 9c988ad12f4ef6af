"""What belongs to the person using replay-tui rather than to a session.

`store` writes files atomically; `state` keeps bookmarks, notes and the reading position;
`config` the chosen theme; `library` finds sessions on disk; `follow` lets one replay-tui
mirror another. Everything a user saves goes through `store.write_atomic`.
"""
