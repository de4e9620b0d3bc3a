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


def test_verb_forms_by_affixes():
    from extractor.components.person_names import is_verb_form

    for verb in ["Bertemu", "Berkunjung", "Menghadap", "Menemui", "Menyambut", "Mengunjungi", "Dikunjungi", "Tegaskan", "Kunjungi", "Perkuat", "Sambut"]:
        assert is_verb_form(verb), verb
    for name in ["Bernard", "Melania", "Megawati", "Dimas", "Retno", "Benny", "Budi", "Meutya", "Hadi", "Menlu"]:
        assert not is_verb_form(name), name


def test_verb_after_a_name_only_by_affixes_in_title_case_lines():
    # "Menyapa" (meny- + sapa) is in no word list: only its affixes make it a verb
    text = "Menlu Retno Menyapa Lavrov di Jakarta\nIa bertemu Pak Menyapa Santoso kemarin."
    doc = make_doc(text, [("Retno Menyapa", "PER"), ("Menyapa Santoso", "PER")])
    names = [text[s:e] for s, e in person_names(doc)]
    assert names == ["Retno", "Menyapa Santoso"]  # a capitalised name word in running text stays


def test_joined_state_names_are_no_name_words():
    assert not is_name_word("Indonesia-Australia") and not is_name_word("ASEAN-Rusia")
    assert is_name_word("Al-Sisi")


def test_an_initial_and_its_full_stop_inside_a_name():
    text = "4. Sergei G. Tolchenov, Duta Besar LBBP Designate Resident Federasi Rusia"
    doc = make_doc(text, [("Sergei G. Tolchenov", "PER")])
    assert [text[s:e] for s, e in person_names(doc)] == ["Sergei G. Tolchenov"]


def test_an_acronym_inside_a_title_head_does_not_bar_the_word_written_as_a_name():
    # "PU" (Menteri PU) and "PAN" are acronyms of heads; "Pu" and "Pan" are surnames.
    assert is_name_word("Pu") and is_name_word("Pan")
    assert not is_name_word("PU") and not is_name_word("Menteri")


def test_a_word_ending_in_an_apostrophe_inside_a_name():
    text = "Menteri Pertahanan Malaysia Yang Mulia Dato' Seri Mohamed Khaled Nordin, di Jakarta."
    doc = make_doc(text, [("Dato' Seri Mohamed Khaled Nordin", "PER")])
    assert [text[s:e] for s, e in person_names(doc)] == ["Dato' Seri Mohamed Khaled Nordin"]
