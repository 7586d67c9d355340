"""The pygls server: buffers in, diagnostics out; hover, definition and completion on request.

A change schedules a check a moment later (changes that arrive meanwhile join it), so a burst
of keystrokes costs one check. After each check every open document is published with its
version (so a client knows which text the diagnostics belong to), and every other file
whose diagnostics changed, open or not: editing a finding id reaches the claims citing it.
"""
from __future__ import annotations

import asyncio
import logging
from importlib.metadata import version

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from ..engine.config import ConfigError
from ..load.buffers import kind_of
from .completion import completions
from .definition import definition
from .diagnostics import to_lsp
from .hover import hover
from .targets import target_at
from .text import Text

DEBOUNCE_S = 0.005   # joins the changes already on their way; those that come during a check join the next
TRIGGERS = [" ", "[", ",", "-"]
log = logging.getLogger(__name__)


class EvkbServer(LanguageServer):
    def __init__(self, session):
        super().__init__("evkb", version("evkb"), text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.session = session
        self.open_uris: dict[str, str] = {}    # shown path -> the URI the client opened it as
        self.published: dict[str, tuple] = {}  # shown path -> the diagnostics last published for it
        self.dirty, self.pending = False, None

    @property
    def codec(self):
        return self.workspace.position_codec

    def changed(self) -> None:
        """Something the check reads changed: check again soon."""
        self.dirty = True
        if self.pending is None or self.pending.done():
            self.pending = asyncio.get_running_loop().create_task(self._recheck())

    async def _recheck(self) -> None:
        await asyncio.sleep(DEBOUNCE_S)
        while self.dirty:
            self.dirty = False
            try:
                self.session.check()
                self.publish()
            except Exception as exc:  # a bug in evkb must not end the editor's session
                log.exception("evkb check failed")
                self.window_show_message(types.ShowMessageParams(
                    type=types.MessageType.Error, message=f"evkb check failed: {type(exc).__name__}: {exc}"))
            await asyncio.sleep(0)

    def publish(self) -> None:
        by_path = self.session.by_path()
        for shown in sorted(set(by_path) | set(self.published) | set(self.open_uris)):
            found = tuple(by_path.get(shown, ()))
            is_open = shown in self.open_uris
            if not is_open and self.published.get(shown, ()) == found:
                continue
            uri = self.open_uris.get(shown) or self.session.uri(shown)
            doc = self.workspace.get_text_document(uri) if is_open else None
            text = Text(doc.source if doc else self.session.source(shown), self.codec)
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
                uri=uri, diagnostics=to_lsp(list(found), text, self.session.uri),
                version=doc.version if doc else None))
            if found:
                self.published[shown] = found
            else:
                self.published.pop(shown, None)

    def document(self, uri: str):
        """(shown path, Text) of an open document inside the base, or None."""
        shown = self.session.shown(uri)
        if shown is None:
            return None
        return shown, Text(self.workspace.get_text_document(uri).source, self.codec)


def make_server(session) -> EvkbServer:
    server = EvkbServer(session)

    @server.feature(types.INITIALIZED)
    def initialized(ls: EvkbServer, params):
        ls.changed()
        watch = getattr(getattr(ls.client_capabilities.workspace, "did_change_watched_files", None),
                        "dynamic_registration", False)
        if watch:
            ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
                id="evkb-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=[
                    types.FileSystemWatcher(glob_pattern=g) for g in ("**/*.yaml", "**/*.yml", "**/*.bib", "*.toml")]))]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: EvkbServer, params: types.DidOpenTextDocumentParams):
        _buffer_changed(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: EvkbServer, params: types.DidChangeTextDocumentParams):
        _buffer_changed(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: EvkbServer, params: types.DidCloseTextDocumentParams):
        shown = ls.session.shown(params.text_document.uri)
        if shown is not None:
            ls.session.closed(shown)
            ls.open_uris.pop(shown, None)
            ls.changed()

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: EvkbServer, params: types.DidSaveTextDocumentParams):
        _files_written(ls, [(ls.session.shown(params.text_document.uri), types.FileChangeType.Changed)])

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def files_changed(ls: EvkbServer, params: types.DidChangeWatchedFilesParams):
        _files_written(ls, [(ls.session.shown(c.uri), c.type) for c in params.changes])

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: EvkbServer, params: types.HoverParams):
        found = ls.document(params.text_document.uri)
        if found is None:
            return None
        shown, text = found
        kb = ls.session.kb
        return hover(kb, target_at(kb, shown, text.source, text.server(params.position)), text)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def on_definition(ls: EvkbServer, params: types.DefinitionParams):
        found = ls.document(params.text_document.uri)
        if found is None:
            return None
        shown, text = found
        target = target_at(ls.session.kb, shown, text.source, text.server(params.position))
        return definition(ls.session, target, ls.codec)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=TRIGGERS))
    def on_completion(ls: EvkbServer, params: types.CompletionParams):
        found = ls.document(params.text_document.uri)
        if found is None:
            return None
        shown, text = found
        if kind_of(shown) not in ("claim", "findings", "media"):
            return None
        return completions(ls.session.kb, text.lines, *text.server(params.position), text.client)

    return server


def _files_written(ls: EvkbServer, changes: list) -> None:
    """Files changed on disk: read them again (the whole base when files appeared or went away)."""
    changes = [(shown, kind) for shown, kind in changes if shown is not None]
    try:
        if any(kind != types.FileChangeType.Changed for _, kind in changes):
            ls.session.files_changed()
        else:
            for shown, _ in changes:
                ls.session.saved(shown)
    except ConfigError as exc:   # the old configuration stays in force until the file is right
        ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=str(exc)))
    ls.changed()


def _buffer_changed(ls: EvkbServer, uri: str) -> None:
    shown = ls.session.shown(uri)
    if not ls.session.is_record(shown):
        return
    ls.open_uris[shown] = uri
    ls.session.opened(shown, ls.workspace.get_text_document(uri).source)
    ls.changed()
