"""The person_names component: NER person entities cleaned to names."""

from extractor.components import spans
from extractor.components.person_names import is_acronym_initials, is_initial, is_name_word, person_name_entities, person_names

from conftest import make_doc


def test_entity_trimmed_to_name_and_grown_over_initials():
    text = "Kata Menteri Luar Negeri RI, Retno  L.P. Marsudi kemarin."
    doc = make_doc(text, [("Menteri Luar Negeri RI, Retno", "PER")])
    ((start, end),) = person_names(doc)
    assert text[start:end] == "Retno  L.P. Marsudi"
    (span,) = spans(doc, "person_name")
    assert span.label_ == "person_name|ner" and span.text == "Retno  L.P. Marsudi"
    ((ent_start, ent_end, _, _),) = person_name_entities(doc)
    assert text[ent_start:ent_end] == "Menteri Luar Negeri RI, Retno"


def test_institutions_and_title_only_entities_are_no_names():
    text = "Palestinian Authority dan Presiden hadir."
    doc = make_doc(text, [("Palestinian Authority", "PER"), ("Presiden", "PER")])
    assert person_names(doc) == []


def test_name_words():
    assert is_name_word("Retno") and is_name_word("L.P.") and is_name_word("McDonald")
    assert not is_name_word("Menlu") and not is_name_word("ASEAN") and not is_name_word("Jepang")
    assert not is_name_word("retno") and not is_name_word("Senin")
    assert is_initial("M.") and is_initial("A") and not is_initial("Ab")
    assert is_acronym_initials("LP") and not is_acronym_initials("L") and not is_acronym_initials("ASEAN")


def test_initials_without_dots_inside_a_name():
    text = "Menlu Retno LP Marsudi hadir."
    doc = make_doc(text, [("Retno", "PER")])
    ((start, end),) = person_names(doc)
    assert text[start:end] == "Retno LP Marsudi"
