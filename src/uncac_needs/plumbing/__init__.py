"""Shared plumbing, no stage's logic: paths, errors, files and folders, YAML, provenance."""
