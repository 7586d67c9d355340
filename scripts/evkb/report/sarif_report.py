"""SARIF 2.1.0, for code-scanning dashboards (GitHub's upload-sarif).

Every rule carries its documentation (`help`, text and Markdown) and a `helpUri` to its page on
the site; the driver names the installed version. File URIs are relative to the repository's
top (`kb/claims/x.yaml` for `--root kb`) under the base id `%SRCROOT%`, which
`originalUriBaseIds` resolves to that folder, so GitHub places every result on its file.
"""
import json
from urllib.parse import quote

from ..model import project
from .locations import repository_top

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"


def _rule(r, help_uri) -> dict:
    doc = r.doc or r.name
    about = doc.split("Failing example", 1)[0].strip()
    full = " ".join(about.split())
    level = r.level if isinstance(r.level, str) else ("error" if "error" in r.level.values() else "warning")
    out = {"id": r.code, "name": r.name, "shortDescription": {"text": r.summary},
           "fullDescription": {"text": full},
           "help": {"text": doc, "markdown": f"**{r.code} {r.name}**\n\n{doc}"},
           "defaultConfiguration": {"level": LEVEL[level]}}
    if help_uri:
        out["helpUri"] = help_uri(r)
    return out


def render(result, root=None, prefix: str = "", help_uri=None, rules=None, **_):
    """`help_uri(rule) -> URL` of the rule's page on the site (the command line knows the site);
    `rules`: what the results' codes are, when they are not the check's rules."""
    from ..engine.rules import all_rules
    rules = [_rule(r, help_uri) for r in (all_rules() if rules is None else rules)]
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = [_result(d, index, prefix) for d in result.diagnostics]
    results += [{**_result(s, index, prefix), "suppressions": [{"kind": "inSource", "justification": s.suppressed_by}]}
                for s in result.suppressed]
    driver = {"name": "evkb", "version": project.version(), "semanticVersion": project.version(),
              "informationUri": project.repository(), "rules": rules}
    run = {"tool": {"driver": driver}, "results": results, "columnKind": "unicodeCodePoints"}
    if root is not None:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": repository_top(root).as_uri().rstrip("/") + "/",
                                               "description": {"text": "The repository's top folder."}}}
    log = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _artifact(path: str, prefix: str) -> dict:
    return {"uri": _uri(prefix + path), "uriBaseId": SRCROOT}


def _result(d, index, prefix):
    region = {"startLine": d.location.line, "startColumn": d.location.column}
    out = {"ruleId": d.code, "ruleIndex": index[d.code], "level": LEVEL[d.level],
           "message": {"text": d.message + (f" ({d.hint})" if d.hint else "")},
           "locations": [{"physicalLocation": {"artifactLocation": _artifact(d.location.path, prefix),
                                               "region": region}}]}
    if d.related:
        out["relatedLocations"] = [{"id": i, "physicalLocation": {"artifactLocation": _artifact(r.path, prefix),
                                                                  "region": {"startLine": r.line}}}
                                   for i, r in enumerate(d.related)]
    return out


def _uri(path: str) -> str:
    """SARIF artifact locations are URI references: a space or % in a file name must be escaped."""
    return quote(path, safe="/,;@!$&'()*+=")
