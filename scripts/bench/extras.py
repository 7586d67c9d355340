"""The baselines run.py compares against: check-jsonschema on the claims, and a plain mkdocs-material site."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import child

PLAIN_MKDOCS = """site_name: Plain material site
theme:
  name: material
  font: false
plugins:
  - search
nav:
  - index.md
"""


def jsonschema_bin() -> str | None:
    local = Path(sys.executable).parent / "check-jsonschema"
    return str(local) if local.exists() else shutil.which("check-jsonschema")


def jsonschema_run(base: Path, work: Path, env: dict) -> dict:
    made = child.run(child.python("-m", "evkb", "schema", "claim", "--out", work / "schema"), env=env)
    tool = jsonschema_bin()
    if made["rc"] != 0 or tool is None:
        return {"failed": True, "why": child.tail(made["stderr"]) or "check-jsonschema is not installed"}
    files = sorted((base / "claims").rglob("*.yaml"))
    result = child.run([tool, "--schemafile", work / "schema" / "claim.schema.json", *files])
    return {"seconds": result["seconds"], "rss_mb": result["rss_mb"], "rc": result["rc"], "files": len(files),
            "output": child.tail(result["stdout"] + result["stderr"], 4)}


def pages_in(site: Path) -> int:
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html")


def plain_site(root: Path, pages: int) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Plain site\n", encoding="utf-8")
    nav = []
    for i in range(max(0, pages - 1)):
        folder = docs / f"part{i // 500:03d}"
        if i % 500 == 0:
            folder.mkdir(exist_ok=True)
            nav.append(f"  - Part {i // 500}: {folder.name}/page{i:05d}.md\n")
        (folder / f"page{i:05d}.md").write_text(f"# Page {i}\n\nA trivial page.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(PLAIN_MKDOCS + "".join(nav), encoding="utf-8")
    return root / "mkdocs.yml"


def plugin_env(work: Path, env: dict) -> dict:
    """mkdocs finds plugins by entry point only: without an installed evkb, register it from a dist-info."""
    from importlib.metadata import entry_points
    if any(e.name == "evkb" for e in entry_points(group="mkdocs.plugins")):
        return env
    info = work / "entry-points" / "evkb_bench_shim-0.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: evkb-bench-shim\nVersion: 0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[mkdocs.plugins]\nevkb = evkb.site.mkdocs.plugin:EvkbPlugin\n",
                                           encoding="utf-8")
    return {**env, "PYTHONPATH": f"{env['PYTHONPATH']}:{info.parent}"}


def evkb_build(base: Path, work: Path, env: dict) -> tuple[dict, Path]:
    """One cold `mkdocs build` of the base with the evkb plugin: no record, check or citation cache."""
    out = work / f"site-evkb-{base.name}"
    cache_home = work / f"xdg-site-{base.name}"
    shutil.rmtree(cache_home, ignore_errors=True)
    env = {**plugin_env(work, env), "XDG_CACHE_HOME": str(cache_home)}
    return child.run(child.python("-m", "mkdocs", "build", "-q", "-f", base / "mkdocs.yml", "-d", out), env=env), out


def large_run(base: Path, work: Path, env: dict) -> dict:
    """`--large N`: the site build alone (no plain baseline, no serve), for sizes CI never builds."""
    built, out = evkb_build(base, work, env)
    if built["rc"] != 0:
        return {"failed": True, "why": child.tail(built["stderr"], 6)}
    pages = pages_in(out)
    shutil.rmtree(out, ignore_errors=True)
    return {"evkb_seconds": built["seconds"], "evkb_cpu_s": built["cpu_s"], "evkb_rss_mb": built["rss_mb"],
            "pages": pages}


def site_run(base: Path, work: Path, env: dict) -> dict:
    built, out = evkb_build(base, work, env)
    env = plugin_env(work, env)
    if built["rc"] != 0:
        return {"failed": True, "why": child.tail(built["stderr"], 6)}
    pages = pages_in(out)
    config = plain_site(work / f"plain-{base.name}", pages)
    plain = child.run(child.python("-m", "mkdocs", "build", "-q", "-f", config, "-d", work / f"site-plain-{base.name}"),
                      env=env)
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(work / f"site-plain-{base.name}", ignore_errors=True)
    return {"evkb_seconds": built["seconds"], "evkb_rss_mb": built["rss_mb"], "pages": pages,
            "plain_seconds": plain["seconds"], "plain_rc": plain["rc"], "plain_rss_mb": plain["rss_mb"]}
