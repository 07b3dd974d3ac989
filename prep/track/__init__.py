"""Stage 7, track: after the event, a local SQLite tracker of whom you met, when and why, and what is due."""
