"""Stage 1, model: what the records are, as plain values, with no file reading.

Owns the record dataclasses (`records`, the single source of truth), the JSON Schemas
generated from them (`schema`), the vocabulary types (`vocab`, with the engine's own terms
in `data/`), unit conversion (`units`), derived-value formulas (`formula`), claim figures as
intervals and their comparison with findings (`figures`, `figure_text`), the citation
finder for Markdown (`citations`) and the claim-reference graph (`graph`).

May import: nothing else of evkb (only the standard library and networkx).
"""
