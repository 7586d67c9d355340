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
#   - {{measure: <a term of `evkb vocab measures`>, comparison: <`evkb vocab comparisons`>, direction: lower,
#      value: {{up_to: 40}}, unit: percent}}
figures: []
# Numbers of the statement that are context, e.g. - {{value: 8, unit: week, what: training period}}
conditions: []
# The publications the claim rests on, e.g.
#   - {{ref: <BibTeX key>, findings: [<finding id>], stance: qualifies, locator: abstract}}
# stance: supports | contradicts | qualifies | mentions
sources: []
# Circulating claims: where it was seen (references/media/<id>.yaml) and whom it credited, e.g.
#   - {{media: <media id>, credited_as: a 2012 study, status: not-found}}
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
#   - id: main-outcome
#     measure: <a term of `evkb vocab measures`>
#     comparison: <a term of `evkb vocab comparisons`>
#     direction: lower
#     where: abstract
#     unit: <its unit, `evkb vocab units`>
#     arms:
#       - {{label: control, mean: 4.5, sd: 1.5, n: 20}}
#       - {{label: intervention, mean: 3.4, sd: 1.4, n: 20}}
findings: []
"""

MEDIA = """{comment}
# A popular article, post or video that circulates claims; claims cite it under `seen_in:`.
# Field by field: docs/records.md (the "Records" page). Fill every TODO, then run `evkb check`.
id: {id}
title: {title}
title_given_by_base: false        # true when the article has no title and you wrote one
outlet: {outlet}{outlet_pad}# news | magazine | blog | health-site | hospital | social | video | other
seen: {seen}{seen_pad}# the date you read it, YYYY-MM-DD
url: {url}
# publisher: The outlet's name
# note: Anything a reader should know about the article
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
