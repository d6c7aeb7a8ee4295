"""Stage 4, a draft and a registry to `Finding`s, then what the editor is shown.

In: a `Draft` and a `Registry`. Out: a `FileReport` with one finding per figure. `engine`
pairs figures with claims and runs `checks`; `review` applies configuration, directives and
a baseline; `batch` checks many drafts, each with its own configuration; `config` reads
`tipcheck.yaml`.
"""
