"""parts: a breakdown whose parts do not add up to their whole.

Fails: "26 people prosecuted: 18 women and 9 men" (27, not 26); "13,216 hotline requests,
of which 28 ... and 13,200 on other issues" (more than the whole). Passes: "54 victims
(51 women and 3 men)"; "54 victims: 30 of them sheltered, 20 of them given legal aid and
12 of them housed" (subsets, which may overlap). Parts may fall short of their whole ("54 victims, 24 of whom
found jobs"), except a split by sex, which must add up. The finding goes to the part
that no registered claim backs (the last such), since that is the one to correct.
Needs nothing from the registry but the parts' entity: a part that counts another kind of
thing than its whole ("11 cases, including 3 ..., and 14 defendants") is not summed.
"""

from __future__ import annotations

from decimal import Decimal

from tipcheck.figures import entities
from tipcheck.match.agreement import numeric
from tipcheck.model import Finding
from tipcheck.support import vocabulary
from tipcheck.verify.checks.base import Check, Subject, contradiction

# A split by sex: the units of the `sex` nouns of vocabulary/counted.txt.
_SEXES = frozenset(unit for unit, tags, _, _ in vocabulary.counted() if "sex" in tags)


def run(s: Subject) -> Finding | None:
    fig = s.figure
    if fig.part_of is None:
        return None
    whole = s.figures[fig.part_of]
    if entities.agree(fig.entity, whole.entity) is False:
        return None  # "11 cases, including 3 ..., and 14 defendants": not a part of the cases
    siblings = [
        i
        for i, f in enumerate(s.figures)
        if f.part_of == fig.part_of and entities.agree(f.entity, whole.entity) is not False
    ]
    values = [s.figures[i].value for i in siblings]
    if not numeric(whole.value) or not all(numeric(v) for v in values):
        return None
    if all(s.figures[i].subset for i in siblings):
        # "30 of them were sheltered, 20 of them received legal aid": subsets, which may
        # overlap; none may exceed the whole, but their sum may
        total = max(Decimal(v) for v in values if numeric(v))
    else:
        total = sum((Decimal(v) for v in values if numeric(v)), Decimal(0))
    by_sex = len(siblings) > 1 and all(s.figures[i].unit in _SEXES for i in siblings)
    exact = all(s.figures[i].qualifier == "exact" for i in [*siblings, fig.part_of])
    wrong = total > Decimal(whole.value) or (by_sex and exact and total != Decimal(whole.value))
    if not wrong:
        return None
    unbacked = [i for i in siblings if s.matched[i] is None]
    culprit = unbacked[-1] if unbacked else None
    if culprit != s.index:
        return None
    listed = " + ".join(s.figures[i].quote for i in siblings)
    return contradiction(s, "parts", f"the parts add up to {total} ({listed}), not the whole {whole.quote}")


CHECK = Check("parts", "parts that do not add up to their whole", run, __doc__ or "")
