"""An editor for the language server's tests (tests/test_lsp.py) and benchmark (lsp.py): pygls'
own client driving a real `python -m evkb lsp` subprocess over stdio (the real server, engine
and files; nothing mocked).

    async with Editor(root, cache) as ed:
        await ed.open("claims/knee/a.yaml")
        diags = await ed.diagnostics("claims/knee/a.yaml")      # the first publication of this version
        await ed.change("claims/knee/a.yaml", new_text)           # unsaved: the file is not written
        diags = await ed.diagnostics("claims/knee/a.yaml")
"""
from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

TIMEOUT_S = 120   # a generous bound for a slow shared machine; no test measures time


class Editor:
    def __init__(self, root: Path, cache: Path, *args: str, env: dict | None = None):
        self.root, self.cache, self.args, self.env = Path(root).resolve(), Path(cache), args, env
        self.client = LanguageClient("evkb-tests", "1")
        self.versions: dict[str, int] = {}
        self.published: dict[str, list] = {}        # uri -> [(version, [Diagnostic], time received)]
        self.arrived = asyncio.Event()
        self.messages: list[str] = []

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: types.PublishDiagnosticsParams):
            self.published.setdefault(params.uri, []).append((params.version, list(params.diagnostics),
                                                              time.perf_counter()))
            self.arrived.set()

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def show(params: types.ShowMessageParams):
            self.messages.append(params.message)

    @property
    def pid(self) -> int:
        return self.client._server.pid

    def uri(self, rel: str) -> str:
        return (self.root / rel).as_uri()

    async def __aenter__(self):
        await self.client.start_io(sys.executable, "-m", "evkb", "lsp", "--root", str(self.root),
                                   "--cache-dir", str(self.cache), *self.args, env=self.env)
        await asyncio.wait_for(self.client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=self.root.as_uri())), TIMEOUT_S)
        self.client.initialized(types.InitializedParams())
        return self

    async def __aexit__(self, *exc):
        try:
            await asyncio.wait_for(self.client.shutdown_async(None), 30)
            self.client.exit(None)
        finally:
            await self.client.stop()

    async def open(self, rel: str, text: str | None = None) -> None:
        text = (self.root / rel).read_text(encoding="utf-8") if text is None else text
        self.versions[rel] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
            uri=self.uri(rel), language_id="bibtex" if rel.endswith(".bib") else "yaml", version=1, text=text)))

    async def change(self, rel: str, text: str) -> int:
        """Replace the buffer's whole text (not saved); returns the new version."""
        self.versions[rel] += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=self.uri(rel), version=self.versions[rel]),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.versions[rel]

    async def close(self, rel: str) -> None:
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=self.uri(rel))))

    async def saved(self, rel: str) -> None:
        self.client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=self.uri(rel))))

    async def files_changed(self, *changes: tuple[str, types.FileChangeType]) -> None:
        """Tell the server files changed on disk, as an editor's file watcher does."""
        self.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=self.uri(rel), type=kind) for rel, kind in changes]))

    async def wait(self, rel: str, accept, timeout: float = TIMEOUT_S) -> list:
        """The diagnostics of the first publication for rel that accept(version, diagnostics) takes."""
        uri, seen = self.uri(rel), 0
        end = time.monotonic() + timeout
        while True:
            found = self.published.get(uri, [])
            for version, diags, _ in found[seen:]:
                if accept(version, diags):
                    return diags
            seen = len(found)
            self.arrived.clear()
            left = end - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no accepted diagnostics for {rel}; published: {found[-3:]}")
            try:
                await asyncio.wait_for(self.arrived.wait(), left)
            except asyncio.TimeoutError:
                pass

    async def diagnostics(self, rel: str) -> list:
        """The diagnostics published for the buffer's current version."""
        version = self.versions[rel]
        return await self.wait(rel, lambda v, _: v == version)

    @staticmethod
    def position(text: str, needle: str, offset: int = 0) -> types.Position:
        """The position of needle (plus offset characters) in text; ASCII, so characters are code units."""
        index = text.index(needle) + offset
        line = text.count("\n", 0, index)
        return types.Position(line=line, character=index - (text.rfind("\n", 0, index) + 1))

    async def hover(self, rel: str, position: types.Position):
        return await self.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=self.uri(rel)), position=position))

    async def definition(self, rel: str, position: types.Position):
        return await self.client.text_document_definition_async(types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=self.uri(rel)), position=position))

    async def completion(self, rel: str, position: types.Position):
        return await self.client.text_document_completion_async(types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=self.uri(rel)), position=position))
