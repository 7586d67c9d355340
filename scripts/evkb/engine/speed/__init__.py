"""Speed machinery of the engine: a re-check reuses rule results and assessments.

`rule_cache` decides which records' rule results can be reused, `rule_store` keeps them
on disk keyed by the bytes they depend on, `assess_cache` keeps verdicts and grades.
Deleting the cache changes no result.

May import: evkb.model, evkb.load and the rest of evkb.engine.
"""
