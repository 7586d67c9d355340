"""The documented JSON shape: {"diagnostics": [...], "summary": {...}, "suppressed": [...]}."""
import json


def render(result, **_):
    from . import summary
    suppressed = [{**d.as_dict(), "reason": d.suppressed_by} for d in result.suppressed]
    payload = {"diagnostics": [d.as_dict() for d in result.diagnostics], "summary": summary(result),
               "suppressed": suppressed}
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
