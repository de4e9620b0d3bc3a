"""Priority areas: lexicon phrases counted only inside priority, focus or agreement framing."""

from __future__ import annotations

from extractor.extractors.priority_areas import (
    PriorityAreasStage,
    area_slug,
    extract_priority_areas,
    priority_lexicon,
)
from extractor.records import DocumentRecords, PriorityAreaSlug

from conftest import make_context


def areas(text: str, boilerplate=()):
    context = make_context(text)
    context.boilerplate = list(boilerplate)
    records = list(extract_priority_areas(context.doc, context))
    DocumentRecords(doc_id="t", priority_areas=records).check_offsets(text)
    return {r.area.value: [m.text for m in r.mentions] for r in records}


def test_seed_000(seed_texts):
    found = areas(seed_texts["000_23c578c81a53ec19"])
    assert found == {
        "counter_terrorism": ["kontra terorisme"],
        "cybersecurity": ["keamanan siber"],
        "disaster_management": ["penanganan bencana", "penanganan bencana"],
    }


def test_seed_004_priorities_but_not_discussed_economy(seed_texts):
    found = areas(seed_texts["004_c1b15d166fd41f57"])
    assert found == {
        "counter_terrorism": ["kontra terorisme"],
        "cybersecurity": ["keamanan siber"],
        "disaster_management": ["penanggulangan bencana alam"],
    }


def test_agreement_framing_lists_areas():
    text = (
        "Kunjungan kenegaraan Presiden ke Singapura menghasilkan kesepakatan kerja sama di bidang "
        "pendidikan dan penanggulangan bencana."
    )
    assert areas(text) == {"education": ["pendidikan"], "disaster_management": ["penanggulangan bencana"]}


def test_topics_discussed_are_not_areas():
    text = (
        "Pertemuan juga membahas perlunya upaya peningkatan kerja sama ekonomi dan perdagangan. "
        "Isu pendidikan juga menjadi perhatian, termasuk pemberian beasiswa."
    )
    assert areas(text) == {}


def test_anaphoric_cue_frames_nothing_new():
    text = (
        "Menlu Lavrov menyambut baik usulan prioritas kerja sama tersebut. Indonesia dan Rusia akan menjadi "
        "Ketua Bersama ARF Inter-Sessional Meeting on Counter Terrorism and Trans National Crime."
    )
    assert areas(text) == {}


def test_announced_list_runs_into_next_sentence():
    text = "Terdapat tiga bidang kerja sama yang diutamakan. Yakni energi, pariwisata dan ketahanan pangan."
    assert areas(text) == {"energy": ["energi"], "tourism": ["pariwisata"], "food_security": ["ketahanan pangan"]}


def test_office_names_and_boilerplate_are_skipped():
    text = "Kedua negara sepakat, kata Menteri Perdagangan. Fokus pada investasi."
    assert areas(text) == {"investment": ["investasi"]}
    start = text.index("Fokus")
    assert areas(text, boilerplate=[(start, len(text))]) == {}


def test_lexicon_uses_the_spec_taxonomy():
    for slug, phrases in priority_lexicon()["areas"].items():
        assert PriorityAreaSlug(slug)
        for phrase in phrases:
            assert area_slug(phrase) is not None
    assert area_slug("Penanggulangan  Bencana Alam") == "disaster_management"
    assert area_slug("Trans National Crime") == "transnational_crime"


def test_stage():
    assert PriorityAreasStage.name == "priority_areas"
    assert PriorityAreasStage.requires == frozenset({"boilerplate"})
    assert PriorityAreasStage.provides == frozenset({"priority_areas"})
    context = make_context("Kedua menlu sepakat memperkuat kerja sama dalam bidang pendidikan.")
    PriorityAreasStage()(context)
    assert [r.area.value for r in context.records["priority_areas"]] == ["education"]
