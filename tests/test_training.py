"""Fast unit tests of the training data prep and scoring (no training here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.training import augment, ner, scoring, ud, vectors
from extractor.training.evaluate import gold_running_text
from extractor.training.paths import SHARED_DATA_ENV, shared_data_dir

CONLLU = """# sent_id = s1
# text = Menlu Retno L.P. Marsudi bertemu Sergey Lavrov, katanya.
1	Menlu	menlu	NOUN	_	_	0	root	_	_
2	Retno	retno	PROPN	_	_	1	flat	_	_
3	L.P.	l.p.	PROPN	_	_	1	flat	_	_
4	Marsudi	marsudi	PROPN	_	_	1	flat	_	_
5	bertemu	temu	VERB	_	_	1	dep	_	_
6	Sergey	sergey	PROPN	_	_	5	obj	_	_
7	Lavrov	lavrov	PROPN	_	_	6	flat	_	SpaceAfter=No
8	,	,	PUNCT	_	_	9	punct	_	_
9-10	katanya	_	_	_	_	_	_	_	SpaceAfter=No
9	kata	kata	VERB	_	_	5	dep	_	_
10	nya	dia	PRON	_	_	9	nsubj	_	_
11	.	.	PUNCT	_	_	5	punct	_	_

# sent_id = s2
1	Ia	dia	PRON	_	_	2	nsubj	_	_
2	pulang	pulang	VERB	_	_	0	root	_	SpaceAfter=No
3	.	.	PUNCT	_	_	2	punct	_	_

"""


@pytest.fixture()
def conllu_file(tmp_path: Path) -> Path:
    path = tmp_path / "sample.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    return path


def test_read_conllu_keeps_multiword_tokens_whole_with_exact_offsets(conllu_file: Path) -> None:
    first, second = ud.read_conllu(conllu_file)
    assert first.tokens == ["Menlu", "Retno", "L.P.", "Marsudi", "bertemu", "Sergey", "Lavrov", ",", "katanya", "."]
    assert all(first.text[start:end] == token for (start, end), token in zip(first.token_spans, first.tokens))
    # No `# text` comment: the text is rebuilt from SpaceAfter.
    assert second.text == "Ia pulang."
    assert second.tokens == ["Ia", "pulang", "."]


def test_sentence_labels_mark_token_and_sentence_ends(conllu_file: Path) -> None:
    _, second = ud.read_conllu(conllu_file)
    assert ud.sentence_labels(second) == "0100000012"


def test_tokenizer_files_have_one_label_per_character(conllu_file: Path, tmp_path: Path) -> None:
    sentences = list(ud.read_conllu(conllu_file))
    count = ud.write_tokenizer_files(sentences, tmp_path / "t.txt", tmp_path / "t.labels", sentences_per_paragraph=8)
    text = (tmp_path / "t.txt").read_text(encoding="utf-8")
    labels = (tmp_path / "t.labels").read_text(encoding="utf-8")
    assert count == 2
    assert len(text) == len(labels)
    assert text.startswith("Menlu Retno L.P. Marsudi")
    # No multi-word labels (3, 4): clitics are not split.
    assert set(labels.strip()) <= {"0", "1", "2"}
    assert labels.count("2") == 2
    end_of_first = len(sentences[0].text) - 1
    assert labels[end_of_first] == "2" and text[end_of_first] == "."
    assert labels[text.index("L.P.") + 3] == "1" and labels[text.index("L.P.") + 1] == "0"


def test_augmented_sentences_keep_initials_and_abbreviations_inside_the_sentence() -> None:
    sentences = augment.news_sentences(copies=3)
    assert len(sentences) == 3 * len(augment.augmentation_lexicon()["templates"])
    assert sentences == augment.news_sentences(copies=3)  # deterministic
    for sentence in sentences:
        labels = ud.sentence_labels(sentence)
        assert labels.count("2") == 1 and labels.rstrip("0").endswith("2")
        assert all(sentence.text[start:end].strip() == sentence.text[start:end] for start, end in sentence.token_spans)
    spans = augment.tokenize_template_text("Menlu Retno L.P. Marsudi di Jl. Pejambon No. 6.")
    text = "Menlu Retno L.P. Marsudi di Jl. Pejambon No. 6."
    assert [text[start:end] for start, end in spans] == [
        "Menlu", "Retno", "L.P.", "Marsudi", "di", "Jl.", "Pejambon", "No.", "6", "."]


def test_bio_reader_strips_crlf_and_maps_nergrit_types(tmp_path: Path) -> None:
    idner = tmp_path / "idner.txt"
    idner.write_bytes(b"Retno PROPN B-PER\r\nMarsudi PROPN I-PER\r\ndi ADP O\r\n\r\nASEAN PROPN B-ORG\r\n")
    assert list(ner.read_bio(idner)) == [
        [("Retno", "B-PER"), ("Marsudi", "I-PER"), ("di", "O")], [("ASEAN", "B-ORG")]]
    assert ner.map_tag("B-PERSON", ner.NERGRIT_TYPES) == "B-PER"
    assert ner.map_tag("I-PLACE", ner.NERGRIT_TYPES) == "I-LOC"
    assert ner.map_tag("B-EVENT", ner.NERGRIT_TYPES) == "O"
    assert ner.repair_bio(["O", "I-LOC", "I-LOC", "B-PER", "I-ORG"]) == ["O", "B-LOC", "I-LOC", "B-PER", "B-ORG"]


def test_stanza_ner_json(tmp_path: Path) -> None:
    path = tmp_path / "ner.json"
    assert ner.write_stanza_json([[("Retno", "B-PER"), ("pergi", "O")]], path) == 1
    assert json.loads(path.read_text(encoding="utf-8")) == [
        [{"text": "Retno", "ner": "B-PER"}, {"text": "pergi", "ner": "O"}]]


def test_vector_tokens_are_lowercased_and_split_like_the_ner_data() -> None:
    assert vectors.tokenize_for_vectors("Menlu RI, Retno (2017) US$3,5 juta ASEAN-Rusia.") == [
        "menlu", "ri", ",", "retno", "(", "2017", ")", "us", "$", "3,5", "juta", "asean", "-", "rusia", "."]


def test_span_prf() -> None:
    score = scoring.span_prf([(0, 2), (3, 5), (6, 7)], [(0, 2), (3, 5), (5, 7), (8, 9)])
    assert (score.true_positives, score.predicted, score.gold) == (2, 3, 4)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(0.5)
    assert score.f1 == pytest.approx(4 / 7)
    assert scoring.span_prf([], []).f1 == 0.0


def test_sentence_scoring_ignores_surrounding_whitespace() -> None:
    text = "Satu dua.  Tiga empat. Lima."
    gold = [(0, 9), (11, 22), (23, 28)]
    predicted = [(0, 11), (11, 28)]
    score = scoring.sentence_prf(text, predicted, gold)
    assert (score.true_positives, score.predicted, score.gold) == (1, 2, 3)


def test_entity_spans_from_bio_and_bioes() -> None:
    assert scoring.entity_spans(["B-PER", "I-PER", "O", "B-LOC", "B-LOC", "I-ORG"]) == [
        ("PER", 0, 2), ("LOC", 3, 4), ("LOC", 4, 5), ("ORG", 5, 6)]
    assert scoring.entity_spans(["S-PER", "B-ORG", "I-ORG", "E-ORG", "O", "B-LOC", "E-LOC"]) == [
        ("PER", 0, 1), ("ORG", 1, 4), ("LOC", 5, 7)]


def test_entity_scores_overall_and_per_type() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "O"]]
    predicted = [["S-PER", "O", "O", "S-LOC"], ["B-ORG", "E-ORG"]]
    scores = scoring.entity_scores(predicted, gold)
    assert scores["LOC"]["f1"] == 100.0
    assert scores["PER"]["f1"] == 0.0 and scores["ORG"]["f1"] == 0.0
    assert scores["overall"]["gold"] == 3 and scores["overall"]["predicted"] == 3
    assert scores["overall"]["f1"] == pytest.approx(33.33, abs=0.01)
    with pytest.raises(ValueError):
        scoring.entity_scores([["O"]], [["O", "O"]])


def test_gold_running_text_offsets(conllu_file: Path) -> None:
    sentences = list(ud.read_conllu(conllu_file))
    text, tokens, sentence_spans = gold_running_text(sentences)
    assert text == sentences[0].text + " " + sentences[1].text
    assert [text[start:end] for start, end in tokens][-3:] == ["Ia", "pulang", "."]
    assert [text[start:end] for start, end in sentence_spans] == [s.text for s in sentences]


def test_shared_data_dir_prefers_argument_then_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(SHARED_DATA_ENV, str(tmp_path / "env"))
    assert shared_data_dir(tmp_path / "arg") == tmp_path / "arg"
    assert shared_data_dir() == tmp_path / "env"
