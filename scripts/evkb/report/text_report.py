"""`path:line:col: CODE [rule] message`, the offending line with a caret, hints indented, a summary at the end."""
from .code_frame import Frames


def render(result, color: bool = False, root=None, **_):
    """With `root` (the base's folder), each diagnostic shows its line of the file under it."""
    from . import summary
    frames = Frames(root) if root is not None else None
    lines = []
    for d in result.diagnostics:
        level = d.level if not color else _paint(d.level)
        lines.append(f"{d.path}:{d.location.line}:{d.location.column}: {d.code} [{d.rule}] {level}: {d.message}")
        if frames is not None:
            lines += frames.frame(d.path, d.location.line, d.location.column)
        if d.hint:
            lines.append(f"    hint: {d.hint}")
        for r in d.related:
            lines.append(f"    see: {r.path}:{r.line}:{r.column}")
    for d in result.suppressed:
        lines.append(f"{d.path}:{d.location.line}:{d.location.column}: {d.code} [{d.rule}] suppressed: {d.message}"
                     f" (reason: {d.suppressed_by})")
    s = summary(result)
    lines.append(f"{s['files']} files, {s['claims']} claims, {s['references']} references: "
                 f"{s['errors']} errors, {s['warnings']} warnings, {s['infos']} infos, {s['suppressed']} suppressed")
    return "\n".join(lines) + "\n"


def _paint(level: str) -> str:
    codes = {"error": "31", "warning": "33", "info": "36"}
    return f"\033[{codes[level]}m{level}\033[0m"
