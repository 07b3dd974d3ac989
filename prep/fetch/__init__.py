"""Stage 1, fetch: the one HTTP client (cache, retries, timeouts, robots.txt, per-host delay, size cap), the
politeness that spaces requests per host, a fetched document and its kind, JavaScript rendering in headless
Chromium, and the local web that serves saved sites by host name. Imports only the shared helpers."""
