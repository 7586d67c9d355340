"""Synthetic BibTeX: entries split over several files, @string macros in the first, crossref parents in the last."""
from __future__ import annotations

import math
from pathlib import Path

# (as written in BibTeX, as used in a key)
SURNAMES = [
    ("Roos", "roos"), ("M{\\\"u}ller", "muller"), ("Garc{\\'i}a", "garcia"), ("Sørensen", "sorensen"),
    ("van Deursen", "vandeursen"), ("Flynn", "flynn"), ("Alghadir", "alghadir"), ("Chen", "chen"),
    ("Kim", "kim"), ("Nakamura", "nakamura"), ("O'Brien", "obrien"), ("Dufek", "dufek"), ("Hooper", "hooper"),
    ("Wang", "wang"), ("Gondhalekar", "gondhalekar"), ("Cha", "cha"), ("Menezes", "menezes"),
    ("Zhang", "zhang"), ("{\\O}stergaard", "ostergaard"), ("Nowak", "nowak"), ("Rossi", "rossi"),
    ("Dubois", "dubois"), ("Silva", "silva"), ("Yamamoto", "yamamoto"), ("Kowalski", "kowalski"),
    ("Andersson", "andersson"), ("Papadopoulos", "papadopoulos"), ("Schr{\\\"o}der", "schroder"),
    ("Nguyen", "nguyen"), ("Okafor", "okafor"),
]
GIVEN = ["A.", "Paulien E.", "R. W.", "Nicholas", "S.", "Hye-Jin", "T. W.", "Jos{\\'e}", "Marta", "Y.-R.", "K.", "Lars"]

# macro, BibTeX text, plain name (for media credits)
JOURNAL_MACROS = [
    ("JBIOMECH", "Journal of Biomechanics", "Journal of Biomechanics"),
    ("GAITPOST", "Gait {\\&} Posture", "Gait & Posture"),
    ("MSSE", "Medicine and Science in Sports and Exercise", "Medicine and Science in Sports and Exercise"),
    ("JOSPT", "Journal of Orthopaedic and Sports Physical Therapy",
     "Journal of Orthopaedic and Sports Physical Therapy"),
    ("CLINREHAB", "Clinical Rehabilitation", "Clinical Rehabilitation"),
    ("APMR", "Archives of Physical Medicine and Rehabilitation", "Archives of Physical Medicine and Rehabilitation"),
    ("JEK", "Journal of Electromyography and Kinesiology", "Journal of Electromyography and Kinesiology"),
    ("EJAP", "European Journal of Applied Physiology", "European Journal of Applied Physiology"),
]
LITERAL_JOURNALS = ["BMC Musculoskeletal Disorders", "Journal of Sports Science and Medicine", "PLoS ONE",
                    "International Journal of Sports Medicine", "Physiotherapy Research International"]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


class KeyMaker:
    def __init__(self):
        self.used: set[str] = set()

    def make(self, surname_key: str, year: int, word: str) -> str:
        base = f"{surname_key}{year}{word}"
        key, n = base, 1
        while key in self.used:
            n += 1
            key = f"{base}{chr(96 + n)}" if n <= 26 else f"{base}{n}"
        self.used.add(key)
        return key


def authors(rng, first: int) -> str:
    picks = [SURNAMES[first][0]] + [rng.choice(SURNAMES)[0] for _ in range(rng.randint(0, 4))]
    return " and ".join(f"{s}, {rng.choice(GIVEN)}" for s in picks)


def journal_field(rng) -> tuple[str, str]:
    """The journal as written in the entry (a macro or a literal) and its plain name."""
    if rng.random() < 0.75:
        macro, _, plain = rng.choice(JOURNAL_MACROS)
        return macro, plain
    name = rng.choice(LITERAL_JOURNALS)
    return "{" + name + "}", name


def make_entry(rng, kind: str, key: str, title: str, year: int, first: int, serial: int,
               parent: str = "") -> dict:
    builder = {"article": _article, "inproceedings": _inproceedings, "phdthesis": _thesis, "misc": _preprint}
    fields, venue = builder[kind](rng, year, serial, parent)
    author = authors(rng, first)
    if kind == "phdthesis":
        author = author.split(" and ")[0]
    return {"key": key, "type": kind, "venue": venue,
            "fields": [("author", author), ("title", title)] + fields}


def _article(rng, year: int, serial: int, parent: str):
    journal, plain = journal_field(rng)
    start = rng.randint(1, 2400)
    fields = [("journal", journal), ("year", year), ("volume", rng.randint(1, 80)),
              ("number", rng.randint(1, 12)), ("pages", f"{start}--{start + rng.randint(4, 14)}"),
              ("doi", f"10.5555/synth.{year}.{serial:05d}")]
    if rng.random() < 0.4:
        fields.append(("month", rng.choice(MONTHS)))
    if rng.random() < 0.5:
        fields.append(("pmid", 20000000 + serial))
    if rng.random() < 0.2:
        fields.append(("note", "verified on the publisher page"))
    return fields, plain


def _inproceedings(rng, year: int, serial: int, parent: str):
    fields = [("crossref", parent), ("pages", str(rng.randint(1, 400))), ("note", "conference abstract")]
    if rng.random() < 0.9:
        fields.append(("doi", f"10.5555/congress.{year}.{serial:05d}"))
    return fields, "a conference abstract"


def _thesis(rng, year: int, serial: int, parent: str):
    school = rng.choice(["University of Nevada, Las Vegas", "Old Dominion University",
                         "Western Kentucky University", "Universit{\\'e} de Montr{\\'e}al"])
    fields = [("school", school), ("year", year), ("note", "thesis, grey literature")]
    if rng.random() < 0.9:
        fields.append(("url", f"https://example.org/theses/{serial}"))
    return fields, "a thesis"


def _preprint(rng, year: int, serial: int, parent: str):
    return [("year", year), ("howpublished", "SportRxiv preprint"),
            ("url", f"https://example.org/preprint/{serial}"), ("note", "preprint, not peer reviewed")], \
        "a preprint"


def isbn13(first12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return f"{first12[:3]}-{first12[3]}-{first12[4:6]}-{first12[6:]}-{(10 - total % 10) % 10}"


def proceedings(rng, key: str, year: int, index: int) -> dict:
    name = f"Proceedings of the Annual Congress on Gait and Locomotion, volume {index + 1}"
    fields = [("title", name), ("booktitle", name), ("year", year),
              ("publisher", "Synthetic Society of Biomechanics"), ("address", "Lyon"),
              ("isbn", isbn13(f"978000{index:06d}"))]
    return {"key": key, "type": "proceedings", "fields": fields, "venue": "proceedings"}


def render(entry: dict) -> str:
    lines = [f"@{entry['type']}{{{entry['key']},"]
    for name, value in entry["fields"]:
        if name == "journal" or name == "month":
            text = str(value)
        elif name == "note" and entry["type"] == "article":
            text = "{" + str(value) + "} # SYNTHNOTE"
        else:
            text = "{" + str(value) + "}"
        lines.append(f"  {name:<12} = {text},")
    lines.append("}\n")
    return "\n".join(lines)


def macros_text() -> str:
    lines = ["% Journal abbreviations, used by the other synthetic-*.bib files.\n"]
    lines += [f"@string{{{macro} = {{{text}}}}}" for macro, text, _ in JOURNAL_MACROS]
    lines.append("@string{SYNTHNOTE = { (synthetic benchmark record)}}\n")
    return "\n".join(lines) + "\n"


def write_files(refdir: Path, entries: list[dict], parents: list[dict]) -> list[Path]:
    files = max(2, math.ceil(len(entries) / 1200))
    per = math.ceil(len(entries) / files) or 1
    written = [refdir / "synthetic-00-journals.bib"]
    written[0].write_text(macros_text(), encoding="utf-8")
    for i in range(files):
        chunk = entries[i * per:(i + 1) * per]
        path = refdir / f"synthetic-{i + 1:02d}-entries.bib"
        path.write_text("\n".join(render(e) for e in chunk), encoding="utf-8")
        written.append(path)
    path = refdir / "synthetic-99-proceedings.bib"
    path.write_text("\n".join(render(e) for e in parents), encoding="utf-8")
    return written + [path]
