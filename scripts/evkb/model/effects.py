"""Effect sizes from arm data, and a random-effects pool of several studies.

Plain formulas over the normal distribution of the standard library; the tests
hold them against published values and against statsmodels on the same input.
Arms are treated as independent groups: for the same people measured twice
(a lab comparison) the correlation is rarely reported, so the intervals are wider
than a paired analysis would give, never narrower.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its standard error and confidence interval."""
    kind: str        # hedges-g | md | ratio-of-means
    value: float
    se: float
    low: float
    high: float
    level: float = 0.95


@dataclass(frozen=True)
class Pooled:
    """A DerSimonian-Laird random-effects estimate, computed here from `k` studies."""
    kind: str
    value: float
    se: float
    low: float
    high: float
    tau2: float
    i2: float        # per cent
    q: float
    k: int
    studies: tuple[str, ...]
    level: float = 0.95


def _z(level: float) -> float:
    return NormalDist().inv_cdf(0.5 + level / 2)


def usable(arm) -> bool:
    return arm.sd is not None and arm.n is not None and arm.n >= 2


def pooled_sd(a, b) -> float:
    return math.sqrt(((a.n - 1) * a.sd ** 2 + (b.n - 1) * b.sd ** 2) / (a.n + b.n - 2))


def hedges_g(a, b, level: float = 0.95) -> Estimate | None:
    """Standardised mean difference of arm `a` over arm `b`, with the small-sample correction J."""
    if not (usable(a) and usable(b)):
        return None
    sp = pooled_sd(a, b)
    if sp == 0:
        return None
    d = (a.mean - b.mean) / sp
    df = a.n + b.n - 2
    j = 1 - 3 / (4 * df - 1)
    var_d = (a.n + b.n) / (a.n * b.n) + d ** 2 / (2 * (a.n + b.n))
    g, se = j * d, math.sqrt(j ** 2 * var_d)
    z = _z(level)
    return Estimate("hedges-g", g, se, g - z * se, g + z * se, level)


def mean_difference(a, b, level: float = 0.95) -> Estimate | None:
    """Difference of means `a - b`, its variance from the pooled SD (as in Normand 1999)."""
    if not (usable(a) and usable(b)):
        return None
    md = a.mean - b.mean
    se = pooled_sd(a, b) * math.sqrt(1 / a.n + 1 / b.n)
    z = _z(level)
    return Estimate("md", md, se, md - z * se, md + z * se, level)


def ratio_of_means(a, b, level: float = 0.95) -> Estimate | None:
    """`a / b` with its interval on the log scale (delta method); positive means on a ratio scale only."""
    if not (usable(a) and usable(b)) or a.mean <= 0 or b.mean <= 0:
        return None
    log_r = math.log(a.mean / b.mean)
    se = math.sqrt(a.sd ** 2 / (a.n * a.mean ** 2) + b.sd ** 2 / (b.n * b.mean ** 2))
    z = _z(level)
    return Estimate("ratio-of-means", math.exp(log_r), se, math.exp(log_r - z * se), math.exp(log_r + z * se), level)


def from_interval(kind: str, value: float, low: float, high: float, level: float = 0.95) -> Estimate:
    """A reported estimate with its CI; the standard error is read back from the interval's width."""
    return Estimate(kind, value, (high - low) / (2 * _z(level)), low, high, level)


def pool(estimates: list[tuple[str, Estimate]], level: float = 0.95) -> Pooled | None:
    """DerSimonian-Laird pool of (study, estimate) pairs of one kind; None below two studies."""
    if len(estimates) < 2 or any(e.se <= 0 for _, e in estimates):
        return None
    y = [e.value for _, e in estimates]
    w = [1 / e.se ** 2 for _, e in estimates]
    fixed = sum(wi * yi for wi, yi in zip(w, y)) / sum(w)
    q = sum(wi * (yi - fixed) ** 2 for wi, yi in zip(w, y))
    df = len(y) - 1
    c = sum(w) - sum(wi ** 2 for wi in w) / sum(w)
    tau2 = max(0.0, (q - df) / c)
    w_re = [1 / (e.se ** 2 + tau2) for _, e in estimates]
    value = sum(wi * yi for wi, yi in zip(w_re, y)) / sum(w_re)
    se = math.sqrt(1 / sum(w_re))
    i2 = max(0.0, (q - df) / q * 100) if q > 0 else 0.0
    z = _z(level)
    return Pooled(estimates[0][1].kind, value, se, value - z * se, value + z * se, tau2, i2, q, len(y),
                  tuple(study for study, _ in estimates), level)
