"""The parse floor: the least any check of a base must do, timed in a bare process.

    python scripts/bench/floor.py BASE

Composes every YAML file under claims/ and references/ with the C loader (nodes keep line marks) and
parses all references/*.bib together with one pybtex parser, so cross-file @string macros resolve.
Prints {"seconds": ..., ...} as JSON; the time includes imports.
"""
import time

START = time.perf_counter()

import json  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import pybtex.errors  # noqa: E402
import yaml  # noqa: E402
from pybtex.database.input.bibtex import Parser  # noqa: E402


def compose_all(root: Path) -> int:
    if not yaml.__with_libyaml__:
        sys.exit("floor: PyYAML has no libyaml here; the floor would be ten times too slow")
    count = 0
    for top in ("claims", "references"):
        for path in sorted((root / top).rglob("*.yaml")):
            yaml.compose(path.read_bytes(), Loader=yaml.CSafeLoader)
            count += 1
    return count


def parse_bib(root: Path) -> int:
    pybtex.errors.set_strict_mode(False)
    parser = Parser()
    for path in sorted((root / "references").glob("*.bib")):
        parser.parse_string(path.read_text(encoding="utf-8"))
    return len(parser.data.entries)


def main() -> int:
    root = Path(sys.argv[1])
    t0 = time.perf_counter()
    yaml_files = compose_all(root)
    t1 = time.perf_counter()
    entries = parse_bib(root)
    t2 = time.perf_counter()
    print(json.dumps({"seconds": round(t2 - START, 3), "imports": round(t0 - START, 3),
                      "yaml": round(t1 - t0, 3), "bib": round(t2 - t1, 3),
                      "yaml_files": yaml_files, "bib_entries": entries}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
