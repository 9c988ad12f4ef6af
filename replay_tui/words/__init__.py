"""Words for people: how untrusted text is made safe, and every phrase the replay and the
exports share.

`sanitize` is the one path by which session text reaches a terminal or a page; `timefmt`
and `zones` put times and gaps into words at their real precision; `variants` compares two
wordings of a post; `textparts` says what a hashtag or a mention is. Plain Python, standing
only on the format.
"""
