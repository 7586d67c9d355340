"""Plain-text renderings of figures and findings (escape before use)."""
from __future__ import annotations

from .figures import figure_bounds
from .units import symbol


def num(x) -> str:
    return f"{x:g}" if isinstance(x, (int, float)) else str(x)


def figure_text(value, unit_symbol: str) -> str:
    low, high, form = figure_bounds(value)
    if form == "direction":
        return "no figure (direction only)"
    if form == "up_to":
        return f"up to {low:g}{unit_symbol}"
    if form == "at_least":
        return f"at least {low:g}{unit_symbol}"
    return f"{low:g}–{high:g}{unit_symbol}" if low != high else f"{low:g}{unit_symbol}"


def _arm(a) -> str:
    out = f"{a.label} {num(a.mean)}"
    if a.sd is not None:
        out += f" ± {num(a.sd)}"
    if a.n is not None:
        out += f" (n={a.n})"
    return out


def finding_value(f, vocab) -> str:
    """What a finding reports, in one line."""
    sym = symbol(vocab, f.unit) if f.unit else ""
    parts = []
    if f.value is not None:
        parts.append(f"{num(f.value)}{sym}")
    if f.range is not None:
        parts.append(f"{num(min(f.range))}–{num(max(f.range))}{sym}")
    if f.arms:
        parts.append("; ".join(_arm(a) for a in f.arms) + (f" ({f.unit})" if f.unit else ""))
    if f.change:
        parts.append("change: " + "; ".join(_arm(a) for a in f.change) + (f" ({f.unit})" if f.unit else ""))
    if f.effect is not None:
        e = f.effect
        text = f"{e.type} {num(e.estimate)}"
        if e.ci:
            text += f" [{num(e.ci[0])}, {num(e.ci[1])}] ({e.level * 100:g}% CI)"
        parts.append(text)
    if f.derived is not None:
        parts.append(f"derived {num(f.derived.value)}{symbol(vocab, f.derived.unit)} = {f.derived.formula}")
    if f.p:
        parts.append(f"p {f.p.strip()}")
    if f.not_reported:
        parts.append("not reported")
    if not parts:
        parts.append(f"direction only: {f.direction}")
    return "; ".join(parts)
