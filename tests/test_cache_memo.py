"""A memo with a budget stays under it, keeping what the run used."""

from __future__ import annotations

import marshal
from pathlib import Path

from tipcheck.support import cache


def _memo(folder: Path, monkeypatch, budget: int | None) -> cache.Memo:
    monkeypatch.setenv("TIPCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("TIPCHECK_NO_CACHE", raising=False)
    return cache.Memo("test.marshal", budget)


def test_a_memo_over_its_budget_drops_the_oldest_unused_entries(tmp_path: Path, monkeypatch) -> None:
    first = _memo(tmp_path, monkeypatch, None)
    for n in range(100):
        first.put(f"key-{n:03}", f"{n:03}" * 400)
    first._save()
    assert len((tmp_path / "test.marshal").read_bytes()) > 100_000
    second = _memo(tmp_path, monkeypatch, 40_000)
    assert second.get("key-005") == "005" * 400  # an old entry this run uses
    second.put("new", "y" * 1000)
    second._save()
    data = (tmp_path / "test.marshal").read_bytes()
    assert len(data) <= 30_000  # three quarters of the budget
    kept = marshal.loads(data)
    assert "key-005" in kept and "new" in kept
    others = sorted(k for k in kept if k.startswith("key-") and k != "key-005")
    assert others and others == [f"key-{n:03}" for n in range(100 - len(others), 100)]  # the newest


def test_a_memo_within_its_budget_keeps_everything(tmp_path: Path, monkeypatch) -> None:
    memo = _memo(tmp_path, monkeypatch, 1_000_000)
    for n in range(50):
        memo.put(n, "z" * 100)
    memo._save()
    assert marshal.loads((tmp_path / "test.marshal").read_bytes()) == {n: "z" * 100 for n in range(50)}
