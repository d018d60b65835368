"""The project's vocabularies (data/reference) and the per-language catalogs, validated when loaded."""
