"""prep: walk into a conference or meetup prepared."""
__version__ = "0.1.0"
