"""The record schemas compiled to Python by fastjsonschema, committed like `docs/schemas/`.

Compiling a schema costs tens of milliseconds per process; a re-check after one edit
validates one file, so it would spend more time compiling than validating. The modules
here are generated (`python -m evkb.compiled` rewrites them) and `tests/test_schema.py`
fails when one no longer matches the model. Without them, `evkb.validate` compiles the
schema at run time.
"""
