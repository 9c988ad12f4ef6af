"""The session format: the public contract and the one door through which files enter.

`model` holds the msgspec Structs of the format. Reading flows one way: `read` takes a
file's bytes, `structure` decodes them into a session (saying every structural error),
`check` finds what a schema cannot (ids and references through `post_rules`, times
through `timeline`) and builds the indexed session of `loaded` once; `locate` maps each
problem's field path to its line. `times` reads times with their precision; `problems`
says what is wrong in the curator's words; `preview` reads the head of a large file.
Nothing here imports anything else of replay-tui: every other layer stands on this one.
"""
