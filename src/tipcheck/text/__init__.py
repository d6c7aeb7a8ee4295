"""Stage 1, bytes to a `Draft`: decoded text, and a masked copy of it that blanks what asserts
nothing (front matter, code, links, comments, identifiers).

In: a file's bytes or a string. Out: `document.Draft` (text, masked text, front-matter date),
`inline.Directives` (what the draft says to tipcheck), and the places a text names.
"""
