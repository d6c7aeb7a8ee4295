"""schema.org `ClaimReview` for published articles, as JSON-LD (`verify --format claimreview`).

One ClaimReview per figure that was checked against the registry: a match or a
contradiction. An unsourced figure was not checked, a cited one is backed by the source the
article names, and a suppressed one was set aside by an editor: none is exported.

An article is published when its front matter gives its `date:` and its `url:` (the page
the fact checks appear on: Google's Fact Check markup requires `url`, on the same site as
the page). Others are skipped, and `skipped` says why.

The properties Google's Fact Check Markup Tool documents:
- `claimReviewed`: the figure's sentence, as the article words it;
- `itemReviewed`: a `Claim` whose `appearance` is the article (its url, headline and date),
  by the article's `author:` (front matter) or else the publisher;
- `reviewRating`: a `Rating` on a scale of 1 to 5, with its text in `alternateName`:

  | verdict | ratingValue | alternateName |
  |---|---|---|
  | match | 5 | Accurate |
  | contradiction | 1 | Inaccurate |

- `reviewBody`: the finding's message (what the registry says), and `citation` the source
  document of each claim that backs or contradicts it;
- `author` (an Organization) and `datePublished` from the configuration's `claimreview:`
  (`author`, `author_url`, `date_published`); `datePublished` is the article's date when the
  configuration gives none. Without `claimreview: {author: ...}` nothing is exported.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from tipcheck.model import FileReport, Finding
from tipcheck.text.document import front_matter_value
from tipcheck.text.sentences import around

# verdict -> (ratingValue, alternateName), on a scale from 1 (worst) to 5 (best)
RATINGS = {"match": (5, "Accurate"), "contradiction": (1, "Inaccurate")}
WORST, BEST = 1, 5


def reviews(
    reports: list[FileReport], settings: Mapping[str, Mapping[str, str]]
) -> tuple[dict[str, Any], list[str]]:
    """The JSON-LD document of every published article's checked figures, and one line
    for each article skipped. `settings` maps a report's path to its `claimreview:`."""
    graph: list[dict[str, Any]] = []
    skipped: list[str] = []
    for report in reports:
        publisher = settings.get(report.path, {})
        why = _unpublishable(report, publisher)
        if why is not None:
            skipped.append(f"{report.path}: no ClaimReview: {why}")
            continue
        graph.extend(_review(report, f, publisher) for f in report.findings if f.status in RATINGS)
    return {"@context": "https://schema.org", "@graph": graph}, skipped


def dumps(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _unpublishable(report: FileReport, publisher: Mapping[str, str]) -> str | None:
    if not publisher.get("author"):
        return "the configuration names no publisher (claimreview: {author: ...})"
    if front_matter_value(report.text, "date") is None:
        return "not published (no date: in its front matter)"
    url = front_matter_value(report.text, "url")
    if url is None or not url.startswith(("https://", "http://")):
        return "no url: of the published page in its front matter"
    return None


def _review(report: FileReport, finding: Finding, publisher: Mapping[str, str]) -> dict[str, Any]:
    text = report.text
    url = front_matter_value(text, "url")
    published = front_matter_value(text, "date")
    title = front_matter_value(text, "title")
    writer = front_matter_value(text, "author")
    value, name = RATINGS[finding.status]
    organisation: dict[str, Any] = {"@type": "Organization", "name": publisher["author"]}
    if publisher.get("author_url"):
        organisation["url"] = publisher["author_url"]
    appearance: dict[str, Any] = {"@type": "CreativeWork", "url": url, "datePublished": published}
    if title:
        appearance["headline"] = title
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": _sentence(text, finding.start),
        "datePublished": publisher.get("date_published", published),
        "author": organisation,
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": writer} if writer else organisation,
            "datePublished": published,
            "appearance": appearance,
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": BEST,
            "worstRating": WORST,
            "alternateName": name,
        },
        "reviewBody": finding.message,
    }
    cited = [_citation(e.claim) for e in finding.evidence]
    if cited:
        review["citation"] = cited
    if finding.fingerprint:
        review["identifier"] = finding.fingerprint
    return review


def _citation(claim: Any) -> dict[str, Any]:
    """The source document behind a claim, by its file in the registry and its quote."""
    return {"@type": "CreativeWork", "name": claim.file, "identifier": claim.id, "text": claim.quote}


def _sentence(text: str, pos: int) -> str:
    sentence = around(text, pos)
    return " ".join(text[sentence.start : sentence.end].split())
