"""The project's vocabularies (data/reference) and the per-language catalogs, validated when loaded.

- reference: the tables of data/reference (States, regional groups, categories, chapters, articles and their
  groups, published figures), read once and checked against one another; what code and tests read.
  Its parts: rows (one frozen pydantic model per kind of row), tablefile (a CSV file read by its row model,
  ReferenceFileError), spelling (finding an entry by any spelling: name_key, Vocabulary, StateTable).
- i18n: the language catalogs (catalogs/<lang>/), the names of the vocabularies in each language, Babel's
  numbers, percentages and dates, the CJK character range. Its part: catalog (the catalogs' models and
  checks against the English catalog, CatalogError).
"""
