"""The labelled corpus in eval/ as a CI gate (issue 3): accuracy and no false alarms on clean drafts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("eval_score", ROOT / "scripts" / "eval_score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_score"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["tune", "heldout"])
def test_corpus_accuracy_and_clean_drafts(scorer, name: str) -> None:
    result = scorer.score([name])
    assert result["figures"] >= (250 if name == "tune" else 50)
    assert result["clean_drafts_with_contradictions"] == []
    assert result["accuracy"] >= scorer.ACCURACY_GATE, result["errors"]


def test_every_label_is_locatable(scorer) -> None:
    for name in ("tune", "heldout"):
        drafts, labels = scorer.load_set(name)
        texts = {path: text for path, text, _ in drafts}
        for lab in labels:
            assert texts[lab.draft][lab.start : lab.end] == lab.figure
            assert lab.label in ("match", "contradiction", "unsourced")
