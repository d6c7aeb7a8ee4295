"""A registry's own vocabulary (vocabulary.txt at its root, or files named in tipcheck.yaml):
what it adds to the package's concepts, and how a bad line is reported."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from tipcheck.errors import ConfigError, RegistryError
from tipcheck.match import lexicon
from tipcheck.support.vocabulary import VocabularyError
from tipcheck.verify import config

SOURCE = "In 2021 the State Care Agency issued 14 residence permits to foreign victims.\n"
CLAIMS = """\
source:
  file: seeds/ge.txt
  title: Release
  publisher: null
  published: "2022-03-01"
  published_basis: stated
claims:
  - id: ge2021-permits
    kind: count
    value: 14
    unit: permits
    qualifier: exact
    metric: residence permits issued
    period: "2021"
    start: 37
    end: 39
    line: 1
    quote: "14"
"""
# The draft names none of the package's concepts, only the registry's own: without its
# vocabulary nothing registered speaks to the figure.
DRAFT = "In 2021 the agency issued 15 permits.\n"
WORDS = "# our words\nresidence permit: residence permit, permit\n"


def _registry(tmp_path: Path, words: str | None) -> Path:
    root = tmp_path / "reg"
    (root / "seeds").mkdir(parents=True)
    (root / "claims").mkdir()
    (root / "seeds" / "ge.txt").write_text(SOURCE, encoding="utf-8")
    (root / "claims" / "ge.yaml").write_text(CLAIMS, encoding="utf-8")
    if words is not None:
        (root / "vocabulary.txt").write_text(words, encoding="utf-8")
    (tmp_path / "draft.md").write_text(DRAFT, encoding="utf-8")
    return root


def _extended(text: str) -> lexicon.Lexicon:
    return lexicon.Lexicon((("own.txt", lexicon.extension(text, "own.txt")),))


def test_an_extension_adds_concepts_and_modifiers() -> None:
    lex = _extended("residence permit [modifier]: residence permit, permit\npolice: carabinieri\n")
    assert lex.concept_set("residence permits issued") == {"residence permit"}
    assert lex.concept_set("the carabinieri") == {"police"}  # a new synonym of a known concept
    assert "residence permit" in lex.modifiers and "residence permit" not in lexicon.DEFAULT.modifiers
    assert lexicon.DEFAULT.concept_set("residence permits issued") == frozenset()
    assert lex.key and not lexicon.DEFAULT.key  # features derived with it are stored apart


def test_a_synonym_with_a_second_meaning_names_the_file_and_line() -> None:
    with pytest.raises(VocabularyError, match=r"own\.txt:2: 'victim' means both 'victim' and 'police'"):
        _extended("permit: permit\npolice: victim\n")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("permit [shiny]: permit\n", "own.txt:1: unknown tag 'shiny'"),
        ("permit:\n", "own.txt:1: wants `concept"),
        ("permit: permit | permits\n", "own.txt:1: wants `concept"),
        ("permit: permit,, licence\n", "own.txt:1: an empty item"),
    ],
)
def test_a_line_that_does_not_fit_is_refused(text: str, why: str) -> None:
    with pytest.raises(VocabularyError, match=why.replace("`", ".")):
        lexicon.extension(text, "own.txt")


def test_a_lexicon_survives_pickling_for_the_parallel_index_build() -> None:
    lex = _extended("permit: residence permit, permit\n")
    again = pickle.loads(pickle.dumps(lex))
    assert again.words == lex.words and again.phrases == lex.phrases and again.key == lex.key
    assert again.concept_set("residence permits") == {"permit"}


@pytest.mark.parametrize("cached", [True, False])
def test_verify_reads_the_registry_s_own_words(tmp_path: Path, run_cli, monkeypatch, cached: bool) -> None:
    if not cached:
        monkeypatch.setenv("TIPCHECK_NO_CACHE", "1")
    root = _registry(tmp_path, None)
    draft = str(tmp_path / "draft.md")
    before = run_cli("verify", "--registry", str(root), "--no-bundled", "--format", "json", draft)
    assert before.exit_code == 0 and '"unsourced"' in before.stdout, before.output
    # the index built above holds features derived without the file: adding it must not reuse them
    (root / "vocabulary.txt").write_text(WORDS, encoding="utf-8")
    after = run_cli("verify", "--registry", str(root), "--no-bundled", "--format", "json", draft)
    assert after.exit_code == 1 and '"contradiction"' in after.stdout, after.output
    (root / "vocabulary.txt").unlink()
    again = run_cli("verify", "--registry", str(root), "--no-bundled", "--format", "json", draft)
    assert again.exit_code == 0 and '"unsourced"' in again.stdout, again.output


def test_a_bad_vocabulary_file_is_one_line_and_exit_2_for_verify(tmp_path: Path, run_cli) -> None:
    root = _registry(tmp_path, "permit: permit\nvictim: permit\n")
    result = run_cli("verify", "--registry", str(root), "--no-bundled", str(tmp_path / "draft.md"))
    assert result.exit_code == 2, result.output
    assert "vocabulary.txt:2: 'permit' means both 'permit' and 'victim'" in result.stderr
    assert "Traceback" not in result.output


def test_check_registry_validates_the_vocabulary(tmp_path: Path, run_cli, monkeypatch) -> None:
    root = _registry(tmp_path, WORDS)
    monkeypatch.chdir(tmp_path)
    ok = run_cli("check-registry", "--registry", str(root), "--no-bundled")
    assert ok.exit_code == 0, ok.output
    assert "1 vocabulary line of its own" in ok.stderr
    (root / "vocabulary.txt").write_text("permit [shiny]: permit\n", encoding="utf-8")
    bad = run_cli("check-registry", "--registry", str(root), "--no-bundled")
    assert bad.exit_code == 1
    assert "reg/vocabulary.txt:1: unknown tag 'shiny'" in bad.stdout


def test_tipcheck_yaml_names_more_vocabulary(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "words.txt").write_text(WORDS, encoding="utf-8")
    (tmp_path / "tipcheck.yaml").write_text("vocabulary: [words.txt]\n", encoding="utf-8")
    cfg = config.load(tmp_path / "tipcheck.yaml")
    assert cfg.vocabulary == (str((tmp_path / "words.txt").resolve()),)
    lex = lexicon.build(lexicon.files([], cfg.vocabulary))
    assert lex.concept_set("permits") == {"residence permit"}
    (tmp_path / "tipcheck.yaml").write_text("vocabulary: [missing.txt]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"tipcheck\.yaml:1: no vocabulary file 'missing\.txt'"):
        config.load(tmp_path / "tipcheck.yaml")
    (tmp_path / "tipcheck.yaml").write_text("vocabulary: [../words.txt]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="outside the repository"):
        config.load(tmp_path / "tipcheck.yaml")


def test_no_file_means_the_package_lexicon(tmp_path: Path) -> None:
    assert lexicon.files([tmp_path]) == ()
    assert lexicon.build(()) is lexicon.DEFAULT
    with pytest.raises(RegistryError, match="cannot read"):
        lexicon.build((tmp_path / "gone.txt",))
