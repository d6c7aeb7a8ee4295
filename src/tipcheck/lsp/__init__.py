"""`tipcheck lsp`: a language server, so that an editor shows `tipcheck verify`'s findings
as the draft is written. Needs the `lsp` extra (pygls, which brings lsprotocol); only
`server` imports it, so that this package and `positions` load without it."""
