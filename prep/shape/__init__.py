"""Stage 3, shape: records from the readers -> the event's frames (people, sessions, organizations):
normalisation, stable ids, de-duplication, one person across an event's pages, and ``read_event``,
which fetches an event's sources, reads them and shapes the result."""
