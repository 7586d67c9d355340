"""BibTeX as people write it: macros across files, crossref, escapes, errors with lines, real files."""
from __future__ import annotations

import hashlib
import shutil

import pytest

from evkb_testlib import DATA, check, make_base, positions, write
from evkb.load.bibtex import load_bib_files, resolve_crossrefs

IRIDIA = DATA / "realworld-bib" / "iridia"
IRIDIA_FILES = ("abbrev.bib", "articles.bib", "authors.bib", "biblio.bib", "crossref.bib", "journals.bib")


def bib(*files: tuple[str, str | bytes]):
    """Read (name, text) .bib files together with the real loader, crossrefs resolved."""
    result = load_bib_files([(name, text.encode("utf-8") if isinstance(text, str) else text)
                             for name, text in files])
    resolve_crossrefs(result)
    return result


def problem_lines(result, path=None) -> list[tuple[str, int, str]]:
    return [(p[0], p[1], p[4]) for p in result.problems if path is None or p[0] == path]


def test_macro_defined_in_a_file_read_later():
    result = bib(("references/a.bib", "@article{k1, author = {A, B}, title = {T}, journal = JB # {, online},"
                                      " year = Y2020}\n"),
                 ("references/z.bib", '@string{JB = "Journal of Biomechanics"}\n@string{Y2020 = {2020}}\n'))
    assert result.problems == []
    ref = result.references["k1"]
    assert ref.get("journal") == "Journal of Biomechanics, online"
    assert ref.year == "2020"


def test_macro_files_sort_after_their_users_in_a_real_base(base):
    """_base itself: base.bib uses JBIOMECH from strings.bib, which sorts after it."""
    assert sorted(p.name for p in (base / "references").glob("*.bib")) == ["base.bib", "strings.bib"]
    result = check(base)
    assert result.kb.references["smith2020knee"].get("journal") == "Journal of Biomechanics"
    assert positions(result, "S003") == []


def test_crossref_inheritance_across_files():
    result = bib(("references/a.bib", "@inproceedings{child,\n  author = {Kid, A},\n  title = {Child paper},\n"
                                      "  crossref = {parent},\n  pages = {1--2},\n}\n"),
                 ("references/b.bib", "@proceedings{parent,\n  title = {Proceedings of X},\n  year = {2019},\n"
                                      "  publisher = {ACM},\n  editor = {Ed, Itor},\n  pages = {999},\n}\n"))
    child = result.references["child"]
    assert child.title == "Child paper"                      # its own title stays
    assert child.get("booktitle") == "Proceedings of X"       # the parent's title becomes booktitle
    assert child.year == "2019" and child.get("publisher") == "ACM"
    assert child.get("pages") == "1--2"                       # its own field wins
    assert child.editors == ("Ed, Itor",)
    assert child.line == 1 and child.path == "references/a.bib"


def test_latex_escapes_and_unicode_are_kept():
    text = ("@article{k,\n  author = {M{\\\"u}ller, J{\\\"o}rg and Øster, Åse and Fran{\\c{c}}ois, Ga{\\\"e}l},\n"
            "  title = {Knee \\& hip -- a {\\em study} of 10\\,\\% gaits: ≤ 5 km/h},\n  journal = {J},\n"
            "  year = {2020},\n}\n")
    result = bib(("references/u.bib", text))
    assert result.problems == []
    ref = result.references["k"]
    assert ref.authors == ('M{\\"u}ller, J{\\"o}rg', "Øster, Åse", "Fran{\\c{c}}ois, Ga{\\\"e}l")
    assert ref.title == "Knee \\& hip -- a {\\em study} of 10\\,\\% gaits: ≤ 5 km/h"


BROKEN = """\
@article{first,
  title   = {First},
  journal = NOSUCHMACRO,
  year    = {2020},
}

@article{second,
  title   = {Second},
  title   = {Second again},
  year    = {2021},
}

@article{third,
  title = {Third}
  year  = {2022},
}

@article{fourth,
  title = {Fourth, read after three errors},
  year  = {2023},
}
"""


def test_each_error_has_its_line_and_the_rest_is_read():
    result = bib(("references/broken.bib", BROKEN))
    problems = problem_lines(result)
    assert [(line, msg.split(":")[0].split(" in line")[0]) for _, line, msg in problems] == [
        (3, "undefined string"),
        (9, "entry with key second has a duplicate title field"),
        (15, "in entry 'third' (starting at line 13)")]
    assert "syntax error" in problems[2][2]   # the parser's own words follow the entry's key and start
    assert all(p[3] == "invalid-bibtex" and p[2] == 1 for p in result.problems)
    assert {"first", "second", "fourth"} <= set(result.references)
    assert result.references["fourth"].line == 18
    assert result.references["fourth"].title == "Fourth, read after three errors"
    assert result.references["second"].line_of("year") == 10


def test_errors_through_the_whole_engine(base):
    write(base, "references/broken.bib", BROKEN)
    got = [(p[0], p[1]) for p in positions(check(base), "S003")]
    assert got == [("references/broken.bib", 3), ("references/broken.bib", 9), ("references/broken.bib", 15)]


def test_duplicate_keys_across_files_point_at_each_other(base):
    write(base, "references/more.bib", "% another file\n\n@misc{smith2020knee,\n  title = {Same key},\n"
                                       "  year = {2021},\n}\n")
    result = check(base)
    (dup,) = [d for d in result.diagnostics if d.code == "R002"]
    assert (dup.path, dup.location.line, dup.location.column) == ("references/more.bib", 3, 1)
    assert [(r.path, r.line, r.column) for r in dup.related] == [("references/base.bib", 2, 1)]
    assert dup.rule == "duplicate-reference-key" and dup.subject == "smith2020knee"
    # the first definition is kept: claims keep citing the real paper
    assert result.kb.references["smith2020knee"].path == "references/base.bib"


def test_non_utf8_bib_is_reported_with_its_line_and_still_read():
    raw = "@article{latin,\n  title = {Caf\xe9 study},\n  year = {2020},\n}\n".encode("latin-1")
    result = bib(("references/latin.bib", raw), ("references/ok.bib", "@misc{ok, title = {Fine}, year = {2020}}\n"))
    assert [(p[0], p[1], p[2]) for p in result.problems] == [("references/latin.bib", 2, 15)]
    assert "UTF-8" in result.problems[0][4]
    assert set(result.references) == {"latin", "ok"}
    assert result.references["latin"].year == "2020"


# --- real-world files (IRIDIA BibTeX Repository, CC0; see tests/data/realworld-bib/LICENSE.md) -----

def test_realworld_files_are_unchanged_copies():
    sums = dict(reversed(line.split()) for line in (IRIDIA.parent / "SHA256SUMS").read_text().splitlines())
    assert sorted(sums) == sorted(IRIDIA_FILES)
    for name, digest in sums.items():
        assert hashlib.sha256((IRIDIA / name).read_bytes()).hexdigest() == digest, name
    for name in IRIDIA_FILES:
        assert "Creative Commons CC0" in (IRIDIA / name).read_text(encoding="utf-8", errors="replace")[:1200]


@pytest.fixture(scope="module")
def iridia_all():
    return bib(*[(f"references/{name}", (IRIDIA / name).read_bytes()) for name in IRIDIA_FILES])


def test_realworld_six_files_together(iridia_all):
    assert len(iridia_all.references) > 3000
    assert [p for p in iridia_all.problems if p[3] == "invalid-bibtex"] == []
    assert iridia_all.duplicates == []
    assert len(iridia_all.macros) > 1000


def test_realworld_crossref_children_inherit(iridia_all):
    children = [r for r in iridia_all.references.values() if r.get("crossref")]
    assert len(children) > 100
    resolved = [r for r in children if r.get("crossref") in iridia_all.references]
    assert resolved and all(r.get("booktitle") and r.year for r in resolved if r.type == "inproceedings")


def test_realworld_articles_alone_reports_undefined_macros_with_lines():
    text = (IRIDIA / "articles.bib").read_text(encoding="utf-8")
    lines = text.splitlines()
    result = bib(("references/articles.bib", text))
    assert len(result.references) > 1000                      # the entries are still read
    undefined = [p for p in result.problems if p[4].startswith("undefined string")]
    assert len(undefined) > 100
    for path, line, col, code, message, hint in undefined:
        macro = message.rsplit(": ", 1)[1]
        assert path == "references/articles.bib" and code == "invalid-bibtex" and col == 1
        assert macro in lines[line - 1], (line, macro)        # the line really uses the macro
        assert "@string" in hint
    assert all(p[1] > 1 for p in result.problems)             # every problem has a real line


def test_realworld_through_the_engine(tmp_path):
    root = make_base(tmp_path)
    for name in IRIDIA_FILES:
        shutil.copyfile(IRIDIA / name, root / "references" / name)
    result = check(root)
    assert len(result.kb.references) > 3000
    assert positions(result, "S003") == []
    assert "smith2020knee" in result.kb.references
    assert not [d for d in result.diagnostics if d.path.startswith("claims/")]


UNCLOSED = """% the first entry lost its closing brace
@article{broken2019,
  author  = {Doe, Jane},
  title   = {A broken entry},
  year    = {2019},

@article{kept2020,
  author  = {Roe, Richard},
  title   = {The entry after it},
  year    = {2020},
  doi     = {10.1000/kept},
}
"""


def test_an_unclosed_entry_is_reported_at_its_start_with_its_key_and_swallows_nothing():
    result = bib(("references/unclosed.bib", UNCLOSED))
    (problem,) = result.problems
    path, line, col, code, message, hint = problem
    assert (path, line, code) == ("references/unclosed.bib", 2, "invalid-bibtex")
    assert "'broken2019'" in message and "'kept2020' starts at line 7" in message and "after line 5" in message
    assert result.references["kept2020"].fields["doi"] == "10.1000/kept"   # read as written, not swallowed
    assert result.references["kept2020"].line == 7


def test_an_unclosed_entry_gives_no_false_diagnostics_for_the_next(base):
    whole = (base / "references/base.bib").read_text(encoding="utf-8")
    write(base, "references/base.bib", UNCLOSED.split("@article{kept2020")[0] + whole)
    result = check(base)
    assert [d.code for d in result.diagnostics if d.code != "S003" and
            (d.subject == "smith2020knee" or "smith2020knee" in d.message)] == []
    assert [d.code for d in result.diagnostics if d.code == "S003"] == ["S003"]
