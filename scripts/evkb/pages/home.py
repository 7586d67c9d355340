"""The home page: what the base holds and how its claims fare."""
from collections import Counter

from ..assess import GRADES, VERDICT_LABELS, VERDICTS
from . import render


def home_page(result) -> str:
    kb, assessments = result.kb, result.assessments
    verdicts = Counter(a.verdict for a in assessments.values())
    grades = Counter(a.grade or "none" for a in assessments.values())
    topics = {}
    for cid, loaded in sorted(kb.claims.items()):
        topics.setdefault(loaded.topic, []).append((cid, loaded.record, assessments[cid]))
    return render("home.md.j2", kb=kb, verdicts=[(v, VERDICT_LABELS[v], verdicts.get(v, 0)) for v in VERDICTS],
                  grades=[(g, grades.get(g, 0)) for g in reversed(GRADES + ("none",))], topics=sorted(topics.items()),
                  errors=result.count("error"), warnings=result.count("warning"), infos=result.count("info"))
