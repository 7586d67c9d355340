"""One entry as BibTeX text, exactly as pybtex's BibTeX writer writes it, without its cost.

pybtex's writer passes every field through latexcodec's encoder ("ulatex+UTF-8") and a
brace scan; on a bibliography of thousands of entries that is most of the time spent
writing them. The encoder leaves a string unchanged when every character is one it maps
to itself (printable ASCII other than `# % & _ ~`, tab and newline; `tests/test_bibwrite.py`
checks this against latexcodec), and the brace scan can only fail when a brace is
present; anything else goes through pybtex's own code. Names are formatted by pybtex.
"""
from __future__ import annotations

import codecs
from functools import lru_cache


@lru_cache(maxsize=None)
def _writer():
    from pybtex.database.output.bibtex import Writer
    return Writer()


@lru_cache(maxsize=None)
def encode_safe() -> frozenset:
    """The characters latexcodec's UTF-8 encoder maps to themselves."""
    import latexcodec  # noqa: F401  (registers the codec)
    return frozenset(c for c in map(chr, range(32, 127)) if codecs.encode(c, "ulatex+utf8") == c) | {"\t", "\n"}


def _encode(writer, text: str) -> str:
    if writer.encoding.lower().replace("-", "") == "utf8" and encode_safe().issuperset(text):
        return text
    return writer._encode(text)


def _quote(writer, text: str) -> str:
    if "{" in text or "}" in text:
        return writer.quote(text)
    return f'"{text}"' if '"' not in text else f"{{{text}}}"


def write_entry(key: str, entry_type: str, fields: dict, persons: dict) -> str:
    """`Writer().to_string(BibliographyData({key: Entry(entry_type, fields, persons)}))`;
    `persons` maps a role to parsed `Person`s. Raises what pybtex raises."""
    writer = _writer()
    out = [f"@{entry_type}{{{key}"]
    for role, people in persons.items():
        if people:
            names = " and ".join(writer._format_name(None, person) for person in people)
            out.append(f",\n    {role} = {_quote(writer, _encode(writer, names))}")
    for name, value in fields.items():
        out.append(f",\n    {name} = {_quote(writer, _encode(writer, value))}")
    out.append("\n}\n")
    return "".join(out)
