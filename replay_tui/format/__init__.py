"""The session format: the public contract and the one door through which files enter.

`model` holds the msgspec Structs of the format; `read` turns bytes into a session and its
problems; `check` finds what a schema cannot (references, times, order); `times` reads times
with their precision; `locate` maps a field path to its line; `problems` says what is wrong
in the curator's words; `preview` reads the head of a large file. Nothing here imports
anything else of replay-tui: every other layer stands on this one.
"""
