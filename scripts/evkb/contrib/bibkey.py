"""Stable BibTeX keys: family name + year + first significant title word (`roos2012patellofemoral`)."""
from __future__ import annotations

import codecs
import re
import unicodedata

import latexcodec  # noqa: F401  (registers the "ulatex" codec)

STOPWORDS = frozenset("""a an the of on in at to for from by with and or but as is are was were be does do did
how what why when which who whom whose is it its into onto over under vs versus than this that these those
not no""".split())


def plain(text: str) -> str:
    """LaTeX-decoded, brace-free text."""
    try:
        text = codecs.decode(text, "ulatex")
    except Exception:  # latexcodec is lenient; anything odd keeps the raw text
        pass
    return text.replace("{", "").replace("}", "")


def ascii_fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", plain(text))
    folded = folded.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("æ", "ae")
    return folded.encode("ascii", "ignore").decode("ascii")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text).lower())


def first_word(title: str) -> str:
    for word in re.split(r"[\s\-–—/:;,.]+", ascii_fold(title).lower()):
        word = re.sub(r"[^a-z0-9]", "", word)
        if word and word not in STOPWORDS and not word.isdigit():
            return word
    return "untitled"


def year_of(text: str) -> str:
    match = re.search(r"(1[5-9]|20|21)\d\d", text or "")
    return match.group(0) if match else "nd"


def base_key(family: str, year: str, title: str) -> str:
    return f"{slug(family) or 'anon'}{year_of(year)}{first_word(title or '')}"


def unique_key(base: str, taken) -> str:
    """base, or base + a, b, ... z, aa, ab ... when taken."""
    taken = {k.lower() for k in taken}
    if base.lower() not in taken:
        return base
    n = 0
    while True:
        suffix, i = "", n
        while True:
            suffix = chr(ord("a") + i % 26) + suffix
            i = i // 26 - 1
            if i < 0:
                break
        if (base + suffix).lower() not in taken:
            return base + suffix
        n += 1


def family_of(person: str) -> str:
    """The family name of a BibTeX person ("Roos, Paulien E." or "Paulien E. Roos"), without particles."""
    from pybtex.database import Person
    try:
        last = Person(person).last_names
    except Exception:
        return person
    return " ".join(last) or person
