"""Record templates. Placeholders are valid YAML strings (`TODO ...`) that the check flags until filled."""
from __future__ import annotations

import json
import re

CLAIM = """{comment}
# A claim: one sentence as it is made, and what the evidence says about it.
# Field by field: docs/records.md (the "Records" page of the site). Fill every TODO, then run `evkb check`.
id: {id}
kind: {kind}{kind_pad}# circulating (made in the wild) | assertion (the base's own voice)
statement: {statement}
explanation: {explanation}
reviewed: {reviewed}{reviewed_pad}# the date of your review, YYYY-MM-DD
population: {population}{population_pad}# `evkb vocab populations`
activity: {activity}{activity_pad}# `evkb vocab activities`
# Every number of the statement that states a result, e.g.
#   - {{measure: patellofemoral-compression-force, comparison: backward-vs-forward, direction: lower,
#      value: {{up_to: 40}}, unit: percent}}
figures: []
# Numbers of the statement that are context, e.g. - {{value: 8, unit: week, what: training period}}
conditions: []
# The publications the claim rests on, e.g.
#   - {{ref: roos2012patellofemoral, findings: [pfjcf-peak], stance: qualifies, locator: abstract}}
# stance: supports | contradicts | qualifies | mentions
sources: []
# Circulating claims: where it was seen (references/media/<id>.yaml) and whom it credited, e.g.
#   - {{media: seed-003, credited_as: a 2012 study, status: not-found}}
# status: verified | misattributed | not-found | none-given
seen_in: []
"""

FINDINGS = """{comment}
# What the publication {ref} itself reports. Field by field: docs/records.md (the "Records" page).
# Fill every TODO, then run `evkb check`.
ref: {ref}
design: {design}{design_pad}# `evkb vocab designs`
population: {population}{population_pad}# `evkb vocab populations`
activity: {activity}{activity_pad}# `evkb vocab activities`
# n: 20                          # participants analysed
evidence_basis: {basis}{basis_pad}# full-text | abstract | record | title
grey: false                       # thesis, poster, conference abstract, preprint
verification: verified            # verified | partial
summary: {summary}
# One entry per result, each with exactly one value form (value, range, arms, change, effect, p), e.g.
#   - id: pfjcf-peak
#     measure: patellofemoral-compression-force
#     comparison: backward-vs-forward
#     direction: lower
#     where: abstract
#     unit: body-weights
#     arms:
#       - {{label: forward, mean: 4.5, sd: 1.5, n: 20}}
#       - {{label: backward, mean: 3.4, sd: 1.4, n: 20}}
findings: []
"""

COMMENT_COLUMN = 34
YAML_KEYS = {"basis": "evidence_basis"}


def scalar(value) -> str:
    """A YAML scalar: bare when safe, otherwise double-quoted (JSON strings are YAML)."""
    text = str(value)
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 ._/-]*", text) and text.lower() not in ("yes", "no", "on", "off",
                                                                                    "true", "false", "null"):
        return text
    return json.dumps(text, ensure_ascii=False)


def fill(template: str, **values) -> str:
    shown = {k: scalar(v) for k, v in values.items() if k != "comment"}
    pads = {f"{k}_pad": " " * max(1, COMMENT_COLUMN - len(YAML_KEYS.get(k, k)) - 2 - len(v)) for k, v in shown.items()}
    return template.format(comment=values["comment"], **shown, **pads)
