"""Measure pages: every finding on one measure across studies, and the claims about it."""
from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup

from ...model.figure_checks import reported_value
from ...model.units import dimension, symbol
from . import links
from .templating import render
from .chart import Row, forest_svg
from ...model.figure_text import finding_value


def _group_unit(kb, measure, findings):
    """The unit a group of findings is charted in: the measure's own if compatible, else the first."""
    term = kb.vocab.get("measures", measure)
    canonical = term.get("unit") if term else None
    units = [f.derived.unit if f.derived else f.unit for _, _, f in findings if (f.derived or f.unit)]
    if canonical and any(dimension(kb.vocab, u) == dimension(kb.vocab, canonical) for u in units if u):
        return canonical
    by_dim = defaultdict(int)
    for u in units:
        by_dim[u] += 1
    return max(by_dim, key=by_dim.get) if by_dim else None


def measure_page(site, measure: str) -> str:
    kb = site.kb
    path = links.measure_path(measure)
    link = links.Linker(path, site.options.directory_urls)
    term = kb.vocab.get("measures", measure)
    groups = defaultdict(list)
    for key, rec, f in site.findings_by_measure.get(measure, ()):
        groups[f.comparison].append((key, rec, f))
    blocks = []
    for comparison in sorted(groups):
        items = groups[comparison]
        rows, table = [], []
        unit = _group_unit(kb, measure, items)
        for key, rec, f in items:
            interval = reported_value(f, unit, kb.vocab) if unit else None
            design = kb.vocab.get("designs", rec.design)
            if interval is not None:
                sub = " · ".join(x for x in ((design.name.lower() if design else rec.design or ""),
                                             f"n={rec.n}" if rec.n is not None else "") if x)
                rows.append(Row(site.label(key), interval[0], interval[1], sub=sub))
            table.append({"key": key, "label": site.label(key), "href": link(links.reference_path(key)),
                          "known": key in kb.references, "design": design.name if design else rec.design,
                          "n": rec.n, "population": site.term_name("populations", f.population or rec.population),
                          "f": f, "value": finding_value(f, kb.vocab),
                          "charted": "" if interval is None else (f"{interval[0]:g}{symbol(kb.vocab, unit)}" if interval[0] == interval[1]
                                                                  else f"{interval[0]:g}–{interval[1]:g}{symbol(kb.vocab, unit)}")})
        name = site.term_name("comparisons", comparison)
        svg = Markup(forest_svg(rows, symbol(kb.vocab, unit), title=f"{site.measure_name(measure)}, {name}")) if rows else None
        blocks.append({"comparison": name, "unit": unit or "", "svg": svg, "rows": table})
    claims = []
    for cid in sorted(site.claims_by_measure.get(measure, ())):
        loaded = kb.claims[cid]
        claims.append({"statement": loaded.record.statement, "title": site.claim_title(cid), "href": link(links.claim_path(cid)), "a": site.assessments[cid],
                       "figures": [f for f in loaded.record.figures if f.measure == measure]})
    return render("measure.md.j2", measure=measure, name=site.measure_name(measure),
                  description=term.description if term else "", known=term is not None,
                  unit=term.get("unit", "") if term else "", blocks=blocks, claims=claims)
