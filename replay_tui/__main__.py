"""`python -m replay_tui`: the same as the `replay-tui` command."""

import sys

from .cli import main

sys.exit(main())
