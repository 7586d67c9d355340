"""Extra CLI commands, one module each; a module exposes `command` (a click command or group).

Kept apart from app.py so each command's imports stay lazy and its module small.
"""
from __future__ import annotations

import importlib
import pkgutil


def register(group) -> None:
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            group.add_command(importlib.import_module(f"{__name__}.{info.name}").command)
