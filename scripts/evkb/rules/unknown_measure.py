"""A claim figure or a finding names a measure the vocabulary does not define.

Figures are compared only with findings on the same measure; a misspelt measure
silently escapes every comparison. Measures live in references/vocabulary/measures.yaml.

Failing example:

    figures:
      - {measure: patellofemoral-force, comparison: backward-vs-forward, value: 24, unit: percent}

Fixed example:

    figures:
      - {measure: patellofemoral-compression-force, comparison: backward-vs-forward, value: 24, unit: percent}
"""
from ..validate import did_you_mean
from ..walk import all_records, vocab_terms
from ._util import at

CODE = "V001"
NAME = "unknown-measure"
LEVEL = "error"
OPTIONS: dict = {}
KINDS = ("measures",)


def _all_unknown(kb) -> list:
    """Every record's terms missing from the vocabulary (found once for both vocabulary rules)."""
    vocab = kb.vocab
    return [(loaded, path, value, kind) for loaded in all_records(kb)
            for path, value, kind in (loaded.terms or vocab_terms(loaded.record)) if not vocab.has(kind, value)]


def unknown_terms(ctx, kinds):
    vocab = ctx.kb.vocab
    for loaded, path, value, kind in ctx.shared("unknown-terms", lambda: _all_unknown(ctx.kb)):
        if kind in kinds:
            singular = kind[:-3] + "y" if kind.endswith("ies") else kind[:-1]
            yield at(loaded, *path, value=True, message=f"unknown {singular} {value!r}",
                     hint=did_you_mean(value, vocab.terms[kind]) or
                     f"add it to references/vocabulary/{kind}.yaml (see `evkb vocab {kind}`)")


def check(ctx):
    yield from unknown_terms(ctx, KINDS)
