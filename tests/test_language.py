"""The cheap language check behind ``article.language``."""

from __future__ import annotations

import json
from itertools import islice

import pytest

from conftest import SHARED_DATA
from extractor.nlp.language import UNDETERMINED, guess_language


def test_languages_told_apart():
    assert guess_language(
        "Menteri Luar Negeri Retno Marsudi mengatakan bahwa kerja sama antara kedua negara akan terus "
        "ditingkatkan, terutama di bidang perdagangan dan investasi yang menjadi prioritas pemerintah."
    ) == "id"
    assert guess_language(
        "The foreign minister said that the cooperation between the two countries would be increased, "
        "especially in trade and investment, which are priorities of the government."
    ) == "en"
    assert guess_language(
        "Le ministre des Affaires étrangères a déclaré que la coopération entre les deux pays serait "
        "renforcée, notamment dans le commerce et les investissements, priorités du gouvernement."
    ) == UNDETERMINED
    assert guess_language("Jakarta, Rabu.") is None  # too short to tell


@pytest.mark.skipif(not (SHARED_DATA / "indosum" / "articles.jsonl").exists(), reason="needs ../shared/data")
def test_indonesian_news_is_not_flagged():
    with open(SHARED_DATA / "indosum" / "articles.jsonl", encoding="utf-8") as handle:
        texts = [json.loads(line)["text"] for line in islice(handle, 500)]
    assert [guess_language(text) for text in texts].count("id") == len(texts)
