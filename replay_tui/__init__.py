"""replay-tui: replay a curated social-media exchange in the terminal, post by post.

Importing the package imports nothing else: the checker and the library listing must stay
fast and free of Textual, which only `replay_tui.ui` imports.
"""

__version__ = "0.1.0"
