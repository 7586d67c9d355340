"""Stage 4, lsp: `evkb lsp`, a Language Server for the records as an author types them.

Owns the editor's view of the base (`session`: the open buffers over the files, checked again
after each change with the engine's incremental re-check), positions in the client's units
(`text`) and in YAML (`yamltree`), diagnostics in the protocol's shape (`diagnostics`), what
the cursor is on (`targets`) for hover and go-to-definition, completion (`completion`) and
the pygls server wiring (`server`). Nothing here prints; the server talks JSON-RPC on stdio.

May import: evkb.model, evkb.load, evkb.engine (and pygls, lsprotocol).
"""
