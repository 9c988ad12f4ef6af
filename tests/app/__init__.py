"""App tests: Pilot, snapshots and a real terminal (tmux)."""
