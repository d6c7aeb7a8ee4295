"""Money as written: the currencies of vocabulary/currencies.txt as the patterns that find a
sum's currency ("$5", "USD 5", "400 manats") and the unit each form names ("manats" -> AZN).

`spans` puts CUR_BEFORE and CUR_AFTER around its numbers; `currency` names the unit.
"""

from __future__ import annotations

import re

from tipcheck.support import vocabulary


def _forms(written: str) -> tuple[str, ...]:
    """'dollar(s)' -> ('dollar', 'dollars'): a form of vocabulary/currencies.txt as matched."""
    return (written[:-3], written[:-3] + "s") if written.endswith("(s)") else (written,)


def _alternatives(forms: list[str]) -> str:
    """Longest first, so that 'pounds sterling' wins over 'pounds'; a space is any run of it."""
    unique = sorted(set(forms), key=lambda f: (-len(f), f))
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in unique)


_MONEY = vocabulary.currencies()
# Every form, lower case, with its unit ("manat" -> "AZN"); a plural is looked up without its "s".
_CURRENCIES = {
    f.lower(): unit
    for unit, before, after in _MONEY
    for written in (*before, *after)
    for f in _forms(written)[:1]
}


def currency(text: str) -> str:
    """The unit a matched form names: "Manats" -> "AZN", "U.S.  dollars" -> "USD"."""
    low = re.sub(r"\s+", " ", text.lower().strip())
    return _CURRENCIES.get(low) or _CURRENCIES.get(low.rstrip("s")) or text.upper()


# Before the number, case as written: symbols, then codes (and "Rs.") that need digits after them.
_BEFORE = [f for _, before, _ in _MONEY for f in before]
CUR_BEFORE = (
    rf"(?P<cur>{_alternatives([f for f in _BEFORE if not f[-1].isalpha() and f[-1] != '.'])}|"
    rf"(?:{_alternatives([f for f in _BEFORE if f[-1].isalpha() or f[-1] == '.'])})(?=\s?\d))"
)
# After it, in any case (the pattern's flag): names with their plurals, codes and symbols.
CUR_AFTER = (
    rf"(?P<cur>{_alternatives([f for _, _, after in _MONEY for w in after for f in _forms(w)])})(?!\w)"
)
