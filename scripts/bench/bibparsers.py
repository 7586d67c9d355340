"""pybtex against bibtexparser v2, on the same files in the same run: speed and bad-input reports.

    python scripts/bench/bibparsers.py [BASE]      (or: python scripts/bench/run.py --bibparsers)

Speed: the six real-world IRIDIA files (tests/data/realworld-bib/iridia/, read together: the files
that define @string macros and crossref parents first) and, with BASE, the synthetic base's
references/*.bib. Each parser reads the same texts, already in memory; the best of REPEAT runs is
kept, imports are timed apart. The engine's own reader (evkb.bibtex.load_bib_files: pybtex plus a
macro pass and a line scan) is timed next to them.

Bad input: one small file with an undefined macro, a duplicate field, an unclosed brace and a
repeated key, followed by a good entry. For each parser: what it reports, at which line (1-based,
against the line the mistake is on), and whether it keeps going to read the good entry after them.

Prints Markdown (or JSON with --json). Without bibtexparser installed it says so and times pybtex only.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO / "scripts"))

IRIDIA = REPO / "tests" / "data" / "realworld-bib" / "iridia"
# macro and crossref files first, so a one-pass parser sees every @string before its use
IRIDIA_ORDER = ("abbrev.bib", "authors.bib", "journals.bib", "crossref.bib", "articles.bib", "biblio.bib")
REPEAT = 3

BAD = """@string{jcs = {Journal of Cool Stuff}}

@article{good1,
  author = {Smith, A.},
  title = {Fine},
  journal = jcs,
  year = 2001,
}

@article{undef1,
  author = {Jones, B.},
  title = {Undefined macro},
  journal = nosuchmacro,
  year = 2002,
}

@article{dupfield1,
  author = {Lee, C.},
  title = {First title},
  title = {Second title},
  year = 2003,
}

@article{syntax1,
  author = {Brown, D.},
  title = {Missing brace,
  year = 2004,
}

@article{good2,
  author = {White, E.},
  title = {After the errors},
  year = 2005,
}

@article{good1,
  author = {Again, A.},
  title = {Repeated key},
  year = 2006,
}
"""
# (case, the line of the mistake, the entry's first line)
CASES = [("undefined macro", 13, 10), ("duplicate field", 20, 17), ("syntax error (unclosed brace)", 26, 24),
         ("repeated key", 36, 36)]


def have_bibtexparser():
    try:
        import bibtexparser
    except ImportError:
        return None
    major = getattr(bibtexparser, "__version__", "1").split(".")[0]
    return bibtexparser if major.isdigit() and int(major) >= 2 else None


# -- speed ---------------------------------------------------------------------------------------

def parse_pybtex(texts: list[str]) -> tuple[int, int]:
    import pybtex.errors
    from pybtex.database.input.bibtex import Parser
    pybtex.errors.set_strict_mode(False)
    parser = Parser()
    with pybtex.errors.capture() as errors:
        for text in texts:
            parser.parse_string(text)
    return len(parser.data.entries), len(errors)


def parse_bibtexparser(texts: list[str]) -> tuple[int, int]:
    import bibtexparser
    library = bibtexparser.parse_string("\n".join(texts))
    return len(library.entries), len(library.failed_blocks)


def parse_engine(texts: list[str]) -> tuple[int, int]:
    from evkb.load.bibtex import load_bib_files
    result = load_bib_files([(f"references/{i:02d}.bib", t.encode("utf-8")) for i, t in enumerate(texts)])
    return len(result.references), len(result.problems)


def timed_import(module: str) -> float | None:
    """Seconds to import module the first time in this process (None when it is missing)."""
    start = time.perf_counter()
    try:
        __import__(module)
    except ImportError:
        return None
    return time.perf_counter() - start


def best_of(fn, texts) -> dict:
    times, out = [], None
    for _ in range(REPEAT):
        start = time.perf_counter()
        out = fn(texts)
        times.append(time.perf_counter() - start)
    best = min(times)
    return {"seconds": best, "entries": out[0], "errors": out[1], "entries_per_s": out[0] / best if best else None}


def speed(label: str, texts: list[str], bp) -> dict:
    row = {"corpus": label, "bytes": sum(len(t.encode("utf-8")) for t in texts),
           "pybtex": best_of(parse_pybtex, texts), "engine": best_of(parse_engine, texts)}
    if bp is not None:
        row["bibtexparser"] = best_of(parse_bibtexparser, texts)
    return row


# -- bad input -----------------------------------------------------------------------------------

def bad_pybtex() -> dict:
    import pybtex.errors
    from pybtex.database.input.bibtex import Parser
    pybtex.errors.set_strict_mode(False)
    with pybtex.errors.capture() as errors:
        data = Parser().parse_string(BAD)
    found = {}
    for err in errors:
        name, text, line = type(err).__name__, str(err).replace("\n", " "), getattr(err, "lineno", None)
        case = {"UndefinedMacro": "undefined macro", "DuplicateField": "duplicate field",
                "TokenRequired": "syntax error (unclosed brace)", "PybtexSyntaxError": "syntax error (unclosed brace)",
                "BibliographyDataError": "repeated key"}.get(name, name)
        found.setdefault(case, (name, line, text[:70]))
    return {"found": found, "kept_going": "good2" in data.entries, "entries": sorted(data.entries)}


def bad_bibtexparser(bp) -> dict:
    import logging
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)  # it also logs the syntax error
    library = bp.parse_string(BAD)
    found = {}
    for block in library.failed_blocks:
        name = type(block).__name__
        case = {"DuplicateFieldKeyBlock": "duplicate field", "ParsingFailedBlock": "syntax error (unclosed brace)",
                "DuplicateBlockKeyBlock": "repeated key"}.get(name, name)
        line = block.start_line + 1 if block.start_line is not None else None  # start_line counts from 0
        found.setdefault(case, (name, line, str(getattr(block, "error", "") or "")[:70].replace("\n", " ")))
    literal = [e.key for e in library.entries for f in e.fields if f.value == "nosuchmacro"]
    if "undefined macro" not in found and literal:
        found["undefined macro"] = ("(none)", None, "no error: the value is kept as the text 'nosuchmacro'")
    keys = [e.key for e in library.entries]
    return {"found": found, "kept_going": "good2" in keys, "entries": sorted(keys)}


def describe(found: dict, case: str, mistake_line: int, entry_line: int) -> str:
    if case not in found:
        return "not reported"
    name, line, text = found[case]
    if line is None:
        where = "no line"
    elif line == mistake_line:
        where = f"line {line} (the mistake)"
    elif line == entry_line:
        where = f"line {line} (the entry's first line)"
    else:
        where = f"line {line} (the mistake is on {mistake_line})"
    return f"{name}: {where}" if name != "(none)" else text


# -- report --------------------------------------------------------------------------------------

def run(base: Path | None = None) -> dict:
    imports = {"pybtex": timed_import("pybtex.database.input.bibtex"), "bibtexparser": timed_import("bibtexparser")}
    bp = have_bibtexparser()
    imports = {k: v for k, v in imports.items() if v is not None and (bp is not None or k == "pybtex")}
    corpora = [("IRIDIA, 6 files together", [(IRIDIA / n).read_text(encoding="utf-8") for n in IRIDIA_ORDER])]
    if base is not None:
        files = sorted((Path(base) / "references").glob("*.bib"))
        if files:
            corpora.append((f"synthetic, {len(files)} files", [p.read_text(encoding="utf-8") for p in files]))
    out = {"bibtexparser": getattr(bp, "__version__", None), "imports": imports,
           "speed": [speed(label, texts, bp) for label, texts in corpora],
           "bad": {"pybtex": bad_pybtex()}}
    from importlib.metadata import version
    out["pybtex"] = version("pybtex")
    if bp is not None:
        out["bad"]["bibtexparser"] = bad_bibtexparser(bp)
    return out


def _cell(r: dict | None) -> str:
    if r is None:
        return "not installed"
    return f"{r['entries_per_s']:,.0f} ({r['entries']} entries, {r['seconds']:.2f} s, {r['errors']} errors)"


def table(res: dict) -> str:
    bpv = res["bibtexparser"]
    lines = ["", f"**BibTeX parsers** (pybtex {res['pybtex']}, bibtexparser "
             f"{bpv or 'not installed: pip install bibtexparser>=2'}): entries per second, best of {REPEAT}, "
             "same texts in memory, same run", "",
             "| corpus | MB | pybtex | bibtexparser v2 | evkb reader (pybtex + macro pass + line scan) |",
             "|---|---:|---:|---:|---:|"]
    for row in res["speed"]:
        lines.append(f"| {row['corpus']} | {row['bytes'] / 1e6:.2f} | {_cell(row['pybtex'])} "
                     f"| {_cell(row.get('bibtexparser'))} | {_cell(row['engine'])} |")
    lines.append("")
    lines.append("Imports: " + ", ".join(f"{k} {v:.2f} s" for k, v in res["imports"].items()) + ".")
    parsers = ["pybtex"] + (["bibtexparser"] if "bibtexparser" in res["bad"] else [])
    lines += ["", "Bad input (one file: undefined macro, duplicate field, unclosed brace, repeated key, then a "
              "good entry):", "", "| case | " + " | ".join(parsers) + " |", "|---|" + "---|" * len(parsers)]
    for case, mistake, entry in CASES:
        lines.append(f"| {case} | " + " | ".join(describe(res["bad"][p]["found"], case, mistake, entry)
                                                   for p in parsers) + " |")
    lines.append("| reads the good entry after them | " + " | ".join(
        "yes" if res["bad"][p]["kept_going"] else "no" for p in parsers) + " |")
    if bpv is None:
        lines.append("\nbibtexparser not installed: only pybtex was measured.")
    return "\n".join(lines)


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in argv
    argv = [a for a in argv if a != "--json"]
    res = run(Path(argv[0]) if argv else None)
    print(json.dumps(res, indent=1, default=str) if as_json else table(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
