"""Plumbing every stage may use, and nothing about trafficking figures.

`files`: reading text with limits and clear errors, writing files whole. `cache`: the cache
folder and memo files. `regex_cache`: compiled regular expressions kept between runs;
`regex_gate`: `finditer` that runs a pattern only where it can start (`regex_prefixes`
reads where from the parsed pattern). These are the places that reach into CPython's
private `re` internals (each with a plain fallback).
"""
