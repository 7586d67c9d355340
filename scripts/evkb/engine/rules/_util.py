"""Helpers shared by rule modules."""
from ..diagnostics import Location
from . import Hit


def at(loaded, *path, message: str, hint: str = "", related=(), value=False, subject=None, kind=None) -> Hit:
    line, col = loaded.at(*path, value=value)
    record = loaded.record
    return Hit(loaded.path, line, col, message, hint, tuple(related),
               subject if subject is not None else getattr(record, "id", getattr(record, "ref", "")),
               kind if kind is not None else getattr(record, "kind", ""))


def loc(loaded, *path, value=False) -> Location:
    line, col = loaded.at(*path, value=value)
    return Location(loaded.path, line, col)


def ref_loc(ref, field_name: str | None = None) -> Location:
    return Location(ref.path, ref.line_of(field_name) if field_name else ref.line, 1)
