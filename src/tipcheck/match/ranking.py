"""A figure's ranking: the claims aligned with it, best first, made as they are read.

Against a registry of a million claims a figure aligns with thousands of claims in a few
dozen groups (one metric of one place, every year and window), and a group has a single
score. A `Ranking` keeps the groups, sorted; it makes the `Scored` of a claim only when a
reader gets that far (the checks read the strong few at its head), and it lets the
direct-match step read a group a bucket at a time: its claims alike in everything the
decision rule looks at (`claim_key`), so that one verdict serves the bucket.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:
    from tipcheck.match.align import Scored
    from tipcheck.model import Claim

# (score, recall, members in registry position order, the group's key or None where the
# figure leaves out some members): one group of claims scored as one
Group = tuple[float, float, "list[Claim]", "tuple | None"]
# claims alike to the decision rule, each list in registry position order
Buckets = list["list[Claim]"]


def claim_key(claim: Claim) -> tuple:
    """What the decision rule (`verify.identity.identity`) reads of a claim: two claims
    alike in these are alike to any figure (a registry of a million claims has thousands
    per metric, a few dozen periods each)."""
    return (claim.kind, claim.unit, claim.metric, claim.period)


class Ranking(Sequence["Scored"]):
    """The `Scored` claims of one figure, best first and by registry position among equals."""

    def __init__(
        self,
        tiers: list[list[Group]],
        position: dict[str, int],
        buckets: Callable[[list[Claim], tuple | None], Buckets],
        items: list[Scored] | None = None,
    ) -> None:
        # tiers: groups of one score each, best first; `items` instead when claims were
        # scored one by one (an act's number) and are already sorted
        self._tiers = tiers if items is None else None
        self._position = position
        self._buckets = buckets
        self._items: list[Scored] = [] if items is None else items
        self._more: Iterator[Scored] | None = self._expand() if items is None else None

    @property
    def tiers(self) -> list[list[Group]] | None:
        """The groups by score, best first, or None for a ranking scored claim by claim."""
        return self._tiers

    @property
    def position(self) -> dict[str, int]:
        """Each claim's place in the registry's order, which breaks ties of score."""
        return self._position

    def buckets(self, group: Group) -> Buckets:
        """A group's members in buckets, each alike to the decision rule."""
        return self._buckets(group[2], group[3])

    def _expand(self) -> Iterator[Scored]:
        from tipcheck.match.align import Scored

        for tier in self._tiers or ():
            if len(tier) == 1:
                score, recall, members, _ = tier[0]
                for claim in members:
                    yield Scored(claim, score, recall)
                continue
            position = self._position
            runs = [
                [(position[c.id], c, score, recall) for c in members] for score, recall, members, _ in tier
            ]
            for _, claim, score, recall in heapq.merge(*runs):
                yield Scored(claim, score, recall)

    def _fill(self, count: int | None) -> None:
        """Make the first `count` (None: all) Scored claims."""
        more = self._more
        if more is None:
            return
        items = self._items
        if count is None:
            items.extend(more)
            self._more = None
            return
        while len(items) < count:
            nxt = next(more, None)
            if nxt is None:
                self._more = None
                return
            items.append(nxt)

    def __iter__(self) -> Iterator[Scored]:
        n = 0
        while True:
            if n >= len(self._items):
                self._fill(n + 1)
                if n >= len(self._items):
                    return
            yield self._items[n]
            n += 1

    @overload
    def __getitem__(self, i: int) -> Scored: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[Scored]: ...

    def __getitem__(self, i: int | slice) -> Scored | Sequence[Scored]:
        if isinstance(i, slice) or i < 0:
            self._fill(None)
        else:
            self._fill(i + 1)
        return self._items[i]

    def __len__(self) -> int:
        self._fill(None)
        return len(self._items)

    def __bool__(self) -> bool:
        self._fill(1)
        return bool(self._items)

    def __repr__(self) -> str:
        return f"Ranking({list(self)!r})"
