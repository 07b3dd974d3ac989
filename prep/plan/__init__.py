"""Stage 5, plan: your profile and contacts plus the frames -> the priorities frame: whom to meet and why,
title-blind; what you can offer; the approach; where to catch them; starters; brief outreach."""
