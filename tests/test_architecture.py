"""The package reads as its stages: imports go only down the stages, and no module imports itself back.

Stages, lowest first: model, load, engine, then report, site, contrib and lsp side by side, then
cli. A module may import from its own stage and from any stage below it; report, site, contrib
and lsp may not import each other. Every import counts, also those inside functions (they
run as surely as the others, only later). Read from the source with `ast`, nothing is run.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "scripts" / "evkb"
RANK = {"model": 0, "load": 1, "engine": 2, "report": 3, "site": 3, "contrib": 3, "lsp": 3, "cli": 4}
TOP = {"evkb", "evkb.__main__"}     # the package itself and `python -m evkb` (which starts the cli)


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = ("evkb",) + path.relative_to(package).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(name: str, path: Path, known) -> set[str]:
    """The evkb modules that `name` imports (a name imported from a package counts as the
    submodule when there is one of that name)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.split(".")[0] == "evkb")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "evkb":
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                out.add(sub if sub in known else target)
    out.discard(name)
    return out


def stage(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANK else None


def graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    known = modules(package)
    return {name: imports(name, path, known) for name, path in known.items()}


def test_every_module_lives_in_a_stage():
    loose = [name for name in modules() if name not in TOP and stage(name) is None]
    assert not loose, f"modules outside the stage folders {sorted(RANK)}: {loose}"


def upward_imports(package: Path = PACKAGE) -> list[str]:
    upward = []
    for name, targets in graph(package).items():
        if name in TOP:
            continue
        here = stage(name)
        for target in sorted(targets):
            there = stage(target)
            if there is None or there == here:
                continue
            if RANK[there] >= RANK[here]:
                upward.append(f"{name} -> {target} ({here} may not import {there})")
    return upward


def test_imports_only_go_down_the_stages():
    upward = upward_imports()
    assert not upward, "imports that go up or across the stages:\n" + "\n".join(upward)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm, iteratively)."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], [0]
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter[0]; counter[0] += 1
        stack.append(root); on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop(); on_stack.discard(member); group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        found.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = counter[0]; counter[0] += 1
                stack.append(child); on_stack.add(child)
                work.append((child, iter(sorted(edges.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def test_no_import_circles():
    circles = cycles(graph())
    assert not circles, "import circles:\n" + "\n".join(" <-> ".join(c) for c in circles)


def test_the_checker_sees_a_circle_and_an_upward_import(tmp_path):
    for name, text in {"__init__.py": "", "model/__init__.py": "", "model/a.py": "from ..site.pages import b\n",
                       "site/__init__.py": "", "site/pages/__init__.py": "",
                       "site/pages/b.py": "def f():\n    from . import c\n",
                       "site/pages/c.py": "from .b import f\nfrom ...report import r\n",
                       "report/__init__.py": "", "report/r.py": "import evkb.model\n"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert sorted(upward_imports(tmp_path)) == [
        "evkb.model.a -> evkb.site.pages.b (model may not import site)",
        "evkb.site.pages.c -> evkb.report.r (site may not import report)"]
    assert cycles(graph(tmp_path)) == [["evkb.site.pages.b", "evkb.site.pages.c"]]


def test_each_stage_says_what_it_owns_and_may_import():
    for folder in RANK:
        doc = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "May import" in doc, f"evkb/{folder}/__init__.py needs a docstring with 'May import'"


def test_the_readme_architecture_matches_the_tree():
    readme = (PACKAGE.parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    for folder in RANK:
        assert f"| `{folder}/` |" in section, f"the Architecture table has no row for {folder}/"
    named = set(re.findall(r"`((?:model|load|engine|report|site|contrib|lsp|cli)/[\w./<>-]*)`", section))
    assert len(named) > 15
    missing = [p for p in sorted(named) if "<" not in p
               and not (PACKAGE / p).exists() and not (PACKAGE / (p + ".py")).exists()]
    assert not missing, f"README's Architecture names what the tree does not have: {missing}"
