"""Forest plots as inline SVG: no script, every label escaped.

A chart compares numbers on one labelled axis: an optional claimed band (the claim's
figure), rows (each a point, a range or a point with its interval, labelled by study
with a second line for design and n) and an optional pooled estimate drawn as a
diamond. The page puts a table with the same data beside it: the chart is for sighted
readers, the table is the accessible form (the SVG is hidden from assistive technology).
On a phone the chart keeps a legible size and scrolls inside its own box.
"""
from __future__ import annotations

import html
import math
from dataclasses import dataclass

WIDTH = 640
LABEL_W = 230
PAD = 16
ROW_H = 26
ROW_H2 = 38          # a row with a second label line
MAX_LABEL = 34


@dataclass(frozen=True)
class Row:
    label: str
    low: float
    high: float
    direct: bool = True
    sub: str = ""                     # a second, smaller label line (design, n)
    ci: tuple | None = None           # an interval around the point (low == high)
    pooled: bool = False              # drawn as a diamond


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _clip(text: str, n: int = MAX_LABEL) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / count
    mag = 10 ** math.floor(math.log10(raw))
    step = min((m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw), default=raw)
    start = math.floor(lo / step) * step
    ticks, t = [], start
    while t <= hi + step * 1e-9 and len(ticks) < 20:
        ticks.append(round(t, 10))
        t += step
    return ticks


NARROW_W = 360       # the stacked layout, for phones: each label above its row, the plot full width
STACK_H = 46


def forest_svg(rows: list[Row], unit_symbol: str, band: tuple[float, float, str] | None = None,
               title: str = "", band_label: str = "claimed", axis_label: str = "", stacked: bool = False) -> str:
    """band: (low, high, form) with form exact | range | up_to | at_least; axis_label names the
    axis (default: the unit symbol). `stacked`: the narrow layout, labels above the rows."""
    values = [v for r in rows for v in (r.low, r.high, *(r.ci or ()))]
    if band:
        values += [band[0], band[1]]
    values.append(0.0)
    lo, hi = min(values), max(values)
    span = (hi - lo) or abs(hi) or 1.0
    lo, hi = lo - span * 0.05, hi + span * 0.08
    ticks = _nice_ticks(lo, hi)
    lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])
    width = NARROW_W if stacked else WIDTH
    plot_x0, plot_x1 = (PAD, width - PAD) if stacked else (LABEL_W, WIDTH - PAD)
    x = lambda v: plot_x0 + (v - lo) / (hi - lo) * (plot_x1 - plot_x0)
    heights = [STACK_H if stacked else ROW_H2 if r.sub else ROW_H for r in rows]
    band_h = 24 if stacked else ROW_H
    top = 24
    body = sum(heights) + (band_h if band else 0)
    height = top + body + 40
    cls_svg = "evkb-chart evkb-chart-stacked" if stacked else "evkb-chart"
    out = [f'<svg class="{cls_svg}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">',
           f'<title>{_e(title)}</title>']
    axis_y = top + body + 4
    for t in ticks:
        tx = x(t)
        out.append(f'<line class="evkb-grid" x1="{tx:.1f}" y1="{top - 6}" x2="{tx:.1f}" y2="{axis_y}"/>')
        out.append(f'<text class="evkb-tick" x="{tx:.1f}" y="{axis_y + 16}" text-anchor="middle">{_e(f"{t:g}")}</text>')
    if lo < 0 < hi:
        out.append(f'<line class="evkb-zero" x1="{x(0):.1f}" y1="{top - 6}" x2="{x(0):.1f}" y2="{axis_y}"/>')
    out.append(f'<line class="evkb-axis" x1="{plot_x0}" y1="{axis_y}" x2="{plot_x1}" y2="{axis_y}"/>')
    label = axis_label or unit_symbol.strip()
    out.append(f'<text class="evkb-unit" x="{(plot_x0 + plot_x1) / 2:.1f}" y="{axis_y + 32}" '
               f'text-anchor="middle">{_e(_clip(label, 70))}</text>')
    y = top
    if band:
        b_lo, b_hi, form = band
        if form == "up_to":
            b_lo = min(0.0, b_lo)
        elif form == "at_least":
            b_hi = hi
        x0, x1 = x(b_lo), x(b_hi)
        out.append(f'<rect class="evkb-band" x="{x0:.1f}" y="{top - 6}" width="{max(x1 - x0, 3):.1f}" '
                   f'height="{axis_y - top + 6}"/>')
        edge = band[1] if form != "at_least" else band[0]
        out.append(f'<line class="evkb-band-edge" x1="{x(edge):.1f}" y1="{top - 6}" x2="{x(edge):.1f}" y2="{axis_y}"/>')
        if form == "range":
            out.append(f'<line class="evkb-band-edge" x1="{x0:.1f}" y1="{top - 6}" x2="{x0:.1f}" y2="{axis_y}"/>')
        if stacked:
            out.append(f'<text class="evkb-label evkb-claimed" x="{PAD}" y="{y + 14:.1f}">{_e(_clip(band_label, 50))}</text>')
        else:
            out.append(f'<text class="evkb-label evkb-claimed" x="{LABEL_W - 8}" y="{y + ROW_H / 2 + 4:.1f}" '
                       f'text-anchor="end">{_e(_clip(band_label))}</text>')
        y += band_h
    for r, row_h in zip(rows, heights):
        cls = "evkb-point" + ("" if r.direct else " evkb-indirect") + (" evkb-pooled" if r.pooled else "")
        if stacked:
            cy = y + 31
            sub = f'<tspan class="evkb-sublabel"> · {_e(_clip(r.sub, 34))}</tspan>' if r.sub else ""
            out.append(f'<text class="evkb-label" x="{PAD}" y="{y + 14:.1f}"><title>{_e(r.label)}</title>'
                       f'{_e(_clip(r.label, 30))}{sub}</text>')
        else:
            cy = y + ROW_H / 2
            out.append(f'<text class="evkb-label" x="{LABEL_W - 8}" y="{cy + 4:.1f}" text-anchor="end">'
                       f'<title>{_e(r.label)}</title>{_e(_clip(r.label))}</text>')
            if r.sub:
                out.append(f'<text class="evkb-sublabel" x="{LABEL_W - 8}" y="{cy + 18:.1f}" text-anchor="end">'
                           f'{_e(_clip(r.sub, 40))}</text>')
        if r.pooled:
            lo_x, hi_x = x(r.ci[0] if r.ci else r.low), x(r.ci[1] if r.ci else r.high)
            mx = x((r.low + r.high) / 2)
            out.append(f'<polygon class="{cls}" points="{lo_x:.1f},{cy:.1f} {mx:.1f},{cy - 7:.1f} '
                       f'{hi_x:.1f},{cy:.1f} {mx:.1f},{cy + 7:.1f}"/>')
            y += row_h
            continue
        if r.ci and r.ci != (r.low, r.high):
            out.append(f'<line class="{cls}" x1="{x(r.ci[0]):.1f}" y1="{cy:.1f}" x2="{x(r.ci[1]):.1f}" y2="{cy:.1f}"/>')
            for v in r.ci:
                out.append(f'<line class="{cls}" x1="{x(v):.1f}" y1="{cy - 5:.1f}" x2="{x(v):.1f}" y2="{cy + 5:.1f}"/>')
        if r.high != r.low:
            out.append(f'<line class="{cls}" x1="{x(r.low):.1f}" y1="{cy:.1f}" x2="{x(r.high):.1f}" y2="{cy:.1f}"/>')
            for v in (r.low, r.high):
                out.append(f'<line class="{cls}" x1="{x(v):.1f}" y1="{cy - 5:.1f}" x2="{x(v):.1f}" y2="{cy + 5:.1f}"/>')
        mid = (r.low + r.high) / 2
        out.append(f'<circle class="{cls}" cx="{x(mid):.1f}" cy="{cy:.1f}" r="5"/>')
        y += row_h
    out.append("</svg>")
    return "".join(out)
