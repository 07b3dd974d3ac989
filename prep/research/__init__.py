"""Stage 4, research: company names (or an event's people) -> the companies and company_news frames, from
each company's own site, feed and careers page; its site guessed when nothing names it; its industry."""
