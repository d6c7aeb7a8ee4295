"""Findings, claims and audit issues as text: terminal lines, JSON, YAML, CSV, SARIF,
GitHub annotations. Functions return strings or renderables; only the CLI prints them.
"""
