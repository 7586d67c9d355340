"""A document's text as the features read it: lines, and positions in the client's code units.

The engine counts lines and columns from 1 in characters (code points); the protocol counts
from 0 in UTF-16 code units unless the client chose another encoding. `Text` converts.
"""
from __future__ import annotations

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

DEFAULT_CODEC = PositionCodec()


class Text:
    def __init__(self, source: str, codec: PositionCodec | None = None):
        self.source = source
        self.lines = source.split("\n")
        self.codec = codec or DEFAULT_CODEC

    def line(self, line0: int) -> str:
        return self.lines[line0].rstrip("\r") if 0 <= line0 < len(self.lines) else ""

    def client(self, line0: int, char: int) -> types.Position:
        """A position (0-based line, code points) in the client's units."""
        if line0 >= len(self.lines):
            return types.Position(line=max(len(self.lines) - 1, 0), character=0)
        return self.codec.position_to_client_units(self.lines, types.Position(line=line0, character=char))

    def client_range(self, start: tuple[int, int], end: tuple[int, int]) -> types.Range:
        return types.Range(start=self.client(*start), end=self.client(*end))

    def server(self, position: types.Position) -> tuple[int, int]:
        """(0-based line, code points) of a client's position."""
        found = self.codec.position_from_client_units(self.lines, types.Position(line=position.line,
                                                                                 character=position.character))
        return found.line, found.character
