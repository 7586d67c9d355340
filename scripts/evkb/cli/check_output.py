"""What `evkb check` writes for each format, and the GitHub step summary.

The reporters (evkb.report) make the text; this module gives them what only the command line
knows: the base's folder (code frames), its place in the repository (paths under `--root`),
the site's rule pages (SARIF `helpUri`) and the diagnostics a change causes (`--changed-since`).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import yaml


def render_check(result, fmt: str, root: Path, color: bool = False, focus=None) -> str:
    from ..report import locations, render
    if fmt == "markdown":
        from ..contrib.summary import render_summary
        return render_summary(json.loads(render(result, "json")))
    prefix = locations.path_prefix(root)
    if fmt == "github":
        return render(result, "github", prefix=prefix, focus=focus)
    if fmt == "sarif":
        return render(result, "sarif", root=root, prefix=prefix, help_uri=rule_page_url(root))
    return render(result, fmt, color=color, root=root)


def whole_base(result) -> dict:
    """The whole base's figures (the JSON `summary`), taken before a gate keeps only what a change caused."""
    from ..report import summary
    return summary(result)


def render_gate(result, whole: dict, changed: int, fmt: str, root: Path, color: bool = False) -> str:
    """A gate's report of the diagnostics a change caused: `text` ends with the change's counts and the
    whole base's real figures, `json` carries them as `whole_base` beside the change's `summary`."""
    text = render_check(result, fmt, root, color=color)
    if fmt == "json":
        payload = json.loads(text)
        payload["whole_base"] = whole
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    if fmt != "text":
        return text
    w = whole
    report = text.rstrip("\n").splitlines()[:-1]
    files = f"{changed} changed file{'' if changed == 1 else 's'}"
    return "\n".join(report + [
        f"{files}: {result.count('error')} errors, {result.count('warning')} warnings, {result.count('info')} infos "
        f"caused by the change (whole base: {w['files']} files, {w['claims']} claims, {w['references']} references: "
        f"{w['errors']} errors, {w['warnings']} warnings, {w['infos']} infos, {w['suppressed']} suppressed)"]) + "\n"


def write_step_summary(result, root: Path, focus=None) -> bool:
    """Append what was not annotated, then the whole base's report, to $GITHUB_STEP_SUMMARY (when set)."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return False
    from ..report import github_report, locations
    text = github_report.step_summary(result, locations.path_prefix(root), focus) + render_check(result, "markdown", root)
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(text + "\n")
    return True


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` and `!ENV` tags; only plain top-level keys are read here."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def site_settings(root: Path) -> dict:
    path = root / "mkdocs.yml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader) if path.is_file() else None
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        data = None
    return data if isinstance(data, dict) else {}


def rule_page_url(root: Path):
    """rule -> the URL of its page: the base's own site (site_url of ROOT/mkdocs.yml), else the project's."""
    from ..model import project
    from ..site.pages import links
    settings = site_settings(root)
    site_url = settings.get("site_url")
    base = (site_url if isinstance(site_url, str) and site_url.startswith(("https://", "http://"))
            else project.documentation()).rstrip("/") + "/"
    directory_urls = settings.get("use_directory_urls", True) is not False
    return lambda rule: base + links.page_url(links.rule_path(rule), directory_urls)
