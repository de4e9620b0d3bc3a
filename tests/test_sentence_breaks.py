"""Merging the sentence breaks the tokenizer puts after abbreviations and initials."""

from __future__ import annotations

import re

from stanza.models.common import doc as stanza_doc

from extractor.nlp.sentence_breaks import correct_sentence_breaks, ends_with_abbreviation, merged_sentence_groups

TOKEN = re.compile(r"\w+|[^\w\s]")


def spans_of(text: str, pieces: list[str]) -> list[list[tuple[int, int]]]:
    """Token spans for sentences given as strings of space-separated tokens, found in order in `text`."""
    sentences = []
    position = 0
    for piece in pieces:
        spans = []
        for token in piece.split(" "):
            start = text.index(token, position)
            spans.append((start, start + len(token)))
            position = start + len(token)
        sentences.append(spans)
    return sentences


def document(text: str, pieces: list[str]) -> stanza_doc.Document:
    sentences = [
        [{"id": index + 1, "text": text[start:end], "start_char": start, "end_char": end}
         for index, (start, end) in enumerate(spans)]
        for spans in spans_of(text, pieces)
    ]
    return stanza_doc.Document(sentences, text)


def test_initials_and_titles_do_not_end_sentences() -> None:
    text = "Menlu Retno  L.P. Marsudi bertemu Dr. Budi di Jl. Pejambon No. 6. Ia pulang."
    pieces = ["Menlu Retno L.P.", "Marsudi bertemu Dr.", "Budi di Jl.", "Pejambon No.", "6 .", "Ia pulang ."]
    groups = merged_sentence_groups(text, spans_of(text, pieces))
    assert groups == [[0, 1, 2, 3, 4], [5]]


def test_split_off_full_stop_after_an_initial() -> None:
    text = "Kata Retno L.P. Marsudi."
    assert ends_with_abbreviation(text, spans_of(text, ["Kata Retno L.P ."])[0])
    text = "Ia terkena hepatitis B. Vaksin ada."
    assert not ends_with_abbreviation(text, spans_of(text, ["Ia terkena hepatitis B ."])[0])


def test_real_sentence_ends_and_line_breaks_are_kept() -> None:
    text = "Ia tiba di Jakarta. Rapat dimulai."
    assert merged_sentence_groups(text, spans_of(text, ["Ia tiba di Jakarta .", "Rapat dimulai ."])) == [[0], [1]]
    text = "Laporan oleh Budi S.\n\nIa tiba."
    assert merged_sentence_groups(text, spans_of(text, ["Laporan oleh Budi S.", "Ia tiba ."])) == [[0], [1]]
    text = "Hal itu diumumkan PT Astra Tbk. Saham naik."
    assert merged_sentence_groups(text, spans_of(text, ["Hal itu diumumkan PT Astra Tbk.", "Saham naik ."])) == [[0], [1]]


def test_corrected_document_keeps_offsets_and_renumbers_words() -> None:
    text = "Menlu Retno L.P. Marsudi tiba. Ia bertemu Sergey Lavrov."
    original = document(text, ["Menlu Retno L.P.", "Marsudi tiba .", "Ia bertemu Sergey Lavrov ."])
    corrected = correct_sentence_breaks(original)
    assert len(corrected.sentences) == 2
    first = corrected.sentences[0]
    assert [token.text for token in first.tokens] == ["Menlu", "Retno", "L.P.", "Marsudi", "tiba", "."]
    assert [word.id for word in first.words] == [1, 2, 3, 4, 5, 6]
    for sentence in corrected.sentences:
        for token in sentence.tokens:
            assert text[token.start_char:token.end_char] == token.text
    unchanged = document(text, ["Menlu Retno L.P. Marsudi tiba .", "Ia bertemu Sergey Lavrov ."])
    assert correct_sentence_breaks(unchanged) is unchanged


def test_the_fix_is_a_stanza_processor_between_tokenizer_and_ner() -> None:
    from stanza.pipeline.registry import PIPELINE_NAMES

    from extractor.nlp.sentence_breaks import SENTENCE_BREAKS, SentenceBreaksProcessor
    from extractor.nlp.stanza_models import stanza_pipeline

    assert PIPELINE_NAMES.index("tokenize") < PIPELINE_NAMES.index(SENTENCE_BREAKS) < PIPELINE_NAMES.index("ner")
    corrected = stanza_pipeline()
    assert isinstance(corrected.processors[SENTENCE_BREAKS], SentenceBreaksProcessor)
    text = "Ia bertemu Dr. Retno L.P. Marsudi di Jakarta. Lalu pulang."
    assert [s.text for s in corrected(text).sentences] == ["Ia bertemu Dr. Retno L.P. Marsudi di Jakarta.", "Lalu pulang."]
    texts = (text, "Kata Prof. Budi hari ini. Ya, Menlu Retno L.P. Marsudi tiba.")
    bulk = corrected.bulk_process([stanza_doc.Document([], text=t) for t in texts])
    assert [[s.text for s in d.sentences] for d in bulk] == [[s.text for s in corrected(t).sentences] for t in texts]
    assert bulk[0].sentences[0].text == "Ia bertemu Dr. Retno L.P. Marsudi di Jakarta."
    plain = stanza_pipeline(sentence_correction=False)
    assert SENTENCE_BREAKS not in plain.processors
