"""The replay without a screen: the cursor over a session and everything that moves it.

`cursor` is where the replay is and what is visible; `filters`, `search` and `thread` choose
and order posts; `playback` and `reveal` decide when the next post is due and what of it the
audience sees; `activity` counts where the posts fall in time. A test drives all of it in
microseconds, and any front end (the terminal UI, an export, a notebook) can reuse it.
"""
