"""`verify --format claimreview`: schema.org ClaimReview JSON-LD for published articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DRAFT = ROOT / "eval" / "tune" / "drafts" / "01-news-tip-2015.md"
URL = "https://news.example.org/2015/07/tip-report"
CONFIG = 'claimreview:\n  author: "Example Newsroom"\n  author_url: "https://news.example.org"\n'

# The schema.org properties each type may carry here (https://schema.org/ClaimReview and the
# types it points to), and those Google's Fact Check markup requires or recommends.
PROPERTIES = {
    "ClaimReview": {"url", "claimReviewed", "datePublished", "author", "itemReviewed", "reviewRating",
                    "reviewBody", "citation", "identifier"},
    "Claim": {"author", "datePublished", "appearance", "firstAppearance"},
    "CreativeWork": {"url", "datePublished", "headline", "name", "identifier", "text"},
    "Organization": {"name", "url"},
    "Person": {"name", "url"},
    "Rating": {"ratingValue", "bestRating", "worstRating", "alternateName"},
}  # fmt: skip
# the documented mapping of verdicts to ratings (README, render/claimreview.py)
RATINGS = {"match": (5, "Accurate"), "contradiction": (1, "Inaccurate")}
REQUIRED = {"url", "claimReviewed", "reviewRating"}
RECOMMENDED = {"author", "datePublished", "itemReviewed"}


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()  # the configuration search stops here
    (tmp_path / "tipcheck.yaml").write_text(CONFIG, encoding="utf-8")
    text = DRAFT.read_text(encoding="utf-8")
    published = text.replace(
        "date: 2015-07-30\n", f'date: 2015-07-30\nurl: {URL}\nauthor: "A. Reporter"\n', 1
    )
    assert published != text
    (tmp_path / "published.md").write_text(published, encoding="utf-8")
    (tmp_path / "no-url.md").write_text(text, encoding="utf-8")
    (tmp_path / "draft.md").write_text(text.split("---\n", 2)[2], encoding="utf-8")  # no front matter
    return tmp_path


def _types(node: object) -> list[dict]:
    """Every typed node of a JSON-LD tree."""
    if isinstance(node, list):
        return [t for item in node for t in _types(item)]
    if not isinstance(node, dict):
        return []
    found = [node] if "@type" in node else []
    return found + [t for k, v in node.items() if k != "@type" for t in _types(v)]


def test_a_published_article_gets_a_review_per_checked_figure(run_cli, newsroom: Path) -> None:
    article = newsroom / "published.md"
    expected = json.loads(run_cli("verify", "-f", "json", str(article)).stdout)["files"][0]["findings"]
    result = run_cli("verify", "-f", "claimreview", str(article))
    assert result.exit_code == 1  # the draft has deliberate errors: exit codes are verify's
    document = json.loads(result.stdout)
    assert document["@context"] == "https://schema.org"
    graph = document["@graph"]
    checked = [f for f in expected if f["status"] in RATINGS]
    assert len(graph) == len(checked) > 5
    assert {f["status"] for f in checked} == {"match", "contradiction"}
    assert len(expected) > len(checked)  # the unsourced figures are not exported
    text = article.read_text(encoding="utf-8")
    for review, finding in zip(graph, checked, strict=True):
        assert set(review) >= REQUIRED | RECOMMENDED
        assert review["url"] == URL and review["datePublished"] == "2015-07-30"
        quote = text[finding["start"] : finding["end"]]
        assert quote in review["claimReviewed"] and "\n" not in review["claimReviewed"]
        rating = review["reviewRating"]
        assert (rating["ratingValue"], rating["alternateName"]) == RATINGS[finding["status"]]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert review["reviewBody"] == finding["message"]
        assert review["author"] == {"@type": "Organization", "name": "Example Newsroom",
                                    "url": "https://news.example.org"}  # fmt: skip
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"] == {"@type": "Person", "name": "A. Reporter"}
        assert item["appearance"]["url"] == URL and item["appearance"]["headline"].startswith("US report")
        assert [c["identifier"] for c in review["citation"]] == [e["id"] for e in finding["evidence"]]
        assert review["identifier"] == finding["fingerprint"]
    for node in _types(graph):
        assert set(node) - {"@type"} <= PROPERTIES[node["@type"]], node["@type"]


def test_articles_not_published_are_skipped_with_a_reason(run_cli, newsroom: Path) -> None:
    result = run_cli("verify", "-f", "claimreview", str(newsroom / "no-url.md"), str(newsroom / "draft.md"))
    assert json.loads(result.stdout)["@graph"] == []
    assert "no-url.md: no ClaimReview: no url:" in result.stderr
    assert "draft.md: no ClaimReview: not published" in result.stderr


def test_without_a_publisher_nothing_is_exported(run_cli, newsroom: Path) -> None:
    (newsroom / "tipcheck.yaml").write_text("bundled: true\n", encoding="utf-8")
    result = run_cli("verify", "-f", "claimreview", str(newsroom / "published.md"))
    assert json.loads(result.stdout)["@graph"] == []
    assert "names no publisher" in result.stderr


def test_the_review_date_comes_from_the_configuration(run_cli, newsroom: Path) -> None:
    (newsroom / "tipcheck.yaml").write_text(CONFIG + '  date_published: "2015-08-02"\n', encoding="utf-8")
    graph = json.loads(run_cli("verify", "-f", "claimreview", str(newsroom / "published.md")).stdout)[
        "@graph"
    ]
    assert graph and {r["datePublished"] for r in graph} == {"2015-08-02"}
    assert {r["itemReviewed"]["datePublished"] for r in graph} == {"2015-07-30"}


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("claimreview: yes\n", "tipcheck.yaml:1: claimreview must map"),
        ("claimreview:\n  editor: X\n", "tipcheck.yaml:2: unknown claimreview key 'editor'"),
        ("claimreview:\n  author: X\n  author_url: ftp://x\n", "tipcheck.yaml:3: claimreview author_url"),
        (
            "claimreview:\n  author: X\n  date_published: 2015-08\n",
            "tipcheck.yaml:3: claimreview date_published",
        ),
        ("claimreview:\n  author: ''\n", "tipcheck.yaml:2: claimreview author must be text"),
    ],
)
def test_a_bad_claimreview_setting_is_one_line(run_cli, newsroom: Path, setting: str, message: str) -> None:
    (newsroom / "tipcheck.yaml").write_text(setting, encoding="utf-8")
    result = run_cli("verify", "-f", "claimreview", str(newsroom / "published.md"))
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
