"""A registry snapshot gives a checker the findings of the registries it was taken from,
without their claims files, and refuses what it cannot trust."""

from __future__ import annotations

import marshal
import pickle
import shutil
from pathlib import Path

import pytest

from tipcheck.api import Checker
from tipcheck.errors import RegistryError

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = sorted(ROOT.glob("eval/*/drafts/*.md"))


def test_a_snapshot_checks_every_eval_draft_as_the_registry_does(tmp_path: Path, monkeypatch) -> None:
    from tipcheck.registry import snapshot

    def unpacked(*args: object) -> None:
        raise AssertionError("one indexed registry is snapshotted from its packed files")

    monkeypatch.setattr(snapshot, "write", unpacked)
    checker = Checker(root=ROOT)
    folder = checker.snapshot(tmp_path)
    assert checker.snapshot(tmp_path) == folder  # named by content: the same folder again
    frozen = Checker.from_snapshot(folder, checker.config)
    for draft in DRAFTS:
        text = draft.read_text(encoding="utf-8")
        assert frozen.check(text, path=draft.name) == checker.check(text, path=draft.name), draft.name


def test_a_snapshot_of_placed_claims_loads_the_places_a_text_names(tmp_path: Path) -> None:
    from test_registry import CLAIM_8, CLAIM_18, CLAIM_26, HEADER, make

    body = HEADER + CLAIM_26.replace("    exhaustive: [sex]\n", "    place: Georgia\n") + CLAIM_18 + CLAIM_8
    root = make(tmp_path / "reg", body)
    checker = Checker(registries=[root], isolated=True)
    moved = tmp_path / "elsewhere"
    shutil.copytree(checker.snapshot(tmp_path / "snapshots"), moved)
    shutil.rmtree(root)  # a worker has no claims files
    frozen = Checker.from_snapshot(moved, checker.config)
    for text in (
        "In Georgia, 26 persons were charged in 2014.\n",
        "In 2014, 26 persons were charged in Turkey.\n",
    ):
        assert frozen.check(text) == checker.check(text)
    source = frozen._verifiers.claims[next(iter(frozen._verifiers.claims))]
    assert set(source._loaded) == {"", "Georgia"}  # Turkey has no group; nothing else was read
    again = pickle.loads(pickle.dumps(frozen))
    assert again.check("In Georgia, 26 persons were charged in 2014.\n") == frozen.check(
        "In Georgia, 26 persons were charged in 2014.\n"
    )


def test_a_snapshot_from_another_build_or_damaged_is_refused(tmp_path: Path) -> None:
    checker = Checker(root=ROOT)
    folder = checker.snapshot(tmp_path)
    header = marshal.loads((folder / "snapshot.marshal").read_bytes())
    other = tmp_path / "other"
    shutil.copytree(folder, other)
    (other / "snapshot.marshal").write_bytes(marshal.dumps({**header, "code": "0" * 64}))
    with pytest.raises(RegistryError, match="another build of tipcheck"):
        Checker.from_snapshot(other, checker.config)
    with pytest.raises(RegistryError, match="not a registry snapshot"):
        Checker.from_snapshot(tmp_path / "nothing", checker.config)
    broken = tmp_path / "broken"
    shutil.copytree(folder, broken)
    for blob in broken.glob("0*.marshal"):
        blob.write_bytes(b"\x00garbage")
    with pytest.raises(RegistryError, match="damaged registry snapshot"):
        Checker.from_snapshot(broken, checker.config).check("In 2014, 54 victims were identified.\n")


def test_a_snapshot_of_several_registries_and_of_the_uncached_path(tmp_path: Path, monkeypatch) -> None:
    from test_registry import CLAIM_26, HEADER, make

    root = make(
        tmp_path / "reg", HEADER + CLAIM_26.replace("    exhaustive: [sex]\n", "    place: Georgia\n")
    )
    texts = [d.read_text(encoding="utf-8") for d in DRAFTS[:8]] + [
        "In Georgia, 26 persons were charged in 2014.\n"
    ]
    both = Checker(registries=[root], bundled=True, isolated=True)  # two registries: packed from the claims
    frozen = Checker.from_snapshot(both.snapshot(tmp_path / "s1"), both.config)
    assert [frozen.check(t) for t in texts] == [both.check(t) for t in texts]
    monkeypatch.setenv("TIPCHECK_NO_CACHE", "1")  # no index: packed from the claims read from YAML
    plain = Checker(root=ROOT)
    frozen = Checker.from_snapshot(plain.snapshot(tmp_path / "s2"), plain.config)
    assert [frozen.check(t) for t in texts] == [plain.check(t) for t in texts]


def test_the_groups_kept_read_are_bounded(tmp_path: Path, monkeypatch) -> None:
    from test_registry import CLAIM_26, HEADER, make
    from tipcheck.registry import snapshot

    claims = "".join(
        CLAIM_26.replace("t-charged", f"t-{place.lower()}").replace(
            "    exhaustive: [sex]\n", f"    place: {place}\n"
        )
        for place in ("Georgia", "Turkey", "Moldova", "Ukraine")
    )
    root = make(tmp_path / "reg", HEADER + claims)
    checker = Checker(registries=[root], isolated=True)
    folder = checker.snapshot(tmp_path / "s")
    monkeypatch.setattr(snapshot, "MAX_GROUPS", 2)
    frozen = Checker.from_snapshot(folder, checker.config)
    texts = [
        f"In {p}, 26 persons were charged in 2014.\n" for p in ("Georgia", "Turkey", "Moldova", "Ukraine")
    ]
    assert [frozen.check(t) for t in texts + texts[::-1]] == [checker.check(t) for t in texts + texts[::-1]]
    source = frozen._verifiers.claims[next(iter(frozen._verifiers.claims))]
    assert len(source._loaded) == 2
