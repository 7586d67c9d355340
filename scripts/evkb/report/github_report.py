"""GitHub Actions workflow commands: one annotation per diagnostic, on its file and line."""
from ..engine.diagnostics import Location

KIND = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result, **_):
    lines = []
    for d in result.diagnostics:
        loc: Location = d.location
        title = _escape_prop(f"{d.code} {d.rule}")
        body = _escape_data(d.message + (f"\n{d.hint}" if d.hint else ""))
        lines.append(f"::{KIND[d.level]} file={_escape_prop(loc.path)},line={loc.line},col={loc.column},"
                     f"title={title}::{body}")
    return "\n".join(lines) + ("\n" if lines else "")
