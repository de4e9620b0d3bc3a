"""The known-officials gazetteer in the officials builder (issue 9 item 3): its forms are mentions
whatever the date, a short form alone is the person, a form inside a longer name is not; a term
decides only whether a person named without any office gets a record."""

import datetime as dt

from extractor.extractors.article_meta import ArticleMetaStage
from extractor.extractors.officials import extract_officials

from conftest import make_context


def officials(text, entities=(), published=None):
    context = make_context(text, entities, published=published)
    ArticleMetaStage()(context)
    return {o.name: o for o in extract_officials(context.doc, context)}


def test_a_short_form_alone_is_the_known_official_in_office():
    found = officials("Indonesia membantu pengungsi, kata Retno di Jakarta.", [("Retno", "PER")], published=dt.date(2017, 9, 3))
    record = found["Retno"]
    assert (record.title, record.country, record.rule) == ("Menteri Luar Negeri", "ID", "known_official")


def test_a_form_inside_a_longer_name_is_not_that_person():
    text = "Hal itu ditanyakan Retno Wulandari di Jakarta."
    found = officials(text, [("Retno Wulandari", "PER")], published=dt.date(2017, 9, 3))
    assert found == {}


def test_a_known_name_after_a_title_is_read_even_where_ner_calls_it_a_body():
    text = "Tarif diumumkan oleh Presiden Amerika Serikat (AS) Donald Trump kemarin."
    record = officials(text, [("Donald Trump", "ORG")], published=dt.date(2025, 4, 9))["Donald Trump"]
    assert (record.title, record.country) == ("Presiden", "US")


def test_out_of_term_short_form_gives_no_record_without_an_office():
    found = officials("Ryamizard datang ke acara itu.", [("Ryamizard", "PER")], published=dt.date(2023, 1, 5))
    assert found == {}


def test_out_of_term_mentions_still_join_the_titled_person():
    text = "Menhan Ryamizard Ryacudu hadir. Ryamizard tiba pukul 10."
    record = officials(text, [("Ryamizard Ryacudu", "PER")], published=dt.date(2023, 1, 5))["Ryamizard Ryacudu"]
    assert [m.text for m in record.mentions] == ["Ryamizard Ryacudu", "Ryamizard"]
    assert record.country == "ID"
