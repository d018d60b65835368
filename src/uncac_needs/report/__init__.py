"""Stage 5 — the report: the note's HTML from templates, and the page's CSS."""
