"""`verify --format html`: one self-contained page whose highlights, counts and links agree
with `--format json` for the same run, and which a hostile draft or registry cannot script.

The first tests read the page with the standard library's html.parser; the last ones open
it in headless Chromium, which CI must have (with CI=true they fail rather than skip).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tipcheck.model import Claim, Evidence, Figure, FileReport, Finding
from tipcheck.render import html_report

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = ROOT / "eval" / "reporting" / "drafts"
# Three drafts with every verdict the bundled registry gives them, contradictions included.
SAMPLE = [
    DRAFTS / name
    for name in ("01-tip-2017-narrative.md", "06-greta-second-round.md", "07-iom-needs-assessment.md")
]

# The figure "22" contradicts the bundled registry (24 in 2014); the same digits in the decree
# number are no figure, so the highlight must come from the offsets, not from a search.
HOSTILE = (
    "# Report <script>alert(1)</script><script>document.title='pwned'</script>\n\n"
    'Under Decree No. 22 the "shelter" <img src=x onerror=alert(1)> '
    "<img src=x onerror=\"document.title='pwned'\"> was opened.\n"
    "In 2014, 22 victims found jobs, said the ministry's 'official' <b onclick=\"alert(1)\">note</b>.\n\n"
    "</p></mark></span><p onmouseover=alert(1)>In 2014, 26 people were charged & 'tried'.</p>\n"
)


class Page(HTMLParser):
    """The parts of a page the tests look at: every element with its attributes, the
    figure marks with their text, the text of each element with an id, all text, and the
    drafts' own text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.marks: list[dict[str, str]] = []  # attributes plus "text"
        self.by_id: dict[str, str] = {}
        self.text: list[str] = []
        self.drafts: list[str] = []  # the text of the drafts as shown, tooltips left out
        self._open: list[tuple[str, str | None, bool]] = []  # (tag, id, in a draft and no tooltip)
        self._ids: dict[str, list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if tag in ("meta", "br", "img", "input", "link"):
            return  # void elements have no end tag
        outer = self._open[-1][2] if self._open else False
        shown = (outer or a.get("class") == "draft") and a.get("class") != "tip"
        self._open.append((tag, a.get("id"), shown))
        if a.get("id"):
            self._ids[a["id"]] = []
        if tag == "mark":
            self.marks.append({**a, "text": ""})

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            open_tag, ident, _ = self._open.pop()
            if ident:
                self.by_id[ident] = "".join(self._ids.pop(ident))
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._open and self._open[-1][2]:
            self.drafts.append(data)
        for ident in self._ids:
            self._ids[ident].append(data)
        if any(tag == "mark" for tag, _, _ in self._open):
            self.marks[-1]["text"] += data


def parse(page: str) -> Page:
    parsed = Page()
    parsed.feed(page)
    parsed.close()
    return parsed


def both(run_cli, *args: str) -> tuple[dict, str, int, int]:
    """The JSON and the HTML of the same run, with their exit codes."""
    as_json = run_cli("verify", "--format", "json", *args)
    as_html = run_cli("verify", "--format", "html", *args)
    return json.loads(as_json.stdout), as_html.stdout, as_json.exit_code, as_html.exit_code


def findings_of(data: dict) -> list[dict]:
    return [f for file in data["files"] for f in file["findings"]]


def test_every_finding_has_one_mark_spanning_exactly_its_words(run_cli) -> None:
    data, page, _, _ = both(run_cli, *map(str, SAMPLE))
    findings = findings_of(data)
    marks = parse(page).marks
    assert len(findings) > 50 and {"match", "contradiction", "unsourced"} <= {f["status"] for f in findings}
    assert [m["text"] for m in marks] == [f["text"] for f in findings]
    assert [m["data-status"] for m in marks] == [f["status"] for f in findings]
    assert [m.get("data-check") for m in marks] == [f["check"] for f in findings]
    assert len({m["id"] for m in marks}) == len(marks)


def test_each_mark_is_focusable_and_described_by_its_evidence(run_cli) -> None:
    data, page, _, _ = both(run_cli, *map(str, SAMPLE))
    parsed = parse(page)
    roles = {a["id"]: a.get("role") for _, a in parsed.elements if a.get("id")}
    for mark, finding in zip(parsed.marks, findings_of(data), strict=True):
        assert mark["tabindex"] == "0"
        tip = mark["aria-describedby"]
        assert roles[tip] == "tooltip"
        described = parsed.by_id[tip]
        assert finding["message"] in described
        for evidence in finding["evidence"]:
            assert evidence["quote"] in described and evidence["id"] in described
            assert f"{evidence['file']}:{evidence['line']}" in described
    # the tooltip is the mark's next sibling, which the CSS shows on hover and on focus
    assert re.search(r"</mark><span class=\"tip\" role=\"tooltip\"", page)
    assert ".fig:focus + .tip" in page and ".wrap:hover > .tip" in page


def test_summary_counts_agree_with_json(run_cli) -> None:
    data, page, json_code, html_code = both(run_cli, *map(str, SAMPLE))
    counts = {a["data-count"]: None for _, a in parse(page).elements if "data-count" in a}
    values = dict(re.findall(r'data-count="(\w+)">(\d+)<', page))
    assert set(counts) == {
        "figures",
        "match",
        "contradiction",
        "unsourced",
        "cited",
        "suppressed",
        "baselined",
    }
    summary = data["summary"]
    assert {k: int(v) for k, v in values.items() if k != "figures"} == summary
    assert (
        int(values["figures"])
        == len(findings_of(data))
        == sum(summary[s] for s in ("match", "contradiction", "unsourced", "cited"))
    )
    per_check = Counter((f["check"], f["status"]) for f in findings_of(data) if f["check"])
    shown = re.findall(r'data-check-count="(\w+)" data-status="(\w+)">(\d+)<', page)
    assert per_check and {(c, s): int(n) for c, s, n in shown} == per_check
    assert json_code == html_code == 1  # the drafts have contradictions


def test_contradictions_link_to_their_place_in_the_text(run_cli) -> None:
    data, page, _, _ = both(run_cli, *map(str, SAMPLE))
    parsed = parse(page)
    status = {m["id"]: m["data-status"] for m in parsed.marks}
    links = [a["href"][1:] for tag, a in parsed.elements if tag == "a" and a.get("href", "").startswith("#")]
    contradictions = [f for f in findings_of(data) if f["status"] == "contradiction"]
    assert contradictions and len(links) == len(contradictions)
    assert all(status[target] == "contradiction" for target in links)
    texts = {m["id"]: m["text"] for m in parsed.marks}
    assert [texts[t] for t in links] == [f["text"] for f in contradictions]


def test_paragraphs_and_line_breaks_are_kept(run_cli, tmp_path: Path) -> None:
    draft = tmp_path / "d.md"
    draft.write_text(
        "In 2014, 22 victims\nfound jobs.\n\n\nIn 2014, 26 people were charged.\n", encoding="utf-8"
    )
    page = run_cli("verify", "--format", "html", str(draft)).stdout
    article = page[page.index('<article class="draft">') : page.index("</article>")]
    paragraphs = re.findall(r"<p>(.*?)</p>", article, re.S)
    assert len(paragraphs) == 2
    assert "victims\nfound jobs." in paragraphs[0]


def _assert_inert(parsed: Page) -> None:
    tags = {tag for tag, _ in parsed.elements}
    assert not tags & {"script", "img", "iframe", "object", "embed", "form", "link", "base"}, tags
    handlers = [(tag, k) for tag, a in parsed.elements for k in a if k.lower().startswith("on")]
    assert handlers == []
    assert not any(a.get("href", "").lower().startswith("javascript") for _, a in parsed.elements)


def test_a_hostile_draft_stays_text(run_cli, tmp_path: Path) -> None:
    draft = tmp_path / "hostile.md"
    draft.write_text(HOSTILE, encoding="utf-8")
    data, page, json_code, html_code = both(run_cli, str(draft))
    parsed = parse(page)
    _assert_inert(parsed)
    assert json_code == html_code == 1
    shown = "".join(parsed.drafts)
    assert shown.replace("\n", "") == HOSTILE.replace("\n", "")  # all of it, in order, as text
    for piece in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '"shelter"',
        "'official'",
        "&",
    ):
        assert piece in shown
    assert [m["text"] for m in parsed.marks] == [f["text"] for f in findings_of(data)]
    contradiction = next(m for m in parsed.marks if m["data-status"] == "contradiction")
    assert contradiction["text"] == "22"
    # the highlighted 22 is the figure, after "In 2014, ", not the decree's number
    start = next(f["start"] for f in findings_of(data) if f["status"] == "contradiction")
    assert HOSTILE[start - 9 : start] == "In 2014, "
    assert page.count("<title>") == 1 and "<title>tipcheck verify report</title>" in page


def test_hostile_registry_text_and_paths_stay_text() -> None:
    evil = "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>"
    text = f"In 2014, 22 victims {evil}."
    claim = Claim(id=f"id{evil}", kind="count", value=24, unit=None, qualifier="exact", metric=evil,
                  period=None, file=f"seeds/{evil}.txt", start=0, end=2, line=1, quote=evil)  # fmt: skip
    figure = Figure(start=9, end=11, quote="22", kind="count", value=22)
    finding = Finding(status="contradiction", check=f"value{evil}", figure=figure, message=evil,
                      evidence=(Evidence(claim, note=evil),),
                      citation=evil, severity="error")  # fmt: skip
    page = html_report.render([FileReport(path=f"drafts/{evil}.md", text=text, findings=(finding,))])
    parsed = parse(page)
    _assert_inert(parsed)
    assert parsed.marks[0]["text"] == "22" and parsed.marks[0]["data-check"] == f"value{evil}"
    assert "".join(parsed.text).count(evil) >= 8  # path, message, quote, id, file, citation...


def test_exit_codes_are_those_of_the_other_formats(run_cli, tmp_path: Path) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text("Nothing here is a figure.\n", encoding="utf-8")
    ok = run_cli("verify", "--format", "html", str(clean))
    assert ok.exit_code == 0 and ok.stdout.startswith("<!DOCTYPE html>")
    assert "0 figures" in ok.stderr  # the summary for the person who ran it
    assert run_cli("verify", "--format", "html", str(DRAFTS / "06-greta-second-round.md")).exit_code == 1
    assert run_cli("verify", "--format", "htm", str(clean)).exit_code == 2


def test_the_page_loads_nothing_and_runs_no_script(run_cli) -> None:
    page = run_cli("verify", "--format", "html", str(SAMPLE[0])).stdout
    assert not re.search(r"\b(?:src|href)=\"(?!#)", page)  # only in-page links
    assert "http://" not in page and "https://" not in page and "url(" not in page
    assert "script-src 'none'" in page and "default-src 'none'" in page


# --- in a real browser ------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
_HAVE = os.access(CHROMIUM, os.X_OK)
if not _HAVE and os.environ.get("CI") == "true":
    pytest.fail("CI=true but chromium is not installed: .ci/run installs it", pytrace=False)
browser = pytest.mark.skipif(
    not _HAVE, reason="chromium is not installed (apt-get install chromium); CI requires it"
)


def chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / "profile"
    result = subprocess.run(
        [CHROMIUM, "--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars",
         f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, dict]:
    """The page and JSON of the sample drafts and the hostile one, in one run."""
    import contextlib
    import io

    from tipcheck.cli import main

    folder = tmp_path_factory.mktemp("browser")
    hostile = folder / "hostile.md"
    hostile.write_text(HOSTILE, encoding="utf-8")
    outputs = []
    for fmt in ("json", "html"):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(io.StringIO()):
            main(["verify", "--format", fmt, *map(str, SAMPLE), str(hostile)])
        outputs.append(buffer.getvalue())
    page = folder / "report.html"
    page.write_text(outputs[1], encoding="utf-8")
    return page, json.loads(outputs[0])


@browser
def test_chromium_shows_every_highlight_and_runs_nothing_injected(report, tmp_path: Path) -> None:
    page, data = report
    # a control: in this mode Chromium does run a page's scripts, so "not run" means something
    control = tmp_path / "control.html"
    control.write_text("<title>before</title><script>document.title = 'ran'</script>", encoding="utf-8")
    assert "<title>ran</title>" in chromium(tmp_path, "--dump-dom", control.as_uri())
    # the page as sent, and a copy without its script-forbidding policy: escaping alone must hold
    bare = tmp_path / "bare.html"
    bare.write_text(
        re.sub(r"<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "", page.read_text()), "utf-8"
    )
    assert "Content-Security-Policy" not in bare.read_text()
    for shown in (page, bare):
        dom = chromium(tmp_path, "--dump-dom", shown.as_uri())
        parsed = parse(dom)
        assert "<title>tipcheck verify report</title>" in dom and "pwned" not in dom.split("</title>")[0]
        assert Counter(m["data-status"] for m in parsed.marks) == Counter(
            f["status"] for f in findings_of(data)
        )
        assert [m["text"] for m in parsed.marks] == [f["text"] for f in findings_of(data)]
        assert not any(tag == "script" for tag, _ in parsed.elements)
        assert not any(k.startswith("on") for _, a in parsed.elements for k in a)


@browser
def test_chromium_takes_a_screenshot_of_the_page(report, tmp_path: Path) -> None:
    page, _ = report
    png = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={png}", "--window-size=1200,2000", page.as_uri())
    head = png.read_bytes()[:24]
    assert png.stat().st_size > 10_000 and head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (1200, 2000)
