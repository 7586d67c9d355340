"""The fast citation path (fastlatex, shared names, forked workers) gives plain pybtex's text."""
import codecs
import os
import random
import sys
import threading
from functools import lru_cache
from pathlib import Path

import latexcodec  # noqa: F401
import pytest
from latexcodec.codec import _LATEX_UNICODE_TABLE
from latexcodec.lexer import LatexLexer
from pybtex.richtext import Text

from evkb.load.loader import load
from evkb.site.pages import citation
from evkb.site.speed import fastlatex
from evkb.site.pages.site import Site
from evkb.site.speed.textcache import TextCache

sys.path.insert(0, str(Path(__file__).parent.parent / "scripts" / "bench"))
import synth  # noqa: E402

ROOT = Path(__file__).parent.parent

TRICKY = r"""
@string{GP = {Gait {\&} Posture}}
@article{umlaut, author = {M{\"u}ller, J{\"o}rg and {\O}stergaard, Anne and Sch{\"o}n, L.},
  title = {{MRI} of the {ACL} -- a \emph{pilot} study of {B}ackward walking},
  journal = GP, year = {2001}, volume = {3}, number = {2}, pages = {10--20}}
@article{dashes, author = {Smith, John}, title = {Em---dash, en--dash, ``quotes'' and ,,low'' ?`que? !`ay!},
  journal = {A~B Journal}, year = {2002}, volume = {1}, pages = {1---2}}
@article{math, author = {Lee, A.}, title = {Effect of $\alpha$ and $x^2$ at 50\% of $\dot{V}O_2$ max},
  journal = {J \& K}, year = {2003}, volume = {7}, pages = {5}}
@book{von, author = {van der Berg, Jr., Jan and de la Fontaine, Jean and von Neumann, John},
  title = {Some  spaces   and	tabs}, publisher = {Springer}, year = {1999}, address = {Berlin}}
@techreport{corp, author = {{World Health Organization} and {National Institute for Health and Care Excellence}},
  title = {Guidelines on physical activity}, institution = {WHO}, year = {2020}}
@article{unicode, author = {Sørensen, Åse and Øberg, Łukasz and 山田, 太郎},
  title = {Rückwärtsgehen — eine Übersicht: “Zitate” und naïve Ansätze}, journal = {Zeitschrift für Ärzte},
  year = {2019}, volume = {9}, pages = {1–9}}
@article{missing, author = {Doe, Jane}, title = {No journal here}, year = {2010}}
@misc{bare, title = {Only a title}}
@misc{empty}
@proceedings{conf2020, title = {Proceedings of the {IEEE} Conference}, booktitle = {Proceedings of the {IEEE} Conference},
  editor = {Roe, R. and {\'E}mile, Zola}, publisher = {IEEE}, year = {2020}}
@inproceedings{child, author = {Kim, T. W.}, title = {A child paper}, crossref = {conf2020}, pages = {1--4}}
@phdthesis{thesis, author = {Ng, Q.}, title = {A thesis with a comment % not a comment}, school = {U of X}, year = {2015}}
@article{accents, author = {Fran{\c c}ois, {\'A}lvaro and Dvo\v{r}{\'a}k, Anton{\'\i}n and \AA{}ngstr{\"o}m, Anders},
  title = {\textit{In vivo} \textbf{Na\"{\i}ve}~analysis \ldots\ and more}, journal = {Revue}, year = {1990},
  volume = {12}, number = {3}, pages = {100--110}, month = jan, note = {In {French}}}
@article{spaces, author = { Lead, Space and Trail, Space }, title = { leading and trailing },
  journal = {Tab	bed}, year = {2000}, volume = {1}}
@article{brokenbraces, author = {Odd, Brace}, title = {Unbalanced {brace}}}, journal = {J}, year = {2000}}
@article{backslashend, author = {Slash, Back}, title = {Ends with a backslash \\}, journal = {J}, year = {2000}}
@article{hashes, author = {Num, Ber}, title = {Issue \#5 and 100\% and \$5}, journal = {J}, year = {2000}}
@book{editors, editor = {Editor, One and Editor, Two and Editor, Three and Editor, Four}, title = {Edited},
  publisher = {P}, year = {2000}}
@article{manyauthors, author = {A, A. and B, B. and C, C. and D, D. and E, E. and others}, title = {Many},
  journal = {J}, year = {2000}}
@article{badname, author = {One, Two, Three, Four}, title = {Too many commas}, journal = {J}, year = {2000}}
"""


@lru_cache(maxsize=None)
def _plain():
    from pybtex.backends.plaintext import Backend
    from pybtex.style.formatting.plain import Style
    return Style(), Backend()


def old_citation(ref):
    """The formatting as it was: plain pybtex, no fast path."""
    from pybtex.database import Entry, Person
    try:
        persons = {role: [Person(p) for p in people] for role, people in (("author", ref.authors),
                                                                           ("editor", ref.editors)) if people}
        entry = Entry(ref.type, fields=dict(ref.fields), persons=persons)
        style, backend = _plain()
        return style.format_entry(ref.key, entry).text.render(backend)
    except Exception:
        return citation.fallback_citation(ref)


def _assert_same(refs, monkeypatch):
    assert refs
    original = Text.__dict__["from_latex"]
    expected = [old_citation(r) for r in refs]
    assert [citation.format_citation(r) for r in refs] == expected
    assert Text.__dict__["from_latex"] is original
    monkeypatch.setattr(citation, "PARALLEL_MIN", 10**9)
    assert citation.format_citations(refs) == expected
    if len(os.sched_getaffinity(0)) >= 2:
        monkeypatch.setattr(citation, "PARALLEL_MIN", 2)
        monkeypatch.setattr(threading, "active_count", lambda: 1)
        assert citation._workers(len(refs)) >= 2
        assert citation.format_citations(refs) == expected
    assert Text.__dict__["from_latex"] is original
    return expected


def test_real_base_citations_unchanged(monkeypatch):
    refs = list(load(ROOT, None).references.values())
    assert len(refs) > 40
    _assert_same(refs, monkeypatch)


def test_synthetic_and_tricky_citations_unchanged(tmp_path, monkeypatch):
    synth.generate(tmp_path, 40, 300, 3)
    (tmp_path / "references" / "tricky.bib").write_text(TRICKY, encoding="utf-8")
    kb = load(tmp_path, None)
    tricky = {"umlaut", "dashes", "math", "von", "corp", "unicode", "missing", "child", "accents", "badname"}
    assert tricky <= set(kb.references)
    assert kb.references["child"].fields.get("publisher") == "IEEE"  # crossref inherited
    texts = dict(zip(kb.references, _assert_same(list(kb.references.values()), monkeypatch)))
    assert "Müller" in texts["umlaut"] and "–" in texts["dashes"]


def test_site_citations_come_from_the_batch(tmp_path, monkeypatch):
    synth.generate(tmp_path, 20, 30, 5)
    from evkb.engine.check import run_check
    from evkb.engine.config import Config
    result = run_check(load(tmp_path, None), Config())
    cache = TextCache(tmp_path / "cache")
    site = Site(result, text_cache=cache)
    for key, ref in result.kb.references.items():
        assert site.citation(key) == old_citation(ref)
    assert site.citation("no-such-key") == ""
    cache.save()
    again = Site(result, text_cache=TextCache(tmp_path / "cache"))
    monkeypatch.setattr(citation, "_format", lambda ref: pytest.fail("formatted again despite the cache"))
    assert [again.citation(k) for k in result.kb.references] == [site.citation(k) for k in result.kb.references]


def test_fast_path_assumptions_match_latexcodec():
    chars_only = {"".join(t.text for t in key) for key in _LATEX_UNICODE_TABLE.unicode_map
                  if all(t.name == "chars" for t in key)}
    assert chars_only == {"--", "---", "``", "''", ",,", "~", "!`", "?`"}
    assert not [key for key in _LATEX_UNICODE_TABLE.unicode_map
                if {t.name for t in key} <= {"chars", "space"} and any(t.name == "space" for t in key)]
    assert dict(LatexLexer.tokens)["chars"] == r"---|--|-|[`][`]|['][']|[?][`]|[!][`]|(?![ %#$\n\t\\])."
    assert dict(LatexLexer.tokens)["space"] == r" |\t"


@pytest.mark.parametrize("seed", range(4))
def test_fast_decode_equals_latexcodec(seed):
    rng = random.Random(seed)
    alphabet = "aZ09 .,;:-'`~!?{}\\\"^&%#$\t\nü—\xa0/()[]@*_+=<>|"
    for _ in range(4000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        try:
            want = codecs.decode(s, "ulatex")
        except Exception as exc:
            with pytest.raises(type(exc)):
                fastlatex.decode(s)
            continue
        assert fastlatex.decode(s) == want, repr(s)
        if fastlatex.MAY_CHANGE.search(s) is None:
            assert want == s, repr(s)


def test_fast_from_latex_equals_pybtex():
    samples = ["plain text", "", " lead", "a  b", "{Protected} Case", "M{\\\"u}ller", "10--20", "A~B",
               "$x^2$", "\\&", "Unbalanced {brace", "x}", "Sørensen — “q”"]
    for s in samples:
        try:
            want = Text.from_latex(s)
        except Exception as exc:
            with pytest.raises(type(exc)):
                fastlatex.from_latex(Text, s)
            continue
        assert fastlatex.from_latex(Text, s) == want, repr(s)
