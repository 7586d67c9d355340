"""A number in the statement is neither a figure nor a condition.

Numbers are compared without their sign, since a statement's minus sign and a
range's hyphen cannot be told apart reliably. Every number a claim states must be accounted for: either a result (`figures`,
compared with the evidence) or context (`conditions`, "after 8 weeks"). A number
nobody recorded is a number nobody checked.

Failing example:

    statement: Backward walking improves balance by 23% after 8 weeks.
    figures: [{measure: balance-score, comparison: backward-training-vs-forward-training, value: 23, unit: percent}]

Fixed example:

    conditions: [{value: 8, unit: week, what: training period}]
"""
import re

from ...model.figures import figure_numbers
from ._util import at

CODE = "F003"
NAME = "unsourced-figure"
LEVEL = "error"
OPTIONS: dict = {}
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?)")


def statement_numbers(text: str) -> list[float]:
    """Numbers in text: "2,500" is two thousand five hundred, "2,5" and "2.5" are two and a half."""
    out = []
    for m in NUMBER.finditer(text):
        raw = m.group(1)
        out.append(float(raw.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", raw) else raw.replace(",", ".")))
    return out


def check_claim(ctx, loaded):
    claim = loaded.record
    known = {n for f in claim.figures for n in figure_numbers(f.value)}
    known |= {n for c in claim.conditions for n in figure_numbers(c.value)}
    known = {abs(k) for k in known}  # "−0.99" and "0.99 lower" are both written as 0.99 here
    for number in statement_numbers(claim.statement):
        if not any(abs(number - k) < 1e-9 for k in known):
            yield at(loaded, "statement", value=True, message=f"the number {number:g} in the statement is not "
                     "recorded as a figure or a condition",
                     hint="add it to figures (a result) or conditions (context such as a duration)")
