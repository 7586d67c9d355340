"""evkb's BibTeX writer gives pybtex's writer's text for every entry, byte for byte."""
from __future__ import annotations

import codecs
import random
import sys
from pathlib import Path

import latexcodec  # noqa: F401
import pytest

from evkb.load.loader import load
from evkb.site.pages.bibwrite import encode_safe
from evkb.site.pages.reference import bibtex_entry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts" / "bench"))
import synth  # noqa: E402
from test_citation_format import TRICKY  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def pybtex_text(ref) -> str:
    from pybtex.database import BibliographyData, Entry, Person
    from pybtex.database.output.bibtex import Writer
    persons = {role: [Person(p) for p in people] for role, people in (("author", ref.authors),
                                                                      ("editor", ref.editors)) if people}
    try:
        entry = Entry(ref.type, fields=dict(ref.fields), persons=persons)
        return Writer().to_string(BibliographyData(entries={ref.key: entry}))
    except Exception:
        lines = [f"@{ref.type}{{{ref.key},"] + [f"  {k} = {{{v}}}," for k, v in ref.fields.items()] + ["}"]
        return "\n".join(lines) + "\n"


def test_real_base_entries_unchanged():
    refs = load(REPO).references
    assert refs
    for ref in refs.values():
        assert bibtex_entry(ref) == pybtex_text(ref), ref.key


def test_synthetic_and_tricky_entries_unchanged(tmp_path):
    synth.generate(tmp_path, 20, 200, 4)
    (tmp_path / "references" / "tricky.bib").write_text(TRICKY + '\n@misc{quoted, title = {A "quoted" word & 50% of {it}_x~y}}\n',
                                                        encoding="utf-8")
    refs = load(tmp_path).references
    assert {"umlaut", "dashes", "quoted"} <= set(refs)
    for ref in refs.values():
        assert bibtex_entry(ref) == pybtex_text(ref), ref.key


@pytest.mark.parametrize("seed", range(3))
def test_safe_characters_are_left_alone_by_the_encoder(seed):
    chars = sorted(encode_safe())
    assert not {"#", "%", "&", "_", "~"} & set(chars)
    rng = random.Random(seed)
    for _ in range(20000):
        s = "".join(rng.choice(chars) for _ in range(rng.randint(1, 16)))
        assert codecs.encode(s, "ulatex+utf8") == s
