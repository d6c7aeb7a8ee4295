"""Reading numbers as written: digits with separators and decimals, and English number words.

Patterns here are fragments that `extract` composes; the functions turn a matched string
into an exact value (int, or Decimal when a fraction is written) and back into text.
"""

from __future__ import annotations

import re
from decimal import Decimal

from tipcheck.model import Number
from tipcheck.support import regex_cache as regexes
from tipcheck.support import vocabulary

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# vocabulary/scales.txt: the words ("million") and their abbreviations ("mln").
SCALES = {word: n for word, n, _ in vocabulary.scales()}
SCALE_ABBREV = {abbrev: n for _, n, abbrevs in vocabulary.scales() for abbrev in abbrevs}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000, "millionth": 1_000_000,
}  # fmt: skip
SPECIAL = {"dozen": 12, "a dozen": 12, "half a dozen": 6, "a hundred": 100,
           "a thousand": 1000, "a million": 1_000_000, "a billion": 1_000_000_000,
           "a couple of": 2, "a pair of": 2}  # fmt: skip

# Thousands separators seen in the sources: comma, non-breaking and narrow no-break spaces.
_SEP = "[,\u00a0\u202f\u2009]"
# A plain space groups thousands too ("13 216"), but only in groups of exactly three
# digits that are not followed by more digits, so "in 2014 13 people" stays two numbers.
_SPACED = r"\d{1,3}(?: \d{3})+(?![\d,.]\d| ?\d)"
DIGITS = (
    rf"(?<![\w.,/])(?:{_SPACED}|\d{{1,3}}(?:{_SEP}\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?![\w]|[.,]\d)"
)

_word_alt = "|".join(sorted([*ONES, *TENS, *SCALES], key=len, reverse=True))
_ONE_WORD = rf"(?:(?:{'|'.join(TENS)})[-\u2010\u2011 ](?:{'|'.join(k for k in ONES if 0 < ONES[k] < 10)})|{_word_alt})"
WORDS = rf"(?<![\w-])(?:{_ONE_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_ONE_WORD}))*(?![\w-])"
_ord_alt = "|".join(sorted(ORDINALS, key=len, reverse=True))
ORDINAL_WORDS = rf"(?<![\w-])(?:(?:{'|'.join(TENS)})[-\u2010\u2011 ])?(?:{_ord_alt})(?![\w-])"
ORDINAL_DIGITS = r"(?<![\w.])\d+(?:st|nd|rd|th)(?!\w)"
# A scale after digits ("27 million", "5 mln"): the words from a thousand up, and abbreviations.
SCALE_WORD = (
    "(?:"
    + "|".join(sorted((w for w, n in (SCALES | SCALE_ABBREV).items() if n >= 1000), key=len, reverse=True))
    + r")\b"
)

_WORD_SPLIT = regexes.compile(r"[\s\u2010\u2011-]+")


MAX_DIGITS = 40  # more digits than any figure has: an identifier, a dump, an attack


def parse_digits(text: str) -> Number:
    """'13,216' -> 13216; '28.2' -> Decimal('28.2'); '.08' -> Decimal('0.08')."""
    clean = re.sub(_SEP, "", text).replace(" ", "")
    if "." in clean or len(clean) > MAX_DIGITS:  # (Python's int() refuses 4,300 digits)
        if not clean.strip("."):
            return 0
        return Decimal("0" + clean if clean.startswith(".") else clean)
        return Decimal("0" + clean if clean.startswith(".") else clean)
    return int(clean)


def parse_words(text: str) -> int | None:
    """'twenty-four' -> 24; 'one hundred and five' -> 105; None when not a number."""
    low = text.lower().strip()
    if low in SPECIAL:
        return SPECIAL[low]
    words = [w for w in _WORD_SPLIT.split(low) if w and w != "and"]
    if not words:
        return None
    total = 0
    current = 0
    seen_any = False
    for word in words:
        if word in ONES:
            current += ONES[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            return None
        seen_any = True
    return total + current if seen_any else None


def parse_ordinal(text: str) -> int | None:
    """'third' -> 3; '10th' -> 10; 'twenty-first' -> 21."""
    low = text.lower()
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", low)
    if match:
        return int(match.group(1))
    words = _WORD_SPLIT.split(low)
    if len(words) == 2 and words[0] in TENS and words[1] in ORDINALS:
        return TENS[words[0]] + ORDINALS[words[1]]
    return ORDINALS.get(low)


def scale(text: str) -> int:
    """The multiplier of a scale word: 'million' -> 1_000_000."""
    low = text.lower()
    return SCALES.get(low) or SCALE_ABBREV.get(low, 1)


def times(value: Number, multiplier: int) -> Number:
    """Multiply exactly, returning an int when the result is whole."""
    if multiplier == 1:
        return value
    product = Decimal(value) * multiplier
    return int(product) if product == product.to_integral_value() else product


def written_decimals(text: str) -> int:
    """How many decimals the writer gave: '28.2' -> 1; '27' -> 0."""
    clean = re.sub(_SEP, "", text)
    return len(clean.split(".", 1)[1]) if "." in clean else 0
