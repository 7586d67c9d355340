"""Rows of a listing (`rules`, `list`, `vocab`) as text, JSON or a Markdown table."""
from __future__ import annotations

import json


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


def render_rows(fmt: str, fields: tuple, rows: list, text_line) -> str:
    if fmt == "json":
        return json.dumps([dict(zip(fields, row)) for row in rows], indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        lines = ["| " + " | ".join(fields) + " |", "|" + " --- |" * len(fields)]
        return "\n".join(lines + ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]) + "\n"
    return "".join(text_line(row).rstrip() + "\n" for row in rows)
