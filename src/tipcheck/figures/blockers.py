"""Spans that hold digits but assert nothing: identifiers, URLs, addresses, times, phone
and page numbers, citation keys, list markers, and datelines ("Baku, May 5 / Trend /").
`figures.spans.candidates` drops every figure that overlaps one of them.
"""

from __future__ import annotations

from tipcheck.support.regex_gate import Finder

_WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATELINE_DATE = (
    rf"\d{{1,2}}[ \t]+(?:{_MONTH_NAMES})(?:,?[ \t]+\d{{4}})?|(?:{_MONTH_NAMES})[ \t]+\d{{1,2}}(?:,?[ \t]+\d{{4}})?"
    r"|\d{1,2}\.\d{1,2}\.\d{2,4}"
)
# Spans that hold digits but assert nothing: identifiers, addresses, times, phones, pages.
BLOCKERS = Finder(
    "|".join(
        [
            # (an address's local part is at most 64 characters: unbounded, a long run of
            # "2014-2014-..." would be scanned again from every word in it)
            r"https?://\S+|\bwww\.[^\s)\]]+|\b[\w.-]{1,64}@[\w.-]+\.\w+",
            r"\]\([^)]*\)",  # Markdown link target
            r"\b(?:No|Nos|Nr)\.?\s?\d[\w./-]*|\bN\s\d[\w-]*|№\s?\d[\w-]*",
            r"(?i:\b(?:Articles?|Art\.|Sections?|§|Chapters?|Paragraphs?|Clauses?|Annex|items?|points?|"
            r"sub-?paragraphs?))\s+\d[\d.]*(?:[-/]\d+)*"
            r"(?:(?:,\s*|\s+and\s+|\s*[-\u2013]\s*)\d[\d.]*(?:[-/]\d+)*)*",
            r"(?i:\b(?:Resolution|Protocol|Convention))\s+\d+(?:/\d+)?",
            # what real documents carry that asserts nothing: report codes "GRETA(2018)17",
            # citation keys "(Aze 17, p. 11)" and "[IOM Needs Assessment, Gen 1]", section
            # numbers "2.1 The ...", page numbers glued into a split word "traf-23 ficking"
            r"\b[A-Z]{2,}\(\d{4}\)\d+\b",
            r"\((?:[A-Z][a-z]{1,4}|[A-Z]{2,5})\s+\d{1,3}(?:,\s*pp?\.\s*\d+(?:[-\u2013]\d+)?)?\)",
            # (short, and its comma no thousands separator: "[The hotline took 13,216 requests
            # in 2014, 28 of them ...]" is an editor's aside, which asserts)
            r"\[[A-Z][^\]\n,(]{0,50}(?:(?<!\d),(?!\d)|\()[^\]\n]{0,25}\](?![(\[:])",
            r"(?m:(?:^|(?<=\*\*)|(?<=[.:]\s))[ \t]*\d{1,2}(?:\.\d{1,2})+\.?(?=[ \t]+(?:\*\*)?[A-Z]))",
            r"(?m:^[ \t]*\*\*\d{1,2}\.(?=[ \t]))",
            r"(?<=[a-z]-)\d{1,3}(?=\s+[a-z])",
            # datelines and signature lines: "Baku, May 5 / Trend /", "Baku. 12 June. (Agency)",
            # "Baku / 11.03.16 / Agency:", "Baku city, 3 March 2016" alone on its line
            rf"(?m:^[ \t]*(?:(?!{_WEEKDAYS})[A-Z][a-z]+(?:[ \t]+city)?[.,]?[ \t]*(?:/[ \t]*)?){{1,3}}(?:{_DATELINE_DATE})"
            r"(?=[ \t]*[.]?[ \t]*(?:/|\(|—|–|$)))",
            rf"(?m:^[ \t]*(?:{_DATELINE_DATE})(?=[ \t]*[.]?[ \t]*(?:/|\([A-Z]|—[ \t]*[A-Z])))",
            # "Tbilisi, 3 March 2022. The ministry ...": a place, a comma and a dated day open the line
            rf"(?m:^[ \t]*[A-Z][A-Za-z'-]+(?:[ \t]+(?:[A-Z][A-Za-z'-]+|city)){{0,2}},[ \t]*(?:{_DATELINE_DATE})"
            r"(?=[.]?[ \t]+[A-Z]))",
            r"\b\d+[-/][A-Z]{2,}\w*|\b[A-Z]{1,6}-\d+\b|\b[A-Z]\d+\b",
            r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|\b\d{1,2}\s?[ap]\.m\.|\b\d{1,2}\s?(?:am|pm)\b",
            r"(?i:\b(?:tel|phone|telephone|fax|call|dial|hotline number)\.?:?\s*)\+?[\d\s().-]{3,}\d",
            # "committed against two or more people": a legal qualifier, no count
            r"(?i:\b(?:against\s+)?(?:two|2)\s+or\s+more\s+(?:people|persons|victims)\b)",
            # "the unified emergency number 112", "the toll-free line 152": a number to call
            r"(?i:\b(?:emergency|helpline|hotline|toll-free|short)\s+(?:phone\s+)?(?:number|line)\s+)\d{2,}\b",
            r"\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}",
            r"(?i:\b(?:p|pp|page|pages)\.?\s?\d+(?:\s*[-\u2013]\s*\d+)?)",
            r"\[\^?\d+\]",  # footnote markers
            # an age bracket: "9 victims are over 35", "those aged under 18"
            r"(?i:\b(?:are|were|aged)\s+(?:over|under|above|below)\s+\d{1,2}\b(?!\s*(?:%|per\s?cent|[a-z])))",
            r"(?m:^[ \t]*(?:[-*+][ \t]+)?\(?\d{1,3}[.)](?=[ \t]))",  # list markers
            r"(?m:^#{1,6}[ \t]+\d+(?:\.\d+)*[.)]?)",  # numbered headings
        ]
    )
)


def blocked_spans(text: str) -> list[tuple[int, int]]:
    """Spans of identifiers, URLs, times, phone and page numbers and list markers."""
    return [m.span() for m in BLOCKERS.finditer(text)]
