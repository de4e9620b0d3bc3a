"""Titles written lowercase beside a name NER found (issue 9 item 3): ``anggota DPR RI
Christina Aryani``, ``kata Zaw Htay, juru bicara kantor Suu Kyi``."""

import pytest

from test_officials import officials


@pytest.mark.parametrize(
    "text, name, title, country",
    [
        ("Hal itu menanggapi pertanyaan anggota DPR RI Christina Aryani kemarin.", "Christina Aryani", "Anggota", "ID"),
        ("Kami siap, kata juru bicara Kementerian Luar Negeri China (MFA) Zhao Lijian di Beijing.", "Zhao Lijian", "Juru Bicara", "CN"),
        ("Dia berusaha, kata Zaw Htay, juru bicara kantor Suu Kyi, kepada Reuters.", "Zaw Htay", "Juru Bicara", None),
    ],
)
def test_lowercase_title_beside_a_name(text, name, title, country):
    record = officials(text, [(name, "PER")])[name]
    assert record.title == title
    if country is not None:
        assert record.country == country


@pytest.mark.parametrize(
    "text, name",
    [
        # "anggota" is an office only with a body.
        ("Hendri, anggota Komunitas Paruh Bengkok, datang.", "Hendri"),
        # A lowercase title after "selaku" with the name before it: not right beside it.
        ("Tim penilai terdiri dari Setiawan Sabana selaku ketua dewan juri, Gugun Gunardi dan lainnya.", "Setiawan Sabana"),
        # No name beside the lowercase word: "presiden" alone is no title of the name far after it.
        ("Ia bertanya kepada presiden soal itu, lalu pergi bersama teman lamanya Joko Susanto.", "Joko Susanto"),
    ],
)
def test_no_official_from_a_lowercase_word_elsewhere(text, name):
    assert name not in officials(text, [(name, "PER"), ("Gugun Gunardi", "PER")])
