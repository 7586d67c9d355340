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
from ...load.validate import did_you_mean
from ...load.walk import vocab_terms
from ._util import at

CODE = "V001"
NAME = "unknown-measure"
LEVEL = "error"
OPTIONS: dict = {}
KINDS = ("measures",)


def unknown_terms(ctx, loaded, kinds):
    """The record's terms of these vocabularies that the vocabulary lacks (none of a vocabulary whose
    file did not parse: that file's own error is the one to fix, not every record using its terms)."""
    vocab = ctx.kb.vocab
    for path, value, kind in loaded.terms or vocab_terms(loaded.record):
        if kind in kinds and not vocab.has(kind, value) and kind not in vocab.unreadable:
            singular = kind[:-3] + "y" if kind.endswith("ies") else kind[:-1]
            yield at(loaded, *path, value=True, message=f"unknown {singular} {value!r}",
                     hint=did_you_mean(value, vocab.terms[kind]) or
                     f"add it to references/vocabulary/{kind}.yaml (see `evkb vocab {kind}`)")


def check_claim(ctx, loaded):
    yield from unknown_terms(ctx, loaded, KINDS)


def check_findings(ctx, loaded):
    yield from unknown_terms(ctx, loaded, KINDS)


def check_media(ctx, loaded):
    yield from unknown_terms(ctx, loaded, KINDS)
