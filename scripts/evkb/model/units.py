"""Unit conversion between units of the same dimension (declared in the units vocabulary)."""
from __future__ import annotations

from .vocab import Vocabulary


class IncompatibleUnits(ValueError):
    pass


def dimension(vocab: Vocabulary, unit: str) -> str | None:
    term = vocab.get("units", unit)
    return term.get("dimension") if term else None


def compatible(vocab: Vocabulary, a: str, b: str) -> bool:
    da, db = dimension(vocab, a), dimension(vocab, b)
    return da is not None and da == db


def convert(vocab: Vocabulary, value: float, from_unit: str, to_unit: str) -> float:
    if from_unit == to_unit:
        return value
    if not compatible(vocab, from_unit, to_unit):
        raise IncompatibleUnits(f"{from_unit} and {to_unit} measure different things")
    f_from = float(vocab.get("units", from_unit).get("factor", 1))
    f_to = float(vocab.get("units", to_unit).get("factor", 1))
    return value * f_from / f_to


def symbol(vocab: Vocabulary, unit: str) -> str:
    term = vocab.get("units", unit)
    return term.get("symbol", f" {unit}") if term else f" {unit}"
