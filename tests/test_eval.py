"""The labelled corpora in eval/ as a CI gate: accuracy (0.93) and no false alarms on clean
drafts for the drafts written from the seeds; for the drafts restating real reporting, where
most figures are rightly unsourced, accuracy 0.90 and no false contradiction. The held-out
reporting sets are scored by scripts/eval_score.py and reported, never tuned on."""

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
    assert result["accuracy"] >= scorer.TUNED_ACCURACY_GATE, result["errors"]


@pytest.mark.parametrize(("name", "figures"), [("reporting", 300), ("reporting-fresh", 150)])
def test_real_reporting_raises_no_false_contradiction(scorer, name: str, figures: int) -> None:
    result = scorer.score([name])
    assert result["figures"] >= figures
    assert result["clean_drafts_with_contradictions"] == []
    assert result["contradiction_precision"] >= scorer.PRECISION_GATE, result["errors"]
    assert result["accuracy"] >= scorer.ACCURACY_GATE, result["errors"]


def test_every_label_is_locatable(scorer) -> None:
    for name in scorer.SETS:
        drafts, labels = scorer.load_set(name)
        texts = {path: text for path, text, _ in drafts}
        for lab in labels:
            assert texts[lab.draft][lab.start : lab.end] == lab.figure
            assert lab.label in ("match", "contradiction", "unsourced")
