"""A BibTeX file has a syntax error, an undefined @string macro or a repeated field.

Every .bib file is read together, so macros may live in another file; the rest of a file is still read after an error.

Failing example:

    @article{roos2012,
      journal = JBIOMECH,
      title = {One}, title = {Two}}

Fixed example:

    @string{JBIOMECH = {Journal of Biomechanics}}
    @article{roos2012, journal = JBIOMECH, title = {One}}
"""
from ._load import load_problems

CODE = "S003"
NAME = "invalid-bibtex"
LEVEL = "error"
OPTIONS: dict = {}


def check(ctx):
    yield from load_problems(ctx, NAME)
