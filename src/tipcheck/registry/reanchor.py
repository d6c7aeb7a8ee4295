"""Re-anchoring claims after their source was edited: where each stale quote is now.

A claim is stale when its source no longer holds its quote at its span. It is moved only
when the new place is certain: its quote occurs exactly once in the source as whole words
("7" inside "2017" is no occurrence), or, where it occurs several times, exactly one
occurrence moved by the same amount as the claims beside it that were placed for certain
(an edit shifts everything after it alike). A quote that is no longer there (its digits
changed, say) or whose place stays ambiguous stays stale and is listed. Nothing here
guesses a number's place by similarity.

In: a loaded registry. Out: a `Plan` of moves and of claims left stale; `apply` turns the
moves into new claims-file texts, changing only the `start`, `end` and `line` of the moved
claims, so comments and layout survive. Writing the files is the caller's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tipcheck.model import Claim, Registry
from tipcheck.text.lines import line_of


@dataclass(frozen=True)
class Move:
    claim: Claim
    start: int
    end: int
    line: int


@dataclass(frozen=True)
class Stale:
    claim: Claim
    why: str


@dataclass(frozen=True)
class Plan:
    moves: tuple[Move, ...]
    stale: tuple[Stale, ...]


def occurrences(text: str, quote: str) -> list[int]:
    """Where `quote` occurs in `text` as whole words: not inside a longer number or word."""
    if not quote:
        return []
    pattern = re.compile(r"(?<![\w.,])" + re.escape(quote) + r"(?![\w]|[.,]\d)")
    return [m.start() for m in pattern.finditer(text)]


def plan(registry: Registry) -> Plan:
    moves: list[Move] = []
    stale: list[Stale] = []
    for file in sorted({c.file for c in registry.claims}):
        text = registry.texts.get(file)
        if text is None:
            continue
        claims = sorted((c for c in registry.claims if c.file == file), key=lambda c: c.start)
        found, left = _plan_file(text, [c for c in claims if text[c.start : c.end] != c.quote])
        moves += found
        stale += left
    return Plan(tuple(moves), tuple(stale))


def _plan_file(text: str, stale: list[Claim]) -> tuple[list[Move], list[Stale]]:
    places = {c.id: occurrences(text, c.quote) for c in stale}
    # the claims placed for certain, and how far each moved
    certain = {c.id: places[c.id][0] - c.start for c in stale if len(places[c.id]) == 1}
    moves, left = [], []
    for claim in stale:
        found = places[claim.id]
        if not found:
            left.append(Stale(claim, "its quote is no longer in the source (changed or removed)"))
            continue
        if claim.id in certain:
            at = found[0]
        else:
            at_or_none = _by_neighbours(claim, found, stale, certain)
            if at_or_none is None:
                left.append(
                    Stale(claim, f"its quote occurs {len(found)} times and the edit around it is not clear")
                )
                continue
            at = at_or_none
        moves.append(Move(claim, at, at + len(claim.quote), line_of(text, at)))
    return moves, left


def _by_neighbours(claim: Claim, found: list[int], stale: list[Claim], certain: dict[str, int]) -> int | None:
    """The one occurrence moved as far as the nearest claims placed for certain on each
    side of it (they must agree where both exist)."""
    before = [c for c in stale if c.id in certain and c.start < claim.start]
    after = [c for c in stale if c.id in certain and c.start > claim.start]
    shifts = {certain[c.id] for c in (before[-1:] + after[:1])}
    if len(shifts) != 1:
        return None
    (shift,) = shifts
    fits = [at for at in found if at - claim.start == shift]
    return fits[0] if len(fits) == 1 else None


def apply(plan_: Plan, files: dict[str, str]) -> dict[str, str]:
    """New texts of the claims files (by `defined_in`) that hold moved claims."""
    out: dict[str, str] = {}
    by_file: dict[str, list[Move]] = {}
    for move in plan_.moves:
        by_file.setdefault(move.claim.defined_in, []).append(move)
    for name, moves in by_file.items():
        lines = files[name].splitlines(keepends=True)
        for move in moves:
            _set_fields(lines, move)
        out[name] = "".join(lines)
    return out


_FIELD = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>start|end|line):(?P<space>\s*)\d+(?P<rest>\s*(?:#.*)?)$")
_ITEM = re.compile(r"^\s*-\s")


def _set_fields(lines: list[str], move: Move) -> None:
    """Rewrite `start`, `end` and `line` in the claim's own block of lines (from its
    `- id:` line to the next item), leaving every other line as it was."""
    first = move.claim.defined_line - 1
    values = {"start": move.start, "end": move.end, "line": move.line}
    for n in range(first, len(lines)):
        if n > first and _ITEM.match(lines[n]):
            break
        body = lines[n].rstrip("\r\n")
        m = _FIELD.match(body)
        if m:
            newline = lines[n][len(body) :]
            lines[n] = f"{m['lead']}{m['key']}:{m['space']}{values[m['key']]}{m['rest']}{newline}"
