"""The replay screen's controllers: autoplay, search, filter, bookmarks and presenting.

Each holds the state and logic of one feature and works through what the screen gives
every controller (`base.Given`: the screen's timers, workers and notices, the replay, the
search index, the idle gate, `jump`) and the callbacks the screen hands it. None knows the replay
screen's class, and none sets a widget: the screen turns what they report into its
reactives, which its widgets are bound to.
"""
