"""SARIF 2.1.0, for code-scanning dashboards."""
import json
from urllib.parse import quote

LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(result, **_):
    from ..engine.rules import all_rules
    rules = [{"id": r.code, "name": r.name, "shortDescription": {"text": r.summary},
              "fullDescription": {"text": r.doc},
              "defaultConfiguration": {"level": LEVEL[r.level if isinstance(r.level, str) else "warning"]}}
             for r in all_rules()]
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = [_result(d, index) for d in result.diagnostics]
    results += [{**_result(s, index), "suppressions": [{"kind": "inSource", "justification": s.suppressed_by}]}
                for s in result.suppressed]
    log = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "evkb", "informationUri": "https://example.invalid/evkb",
                                         "rules": rules}}, "results": results}]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _result(d, index):
    region = {"startLine": d.location.line, "startColumn": d.location.column}
    out = {"ruleId": d.code, "ruleIndex": index[d.code], "level": LEVEL[d.level],
           "message": {"text": d.message + (f" ({d.hint})" if d.hint else "")},
           "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(d.location.path)}, "region": region}}]}
    if d.related:
        out["relatedLocations"] = [{"id": i, "physicalLocation": {"artifactLocation": {"uri": _uri(r.path)},
                                                                  "region": {"startLine": r.line}}}
                                   for i, r in enumerate(d.related)]
    return out


def _uri(path: str) -> str:
    """SARIF artifact locations are URI references: a space or % in a file name must be escaped."""
    return quote(path, safe="/,;@!$&'()*+=")
