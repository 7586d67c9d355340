"""A tiny, safe arithmetic evaluator for `derived` formulas (no names but the given ones)."""
from __future__ import annotations

import ast
import math
import operator

_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


class FormulaError(ValueError):
    pass


def evaluate(formula: str, names: dict[str, float]) -> float:
    if len(formula) > 500:
        raise FormulaError("the formula is longer than 500 characters")
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"not an arithmetic expression: {exc.msg}") from None
    value = _eval(tree.body, names)
    if not math.isfinite(value):
        raise FormulaError("the formula gives an infinite or undefined number")
    return value


def _eval(node, names):
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, ast.Name):
        if node.id not in names:
            known = ", ".join(sorted(names)) or "none"
            raise FormulaError(f"unknown name {node.id!r} (known: {known})")
        return float(names[node.id])
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _eval(node.operand, names)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        left, right = _eval(node.left, names), _eval(node.right, names)
        try:
            return _OPS[type(node.op)](left, right)
        except ZeroDivisionError:
            raise FormulaError("division by zero") from None
    raise FormulaError("only numbers, names, + - * / and parentheses are allowed")


def finding_names(finding) -> dict[str, float]:
    names = {}
    for arm in finding.arms:
        names[arm.label] = arm.mean
    for arm in finding.change:
        names.setdefault(arm.label, arm.mean)
        names[f"change_{arm.label}"] = arm.mean
    if finding.value is not None:
        names["value"] = finding.value
    if finding.range is not None:
        names["low"], names["high"] = min(finding.range), max(finding.range)
    if finding.effect is not None:
        names["estimate"] = finding.effect.estimate
    return names
