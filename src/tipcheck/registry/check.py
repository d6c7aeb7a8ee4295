"""`check-registry`: a loaded registry compared with its sources (stale quotes and spans,
missing source files, links to unknown claims). It returns problems; it never edits a file.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from tipcheck.model import Claim, Problem, Registry
from tipcheck.registry.parse import REVIEW_TODO
from tipcheck.text.lines import line_of

# kinds whose value is a number written in the quote
_WRITTEN = ("count", "money", "percent", "duration", "ratio")


def check(registry: Registry) -> list[Problem]:
    """Problems between the registry and its sources: stale spans, dangling links, values
    that are not their quote's number, unreviewed proposals, and exhaustive breakdowns
    that do not add up (a source's own inconsistency is recorded without `exhaustive`)."""
    problems: list[Problem] = []
    for doc in registry.docs:
        if doc.file not in registry.texts:
            claim = next((c for c in registry.claims if c.file == doc.file), None)
            where = claim.defined_in if claim else doc.file
            problems.append(Problem(where, 1, f"source file {doc.file} is missing or outside the registry"))
    for claim in registry.claims:
        problems += _check_span(registry, claim)
        if claim.review == REVIEW_TODO:
            problems.append(
                _at(
                    claim,
                    "not reviewed yet (review: todo): check it against its source, then remove the marker",
                )
            )
        problems += _check_value(claim)
        problems += _check_exhaustive(registry, claim)
        for link in (
            claim.part_of,
            claim.same_as,
            claim.supersedes,
            *claim.derived_from,
            *claim.conflicts_with,
        ):
            if link is not None and registry.get(link) is None:
                problems.append(_at(claim, f"links to unknown claim {link!r}"))
    return problems


def _at(claim: Claim, message: str) -> Problem:
    return Problem(claim.defined_in, claim.defined_line, f"claim {claim.id!r}: {message}", claim.id)


def _check_span(registry: Registry, claim: Claim) -> list[Problem]:
    text = registry.texts.get(claim.file)
    if text is None:
        return []
    actual = text[claim.start : claim.end]
    if actual != claim.quote:
        from tipcheck.registry.reanchor import occurrences

        found = occurrences(text, claim.quote)  # as whole words: '7' inside '2017' is not one
        hint = (
            f"; the quote now appears at offset {found[0]} (line {line_of(text, found[0])}): "
            "`tipcheck reanchor` can move it"
            if len(found) == 1
            else f"; the quote occurs {len(found)} times: `tipcheck reanchor` moves it only where the edit is clear"
            if found
            else "; the quote is no longer in the source"
        )
        return [_at(claim, f"stale: quote {claim.quote!r} but {claim.file} has {actual!r} there{hint}")]
    line = line_of(text, claim.start)
    if line != claim.line:
        return [_at(claim, f"line is {claim.line} but the quote starts on line {line}")]
    return []


def _check_value(claim: Claim) -> list[Problem]:
    """A number the quote writes must be the claim's value: 'value: 9' with the quote '7
    criminal groups' is a typo. Quotes that write no number ('did not identify any', 'a
    dozen') are not read here."""
    if claim.kind not in _WRITTEN or not any(ch.isdigit() for ch in claim.quote):
        return []
    from tipcheck.figures import extract

    written = [_number(f.value) for f in extract.figures(claim.quote, None, document_period=False)]
    numbers = [n for n in written if n is not None]
    wanted = _number(claim.value)
    if not numbers or wanted is None or wanted in numbers:
        return []
    shown = ", ".join(str(n) for n in numbers)
    return [_at(claim, f"value {claim.value} is not the number its quote {claim.quote!r} writes ({shown})")]


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
        return None
    try:
        return Decimal(str(value)).normalize()
    except InvalidOperation:
        return None


def _check_exhaustive(registry: Registry, whole: Claim) -> list[Problem]:
    """A whole marked `exhaustive: [sex]` promises that its parts by sex add up to it; a
    breakdown the source leaves short or over is recorded without the marker (and
    `tipcheck audit` compares breakdowns across documents)."""
    problems = []
    wanted = _number(whole.value)
    for dimension in whole.exhaustive:
        parts = [p for p in registry.parts_of(whole.id) if p.dimension == dimension]
        values = [_number(p.value) for p in parts]
        if (
            wanted is None
            or not parts
            or any(v is None or p.qualifier != "exact" for v, p in zip(values, parts, strict=True))
        ):
            continue
        total = sum(v for v in values if v is not None)
        if total != wanted:
            listed = " + ".join(str(v) for v in values)
            problems.append(
                _at(
                    whole,
                    f"exhaustive by {dimension}, but its parts add up to {total} ({listed}), not {wanted}",
                )
            )
    return problems
