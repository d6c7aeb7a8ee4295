"""Plumbing every stage may use, and nothing about trafficking figures.

`files`: reading text with limits and clear errors, writing files whole. `cache`: the cache
folder and memo files. `regex_cache`: compiled regular expressions kept between runs, the
one place that reaches into CPython's private `re` internals (with a plain fallback).
"""
