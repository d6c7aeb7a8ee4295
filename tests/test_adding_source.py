"""The README's "Adding a source", walked through as a newsroom would on a new country:
extract into a registry that does not exist yet, check-registry lists the proposals,
verify ignores them until they are reviewed, then backs and contradicts with them."""

from __future__ import annotations

from pathlib import Path

import yaml

RELEASE = """Chisinau, 6 April 2021

The Permanent Secretariat of the National Committee for Combating Trafficking in Human Beings \
presented its report for 2020. Law enforcement bodies registered 179 trafficking offences in 2020, \
compared with 216 in 2019. Courts convicted 41 traffickers. The authorities identified 310 victims \
of trafficking, of whom 225 were women and 85 were men. No child victims were repatriated from abroad.
"""
DRAFT = """# Moldova's 2020 figures

In 2020 Moldovan courts convicted 41 traffickers, and the authorities identified 301 victims of \
trafficking in Moldova.
"""


def test_a_new_country_from_source_to_verdicts(tmp_path: Path, run_cli, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "newsroom" / "sources").mkdir(parents=True)
    (tmp_path / "newsroom" / "sources" / "moldova-release-2021.txt").write_text(RELEASE, encoding="utf-8")
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    out = Path("newsroom/claims/moldova-release-2021.yaml")

    made = run_cli("extract", "newsroom/sources/moldova-release-2021.txt", "--output", str(out))
    assert made.exit_code == 0, made.output
    assert "dated 2021-04-06 by its own text" in made.stderr  # the dateline, no --published given
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["source"]["file"] == "sources/moldova-release-2021.txt"  # relative to the registry root
    assert data["source"]["place"] == "Moldova"  # from the file name: the text names only Chisinau
    claims = {c["value"]: c for c in data["claims"]}
    assert all(c["review"] == "todo" for c in data["claims"])
    assert claims[310]["period"] == {"start": "2020", "end": "2020", "cumulative": False}
    assert claims[216]["period"]["start"] == "2019"  # "compared with 216 in 2019"
    assert claims[225]["part_of"] == claims[310]["id"] and claims[225]["dimension"] == "sex"
    assert claims[41]["metric"] == "traffickers convicted by courts"
    assert claims[0]["metric"] == "child victims repatriated from abroad"
    assert (
        run_cli("extract", "newsroom/sources/moldova-release-2021.txt", "--output", str(out)).exit_code == 2
    )

    listed = run_cli("check-registry", "--registry", "newsroom", "--no-bundled")
    assert listed.exit_code == 1 and listed.stdout.count("not reviewed yet") == len(claims)
    ignored = run_cli("verify", "draft.md", "--registry", "newsroom", "--format", "json")
    assert ignored.exit_code == 0 and '"match"' not in ignored.stdout.replace('"match": 0', "")
    assert "ignored until reviewed" in ignored.stderr

    # the review: every proposal checked against the source, then its marker removed
    text = out.read_text(encoding="utf-8")
    out.write_text(
        "\n".join(line for line in text.splitlines() if line != "  review: todo") + "\n", encoding="utf-8"
    )
    assert run_cli("check-registry", "--registry", "newsroom", "--no-bundled").exit_code == 0
    checked = run_cli("verify", "draft.md", "--registry", "newsroom")
    assert checked.exit_code == 1, checked.output
    assert "match '41'" in checked.stdout
    assert "contradiction [value] '301': the registry says 310" in checked.stdout
