"""pybtex's LaTeX decoding, skipped where it cannot change the text.

pybtex turns every field and name part into rich text with `Text.from_latex`, which
decodes the LaTeX with latexcodec ("ulatex") and then parses braces. The decoding is
most of the cost of formatting a citation, yet most values contain no LaTeX at all.
latexcodec leaves a string unchanged when:

* it has no backslash, `%`, `#`, `$`, tab or newline: every lexer token is then a
  "chars" token or a single-space "space" token (a lone `\\` would be an error);
* it has none of `--`, ``` `` ```, `''`, `?``, `!``: every "chars" token is then one
  character (the lexer's only multi-character chars tokens are these and `---`);
* it has no `~` and no `,,`: the only entries of latexcodec's translation table made of
  chars tokens alone are `--`, `---`, ``` `` ```, `''`, `?``, `!``, `~` and `,` `,`
  (the others need a control sequence or `$`), so no run of one-character tokens
  is translated;
* it neither starts with a space nor has two spaces in a row: the lexer drops leading
  spaces and the spaces after the first.

Each decoded token is then its own text, so the output is the input. Anything else is
decoded by latexcodec, remembered by value (decoding is a pure function of the string).
`tests/test_citation_format.py` checks these facts against latexcodec's table and lexer.
"""
from __future__ import annotations

import codecs
import re
from contextlib import contextmanager
from functools import lru_cache

import latexcodec  # noqa: F401  (registers "ulatex"; a pybtex dependency)
from pybtex.markup import LaTeXParser
from pybtex.richtext import Text

MAY_CHANGE = re.compile(r"[\\%#$\t\n~]|--|``|''|\?`|!`|,,|^ |  ")

_original_from_latex = Text.__dict__["from_latex"]


@lru_cache(maxsize=65536)
def _decode(latex: str) -> str:
    return codecs.decode(latex, "ulatex")


def decode(latex: str) -> str:
    """`codecs.decode(latex, "ulatex")`, without the work when nothing would change."""
    if MAY_CHANGE.search(latex) is None:
        return latex
    return _decode(latex)


def from_latex(cls, latex):
    """`Text.from_latex`, with the decoding above."""
    if type(latex) is not str:
        return _original_from_latex.__func__(cls, latex)
    return LaTeXParser(decode(latex)).parse()


@contextmanager
def fast_from_latex():
    """Within the block, pybtex's `Text.from_latex` takes the fast path (same results)."""
    Text.from_latex = classmethod(from_latex)
    try:
        yield
    finally:
        Text.from_latex = _original_from_latex
