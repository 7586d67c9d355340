"""Why a claim got its verdict and grade, in a reader's words, made from the assessment's
structured fields and the claim's records (never by rewriting the engine's sentences, which
name sources by BibTeX key and stay in the page's "for contributors" block).

Sources are named "Roos et al. 2012" and linked to their reference page. Every piece of
record text is escaped here: the functions return Markup.
"""
from __future__ import annotations

from markupsafe import Markup, escape

from ...engine.assess import EVIDENCE_STANCES, WEAK_BASIS, evidence_records
from . import links
from .claim_words import STATUS_WORDS, figure_sentence, unchecked_why

GRADE_WORDS = {"high": "High certainty", "moderate": "Moderate certainty", "low": "Low certainty",
               "very-low": "Very low certainty", None: "No evidence grade"}


class Names:
    """Sources by author and year, linked from one page (or, with no `link`, as plain text)."""

    def __init__(self, site, link=None):
        self.site, self.link = site, link
        self._made = {}

    def __call__(self, key: str) -> Markup:
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = self._name(key)
        return made

    def _name(self, key: str) -> Markup:
        if key in self.site.kb.references and self.link is None:
            return escape(self.site.label(key))
        if key in self.site.kb.references:
            return Markup(f'<a class="evkb-ref-name" href="{escape(self.link(links.reference_path(key)))}">'
                          f'{escape(self.site.label(key))}</a>')
        return Markup(f'<span class="evkb-unknown">{escape(key)} (unknown reference)</span>')

    def many(self, keys) -> Markup:
        return and_list([self(k) for k in dict.fromkeys(keys)])


def and_list(items) -> Markup:
    items = [escape(i) for i in items]
    if len(items) <= 1:
        return Markup("").join(items)
    return Markup(", ").join(items[:-1]) + Markup(" and ") + items[-1]


def _verb(keys, one: str, more: str) -> str:
    return one if len(dict.fromkeys(keys)) == 1 else more


def _stances(kb, claim) -> dict:
    out = {s: [] for s in EVIDENCE_STANCES}
    for source, _rec in evidence_records(kb, claim):
        out[source.stance].append(source.ref)
    return out


def verdict_reasons(site, claim, a, names: Names, link) -> list[Markup]:
    kb = site.kb
    if a.verdict == "no-evidence":
        return [Markup("No cited study with recorded findings supports, contradicts or qualifies the claim.")]
    st = _stances(kb, claim)
    sup, con, qual = st["supports"], st["contradicts"], st["qualifies"]
    if sup and con:
        if a.verdict == "contested":
            return [Markup("The studies disagree: {} {} it, {} {} it, and neither side has clearly stronger "
                           "designs.").format(names.many(sup), _verb(sup, "supports", "support"),
                                              names.many(con), _verb(con, "contradicts", "contradict"))]
        stronger, weaker = (con, sup) if a.verdict == "contradicted" else (sup, con)
        what = "contradict" if a.verdict == "contradicted" else "support"
        return [Markup("Stronger study designs {} it ({}) than {} it ({}).").format(
            what, names.many(stronger), "support" if what == "contradict" else "contradict", names.many(weaker))]
    if con:
        return [Markup("{} {} it.").format(names.many(con), _verb(con, "contradicts", "contradict"))]
    if not sup:
        return [Markup("The sources only qualify it: {}.").format(names.many(qual))]
    out = []
    if qual:
        out.append(Markup("{} {} it.").format(names.many(qual), _verb(qual, "qualifies", "qualify")))
    for trace in a.traces:
        figure = claim.figures[trace.index]
        if trace.mismatch is not None:
            out.append(figure_sentence(site, claim, figure, trace, names, lead=True))
        elif trace.outcome == "unchecked":
            out.append(Markup("The figure could not be checked against its sources: {}.").format(
                unchecked_why(site, figure, trace, names)))
    if a.indirect:
        out.append(Markup("{} studied another population or activity than the claim is about.").format(
            names.many(a.indirect)))
    for s in claim.seen_in:
        if s.status in ("misattributed", "not-found"):
            m = kb.media.get(s.media)
            title = Markup('<a href="{}">{}</a>').format(link(links.media_path(s.media)), m.record.title) if m \
                else escape(s.media)
            out.append(Markup("The article “{}” credits a source that {}.").format(title, STATUS_WORDS[s.status]))
    if not out:
        out.append(Markup("Supported by {}.").format(names.many(sup)))
    return out


def _weak_why(rec) -> str:
    return ("grey literature" if rec.grey else "a protocol only" if rec.design == "protocol"
            else "partly verified details" if rec.verification == "partial"
            else f"data from the {rec.evidence_basis} only")


def _is_weak(rec) -> bool:
    return bool(rec.grey or rec.design == "protocol" or rec.verification == "partial"
                or rec.evidence_basis in WEAK_BASIS)


def downgrade_reasons(site, claim, a, names: Names) -> list[tuple[str, Markup]]:
    """(domain, why) for each downgrade of the grade."""
    kb = site.kb
    evidence = {rec.ref: rec for _, rec in evidence_records(kb, claim)}
    out = []
    for domain, why in a.downgrades:
        if domain == "risk of bias":
            weak = [rec for rec in evidence.values() if _is_weak(rec)]
            text = and_list([Markup("{} ({})").format(names(r.ref), _weak_why(r)) for r in weak]) if weak \
                else escape(why)
        elif domain == "indirectness":
            text = Markup("every source studied another population or activity: {}").format(names.many(a.indirect))
        elif domain == "inconsistency":
            st = _stances(kb, claim)
            text = Markup("the sources point in opposite directions ({} for, {} against)").format(
                names.many(st["supports"]), names.many(st["contradicts"]))
        else:
            text = escape(why)
        out.append((domain, text))
    return out


def grade_line(a) -> str:
    """One plain line on why the grade is what it is."""
    if not a.grade:
        return "No study counts as evidence for or against it, so it has no grade."
    start = a.start.replace("-", " ")
    if not a.downgrades:
        return f"The strongest study design here starts at {start}, with no reason to mark it down."
    domains = [d for d, _ in a.downgrades]
    listed = ", ".join(domains[:-1]) + (" and " if len(domains) > 1 else "") + domains[-1]
    return f"The strongest study design here starts at {start}; marked down for {listed}."


def reader_bottom_line(site, claim, a) -> str:
    """The bottom line as plain text (it is also the page's meta description)."""
    from .claim_words import plain_bottom_line
    first = ""
    if a.verdict not in ("supported", "no-evidence"):
        plain = Names(site)
        reasons = verdict_reasons(site, claim, a, plain, lambda path: "./")
        first = reasons[0].striptags() if reasons else ""
    return plain_bottom_line(site, claim, a, first)
