"""Stage 3, engine: a loaded base -> diagnostics, verdicts and grades.

Owns the rules (`rules/`, one module each, with an explicit registry), the run that
applies them and collects diagnostics (`check`), verdicts and evidence grades
(`assess`), configuration (`config`) and the diagnostic values (`diagnostics`). Rule
and assessment caches are in `speed/`. Nothing here prints.

May import: evkb.model, evkb.load.
"""
