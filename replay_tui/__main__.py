"""`python -m replay_tui`: the same command line as `replay-tui`."""

from replay_tui.cli import run

if __name__ == "__main__":
    run()
