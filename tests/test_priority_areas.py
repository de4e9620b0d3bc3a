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
    if boilerplate:
        context.doc.spans["boilerplate"] = [context.doc.char_span(s, e, alignment_mode="expand") for s, e in boilerplate]
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
    text = (
        "Menurut Menlu, terdapat tiga bidang kerja sama yang diutamakan. Yakni energi, pariwisata dan "
        "ketahanan pangan."
    )
    assert areas(text) == {"energy": ["energi"], "tourism": ["pariwisata"], "food_security": ["ketahanan pangan"]}


def test_office_names_and_boilerplate_are_skipped():
    text = "Kedua negara sepakat, kata Menteri Perdagangan. Fokus pada investasi."
    assert areas(text) == {"investment": ["investasi"]}
    start = text.index("Fokus")
    assert areas(text, boilerplate=[(start, len(text))]) == {}


def test_important_matters_list_chains_through_kerja_sama():
    text = (
        "Presiden menekankan hal penting dalam kemitraan ASEAN-PBB yakni mengentaskan kemiskinan dan kerja sama "
        "kesehatan masyarakat di kawasan Asia Tenggara."
    )
    assert areas(text) == {"health": ["kesehatan masyarakat"], "other": ["mengentaskan kemiskinan"]}


def test_plan_to_strengthen_cooperation_frames_but_bare_commitment_does_not():
    assert areas("Pemerintah berencana memperkuat kerja sama ekonomi bersama Uruguay, kata Menlu.") == {
        "economy_trade": ["kerja sama ekonomi"]
    }
    text = "Duta Besar India mengatakan mereka berkomitmen tetap mau impor CPO dari Indonesia."
    assert areas(text) == {}
    text = "Presiden memuji Powell sebagai pemimpin yang berkomitmen yang akan membangun ekonomi, kata Dubes."
    assert areas(text) == {}


def test_commitment_reaches_a_field_introduced_further_on():
    text = (
        "Menlu mengatakan Indonesia terus berkomitmen membantu dan memperkuat kerja sama dengan Timor Leste, "
        "terutama dalam bidang infrastruktur dan ekonomi."
    )
    assert areas(text) == {"economy_trade": ["ekonomi"], "connectivity_infrastructure": ["infrastruktur"]}
    text = (
        "Kedua menlu sepakat akan tingkatkan kerja sama ini lebih baik lagi terutama dalam hal pembangunan "
        "ekonomi, bisnis, dan pengembangan sumber daya manusia."
    )
    assert areas(text) == {
        "economy_trade": ["pembangunan ekonomi", "bisnis"],
        "education": ["pengembangan sumber daya manusia"],
    }


def test_field_marker_without_a_cue_frames_nothing():
    text = (
        "Retno dan Guterres juga membahas penguatan kerja sama ekonomi kedua negara terutama dalam bidang "
        "energi. Mereka menginginkan investor kita terutama dalam bidang investasi perumahan."
    )
    assert areas(text) == {}


def test_discussion_between_cue_and_area_ends_the_reach():
    assert areas("Kedua negara sepakat untuk membahas kerja sama energi tahun depan.") == {}
    assert areas("Menlu membahas isu perdagangan dan investasi antar kedua negara.") == {}


def test_meeting_outcome_frames_the_rest_of_the_sentence():
    text = (
        "Pertemuan imigrasi ASEAN itu menghasilkan beberapa poin di antaranya membentuk forum khusus bagi "
        "kepala-kepala tempat pemeriksaan imigrasi utama dan berbagi data terkait pergerakan FTF."
    )
    assert areas(text) == {"counter_terrorism": ["pergerakan FTF"]}
    # ``menghasilkan`` without a meeting is production, not an outcome.
    text = "Kedua negara menghasilkan minyak kelapa sawit dan batu bara dalam jumlah besar setiap tahun."
    assert areas(text) == {}


def test_post_cue_frames_the_list_before_it():
    text = (
        "Dua sektor lain yang dibahas dengan Duta Besar India adalah energi dan pertanian, yang merupakan "
        "konsen Presiden Jokowi."
    )
    assert areas(text) == {"energy": ["energi"], "food_security": ["pertanian"]}
    text = "Isu reformasi di tubuh PBB menjadi salah satu agenda yang menjadi fokus Indonesia."
    assert areas(text) == {"other": ["reformasi di tubuh PBB"]}


def test_post_cue_needs_linking_words_only():
    text = "Bantuan kemanusiaan ASEAN akan menjadi salah satu isu utama yang dibahas dalam pertemuan tersebut."
    assert areas(text) == {}
    text = "Kerja sama energi kedua negara dinilai sudah berjalan baik sehingga tidak perlu lagi menjadi prioritas."
    assert areas(text) == {}


def test_articles_without_foreign_relations_put_no_area_forward():
    text = "Pemerintah memfokuskan impor pada proyek infrastruktur dan pangan. Fokus pada pendidikan karakter."
    assert areas(text) == {}
    assert areas("Kedua negara fokus pada pendidikan.") == {"education": ["pendidikan"]}


def test_non_areas_and_office_names_are_skipped():
    text = "Kedua negara sepakat mengatasi krisis kemanusiaan di Rakhine."
    assert areas(text) == {}
    text = "Kedua negara sepakat, kata Menteri Koordinator bidang Perekonomian Darmin Nasution."
    assert areas(text) == {}


def test_colon_opens_the_list_of_a_priority():
    text = "Bank Dunia dan ASEAN menetapkan tiga area prioritas jangka panjang: energi, pariwisata dan pangan."
    assert areas(text) == {"energy": ["energi"], "tourism": ["pariwisata"], "food_security": ["pangan"]}
    text = "Kedua negara sepakat. Catatan: kerja sama energi belum dimulai."
    assert areas(text) == {}


def test_demonstrative_then_scope_frames_again():
    text = "Kedua negara menandatangani MoU. MoU tersebut mencakup kerja sama di bidang energi dan pariwisata."
    assert areas(text) == {"energy": ["energi"], "tourism": ["pariwisata"]}


def test_area_word_outside_framing_is_not_extracted():
    text = (
        "Menlu Retno bertemu Dubes Jepang di Jakarta. Kerja sama perdagangan, pendidikan dan kesehatan "
        "terus tumbuh, ujar Retno."
    )
    assert areas(text) == {}


def test_lexicon_phrasings_cover_common_variants():
    assert area_slug("ketahanan pangan") == area_slug("pertanian") == "food_security"
    assert area_slug("energi baru terbarukan") == area_slug("energi") == "energy"
    assert area_slug("konektivitas") == area_slug("infrastruktur") == "connectivity_infrastructure"
    assert area_slug("radikalisme") == area_slug("foreign terrorist fighters") == "counter_terrorism"
    assert area_slug("perubahan iklim") == "environment_climate"
    assert area_slug("kelapa sawit") == area_slug("kerja sama ekonomi") == "economy_trade"
    assert area_slug("pengembangan sumber daya manusia") == "education"
    assert area_slug("pengentasan kemiskinan") == area_slug("reformasi PBB") == "other"
    assert area_slug("krisis kemanusiaan") is None


def test_lexicon_uses_the_spec_taxonomy():
    for slug, phrases in priority_lexicon()["areas"].items():
        assert PriorityAreaSlug(slug)
        for phrase in phrases:
            assert area_slug(phrase) is not None
    assert area_slug("Penanggulangan  Bencana Alam") == "disaster_management"
    assert area_slug("Trans National Crime") == "transnational_crime"


def test_stage():
    assert PriorityAreasStage.name == "priority_areas"
    assert PriorityAreasStage.requires == frozenset(
        {"spans:boilerplate", "spans:cue", "spans:area", "spans:party", "spans:party_part", "spans:capital"}
    )
    assert PriorityAreasStage.provides == frozenset({"priority_areas"})
    context = make_context("Kedua menlu sepakat memperkuat kerja sama dalam bidang pendidikan.")
    PriorityAreasStage()(context)
    assert [r.area.value for r in context.records["priority_areas"]] == ["education"]


def test_hyphen_split_phrase_is_found():
    text = "Kedua negara sepakat memperkuat kerja sama kontra-terorisme dan people-to-people contact."
    expected = {"counter_terrorism": ["kontra-terorisme"], "culture_people": ["people-to-people contact"]}
    assert areas(text) == expected  # the shipped tokenizer keeps both hyphenated words whole
    # Where the tokenizer splits at the hyphens (it does in "ASEAN-Russia"), the phrases still match,
    # with other hyphen characters too.
    pieces = ["Kedua", "negara", "sepakat", "memperkuat", "kerja", "sama", "kontra", "-", "terorisme", "dan",
              "people", "-", "to", "-", "people", "contact", "."]
    assert split_areas(text, pieces) == expected
    text = "Kedua negara sepakat memperkuat kerja sama kontra\u2010terorisme."
    pieces = ["Kedua", "negara", "sepakat", "memperkuat", "kerja", "sama", "kontra", "\u2010", "terorisme", "."]
    assert split_areas(text, pieces) == {"counter_terrorism": ["kontra\u2010terorisme"]}
    # The shipped tokenizer glues U+2010 to the second part ("kontra", "\u2010terorisme"): missed.
    assert areas(text) == {}
    assert areas("Kedua negara sepakat memperkuat kerja sama kontraterorisme.") == {
        "counter_terrorism": ["kontraterorisme"]
    }


def split_areas(text: str, pieces: list[str]) -> dict:
    """Areas found on a Doc split into ``pieces`` (a tokenization the shipped tokenizer may give)."""
    from extractor.components import annotate
    from extractor.document import Article
    from extractor.nlp.spacy_doc import build_doc
    from extractor.pipeline import ExtractionContext

    offsets, position = [], 0
    for piece in pieces:
        start = text.index(piece, position)
        offsets.append((start, start + len(piece)))
        position = start + len(piece)
    doc = annotate(build_doc(text, offsets, [0]))
    context = ExtractionContext(article=Article(doc_id="t", text=text), doc=doc)
    return {r.area.value: [m.text for m in r.mentions] for r in extract_priority_areas(doc, context)}


def test_phrase_token_variants_split_like_the_tokenizers():
    from extractor.extractors.priority_areas import phrase_token_variants

    variants = phrase_token_variants("kontra-terorisme")
    assert ["kontra", "-", "terorisme"] in variants
    assert ["kontra", "terorisme"] in variants
    assert ["kontraterorisme"] in variants
    assert ["kontra-terorisme"] in variants  # a tokenizer that keeps the compound whole
    assert phrase_token_variants("keamanan siber") == [["keamanan", "siber"]]


def test_matcher_is_built_once_per_vocab(monkeypatch):
    from spacy.vocab import Vocab

    from extractor.extractors import priority_areas as module

    built = []
    real = module.PhraseMatcher

    def counting(*args, **kwargs):
        built.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(module, "PhraseMatcher", counting)
    monkeypatch.setattr(module.priority_matcher, "cache", {})
    areas("Kedua negara sepakat memperkuat kerja sama energi.")
    areas("Kedua negara fokus pada pendidikan.")
    assert len(built) == 1
    vocab = make_context("Kedua negara.").doc.vocab
    assert module.priority_matcher(vocab) is module.priority_matcher(vocab)
    assert len(built) == 1
    other = Vocab()
    assert module.priority_matcher(other) is not module.priority_matcher(vocab)
    assert len(built) == 2


# --- wave 3: phrasings of current news ------------------------------------------------------

CONTEXT = "Menlu RI bertemu Menlu Timor Leste. "


def test_a_list_goes_on_through_items_the_lexicon_does_not_know():
    found = areas(
        CONTEXT + "Dalam kunjungan ini ditandatangani 5 MoU, yaitu kerja sama pemuda dan olahraga, "
        "pengarsipan dokumen, tata ruang kota, dan energi."
    )
    assert set(found) == {"culture_people", "energy"}


def test_a_long_unknown_item_ends_the_list():
    found = areas(CONTEXT + "Kedua negara sepakat memperkuat kerja sama pemuda, lalu mereka juga berjalan bersama ke pantai, dan energi.")
    assert set(found) == {"culture_people"}


def test_a_field_the_cue_reaches_after_another_area_counts():
    found = areas(CONTEXT + "Kunjungan menghasilkan 20 kesepakatan bisnis senilai US$ 21,3 miliar di bidang energi dan pendidikan.")
    assert {"energy", "education"} <= set(found)


def test_a_counted_cooperation_list_frames_what_follows_its_introducer():
    found = areas(CONTEXT + "Presiden akan mengkongkritkan 4 kerjasama, yaitu; kerjasama maritim, konektivitas dan kerjasama ekonomi.")
    assert set(found) == {"maritime_security", "connectivity_infrastructure", "economy_trade"}


def test_a_counted_list_that_is_only_discussed_frames_nothing():
    assert areas(CONTEXT + "Keduanya membahas tiga bidang, yaitu energi dan pendidikan.") == {}


def test_areas_named_inside_a_document_title():
    found = areas(CONTEXT + "Presiden menghadiri peluncuran Rencana Acuan Konektivitas ASEAN (MPAC) 2025 di Vientiane.")
    assert found == {"connectivity_infrastructure": ["Konektivitas"]}
    assert areas(CONTEXT + "Presiden menghadiri peluncuran rencana acuan konektivitas di Vientiane.") == {}


def test_cooperation_covering_fields():
    found = areas(CONTEXT + "Adapun kerja sama dengan Inggris meliputi bidang perdagangan, pertahanan dan penelitian.")
    assert set(found) == {"economy_trade", "defence", "science_technology"}


def test_a_visits_stated_purpose_frames_its_cooperation():
    found = areas(CONTEXT + "Kunjungan itu bertujuan memperluas kerja sama di bidang investasi.")
    assert set(found) == {"investment"}


def test_new_lexicon_entries():
    found = areas(
        CONTEXT + "Kedua negara sepakat bekerja sama di bidang hilirisasi, bebas visa, klimatologi dan geofisika, "
        "pelindungan pekerja migran, serta peninggalan sejarah."
    )
    assert {"economy_trade", "other", "environment_climate", "culture_people"} <= set(found)


def test_discussed_fields_stay_out():
    assert areas(CONTEXT + "Menlu Retno juga membahas kerja sama di bidang energi dan pendidikan.") == {}


def test_a_plan_to_cooperate_frames_its_field():
    found = areas(CONTEXT + "Kami akan bekerja sama agar pencurian artefak peninggalan sejarah itu dapat dihentikan.")
    assert set(found) == {"culture_people"}


def test_a_cooperation_verb_may_join_the_last_item_of_a_list():
    found = areas(CONTEXT + "Kesepakatan itu mencakup pertahanan dan ekonomi, serta memperkuat hubungan antar masyarakat.")
    assert set(found) == {"defence", "economy_trade", "culture_people"}


# --- wave 4: framings that carry over to unseen articles ------------------------------------


def test_a_sentence_between_two_states_is_foreign_relations_without_a_diplomatic_word():
    text = "Demi meningkatkan kerja sama antara Indonesia dan Perancis di bidang pariwisata, Kemenpar menggelar JWG."
    assert areas(text) == {"tourism": ["pariwisata"]}
    assert areas("Geyer kembali dari Australia untuk fokus menembus industri musik.") == {}
    assert areas("Jepang fokus pada ekspor produknya ke seluruh dunia, termasuk AS.") == {}


def test_a_purpose_clause_frames_its_cooperation():
    found = areas(
        CONTEXT + "Pertemuan kedua negara itu digelar untuk meningkatkan kerja sama di berbagai bidang, "
        "seperti pertanian, kelautan, dan industri pertahanan."
    )
    assert found == {
        "food_security": ["pertanian"],
        "maritime_security": ["kelautan"],
        "defence": ["industri pertahanan"],
    }
    found = areas(
        "Menteri Keuangan Jepang akan berkunjung ke Jakarta guna memperkukuh hubungan bilateral kedua negara, "
        "khususnya peningkatan kerja sama di sektor keuangan."
    )
    assert found == {"economy_trade": ["keuangan"]}


def test_a_need_wish_or_call_before_a_purpose_frames_nothing():
    assert areas(CONTEXT + "Presiden mengajak negara ASEAN untuk memperkuat kerja sama di bidang energi.") == {}
    assert areas(CONTEXT + "Indonesia perlu bekerja keras untuk meningkatkan kerja sama di bidang pendidikan.") == {}
    assert areas(CONTEXT + "Kedua pihak menyambut baik peluang untuk memperluas kerja sama di bidang investasi.") == {}


def test_a_commitment_naming_its_party():
    found = areas(
        CONTEXT + "Retno menyatakan kembali komitmen Indonesia untuk meningkatan kerjasama teknis dan capacity "
        "building dengan negara-negara pasifik."
    )
    assert found == {"education": ["capacity building"]}


def test_signing_as_misspelt_and_a_headline_verb():
    found = areas(CONTEXT + "Keduanya menjadi saksi penandatangaan kerja sama bidang maritim.")
    assert found == {"maritime_security": ["maritim"]}
    found = areas("Prabowo Sambut Kunjungan Menhan Malaysia, Jalin Kerja Sama di Bidang Pertahanan\n\nKedua negara bersahabat.")
    assert found == {"defence": ["Pertahanan"]}


def test_the_scope_of_a_cooperation_after_a_semicolon_typed_for_a_colon():
    found = areas(
        CONTEXT + "Adapun lingkup kerja sama tersebut meliputi; bidang manajemen pariwisata, "
        "pengembangan sumber daya manusia, dan pemasaran."
    )
    assert found == {"tourism": ["pariwisata"], "education": ["pengembangan sumber daya manusia"]}
    assert areas(CONTEXT + "Kerja sama itu berjalan baik; pariwisata kedua negara juga tumbuh.") == {}


def test_a_climate_agreement_and_the_climate_of_investment():
    found = areas(CONTEXT + "Amerika Serikat menarik diri dari kesepakatan iklim global yang disepakati di Paris.")
    assert found == {"environment_climate": ["iklim"]}
    assert areas(CONTEXT + "Kedua negara sepakat memperbaiki iklim investasi.") == {"investment": ["iklim investasi"]}
    assert areas(CONTEXT + "Kedua negara sepakat menjaga iklim politik yang stabil.") == {}


def test_a_protection_of_citizens_stated_as_a_priority():
    found = areas(
        "Konsul Jenderal RI menjelaskan, masalah perlindungan hak WNI adalah prioritas utama dari delapan "
        "prioritas politik luar negeri Indonesia."
    )
    assert found == {"other": ["perlindungan hak WNI"]}


def test_a_document_noun_inside_an_office_name_names_no_document():
    text = CONTEXT + "Kepala Bidang Promosi Wisata Pertemuan dan Konvensi Asdep Pengembangan Segmen Pasar Bisnis hadir."
    assert areas(text) == {}
    found = areas(CONTEXT + "Presiden menghadiri peluncuran Konvensi Kerja Sama Pariwisata ASEAN di Vientiane.")
    assert found == {"tourism": ["Pariwisata"]}


def test_a_framed_area_leads_on_to_its_parts():
    found = areas(
        CONTEXT + "Presiden akan mengkongkritkan 2 kerjasama, yaitu; kerjasama maritim dan kerjasama ekonomi "
        "yang lainnya mencakup masalah perdagangan dan investasi."
    )
    assert found == {
        "maritime_security": ["maritim"],
        "economy_trade": ["kerjasama ekonomi", "perdagangan"],
        "investment": ["investasi"],
    }
    found = areas(CONTEXT + "Kedua negara sepakat bekerja sama di bidang energi, yang menurut Menlu juga penting bagi pendidikan.")
    assert found == {"energy": ["energi"]}


def test_a_list_introduced_after_several_fields_is_reached():
    found = areas(CONTEXT + "Kedua negara sepakat meningkatkan kerja sama di berbagai bidang, termasuk ekonomi, pendidikan, dan kebudayaan.")
    assert found == {"economy_trade": ["ekonomi"], "education": ["pendidikan"], "culture_people": ["kebudayaan"]}


def test_trade_agreements_extradition_pandemic_and_defence_industry():
    assert areas(CONTEXT + "Kedua pihak sepakat mendorong penyelesaian perundingan IEU-CEPA.") == {"economy_trade": ["CEPA"]}
    assert areas(CONTEXT + "Kedua negara meneken perjanjian ekstradisi.") == {"transnational_crime": ["ekstradisi"]}
    found = areas(CONTEXT + "Kedua negara akan bekerja sama dalam penanganan pandemi Covid-19.")
    assert found == {"health": ["penanganan pandemi Covid-19"]}
    found = areas(CONTEXT + "Kedua negara meneken MoU kerja sama industri pertahanan.")
    assert found == {"defence": ["kerja sama industri pertahanan"]}


def test_a_condition_ends_the_reach_of_an_agreement():
    found = areas(
        CONTEXT + "Ia sepakat, asalkan pengembangan panas bumi dapat diintegrasikan dengan sektor hilir seperti industri semen."
    )
    assert found == {}


# --- wave 6: the language of agreements and priorities in general --------------------------
# Sentences written for these tests, phrased unlike the tune articles.

MEETING = "Presiden RI bertemu Perdana Menteri Jepang dalam pertemuan bilateral. "


def test_a_cooperation_verb_and_its_object_frame_as_the_clauses_predicate():
    found = areas(MEETING + "Kedua negara memperluas kerja sama di sektor perikanan dan pariwisata.")
    assert found == {"maritime_security": ["perikanan"], "tourism": ["pariwisata"]}
    # a headline's root verb
    found = areas("RI-Jepang Perkuat Kerja Sama Pertahanan\n\n" + MEETING)
    assert found == {"defence": ["Kerja Sama Pertahanan"]}


def test_a_predicate_after_a_wish_call_discussion_or_an_established_relationship_frames_nothing():
    for sentence in (
        "Menlu berharap kedua negara dapat meningkatkan kerja sama di bidang pendidikan.",
        "Indonesia mengajak negara-negara ASEAN untuk memperkuat kerja sama keamanan siber.",
        "Kedua menteri membahas upaya untuk lebih memperkuat kerja sama di bidang energi.",
        "Selama ini kedua negara telah menjalin kerja sama erat di bidang pertanian.",
        "Indonesia mendorong kerja sama di bidang kesehatan.",
    ):
        assert areas(MEETING + sentence) == {}, sentence


def test_a_commitment_to_an_act_frames_the_area_it_governs():
    assert areas(MEETING + "Uni Emirat Arab berkomitmen untuk berinvestasi di Ibu Kota Nusantara.") == {
        "investment": ["berinvestasi"]
    }
    assert areas(MEETING + "Jepang berencana membiayai pembangunan MRT Jakarta fase dua.") == {
        "connectivity_infrastructure": ["MRT"]
    }
    # an attitude, not an act the party commits to
    assert areas(MEETING + "Mereka berkomitmen tetap mau impor CPO dari Indonesia.") == {}
    assert areas(MEETING + "Menlu menilai perlu berkomitmen untuk berinvestasi di sana.") == {}


def test_a_cue_ending_in_a_colon_frames_the_enumerated_lines_after_it():
    text = (
        MEETING + "Ada tiga kesepakatan yang ditandatangani, yaitu:\n\n"
        "1. Kementerian Kesehatan dan mitranya dalam produksi vaksin.\n\n"
        "2) Kerja sama beasiswa bagi mahasiswa.\n\n"
        "- Pengembangan kereta cepat.\n\n"
        "Sementara itu, pariwisata kedua negara terus tumbuh."
    )
    assert areas(text) == {
        "health": ["produksi vaksin"],
        "education": ["beasiswa"],
        "connectivity_infrastructure": ["kereta cepat"],
    }
    # no colon: the lines after the sentence are not its list
    text = MEETING + "Kedua negara telah menyepakati banyak hal.\n\n1. Pariwisata kedua negara terus tumbuh."
    assert areas(text) == {}


def test_agreement_and_priority_forms_of_the_language():
    cases = {
        "Indonesia-India Teken MoU Kesehatan": {"health": ["Kesehatan"]},
        "Prabowo dan Xi Jinping Sepakati Kerja Sama Energi Hijau": {"energy": ["Energi Hijau"]},
        "Kedua menteri menandatangani Letter of Intent (LoI) tentang pengembangan vaksin.": {"health": ["vaksin"]},
        "Kedua negara bekerja sama di bidang antariksa.": {"science_technology": ["antariksa"]},
        "Kedua pemimpin sepakat memprioritaskan ketahanan pangan.": {"food_security": ["ketahanan pangan"]},
        "Kerja sama kedua negara ke depan akan dipusatkan pada ekonomi digital.": {"digital_economy": ["ekonomi digital"]},
        "Indonesia dan Vietnam akhirnya meneken perjanjian batas laut setelah 12 tahun berunding.": {
            "maritime_security": ["batas laut"]
        },
    }
    for sentence, expected in cases.items():
        assert areas(MEETING + sentence) == expected, sentence


def test_the_area_lexicon_reads_synonyms_and_word_forms_of_each_slug():
    cases = {
        "kesepakatan tarif resiprokal": "economy_trade",
        "perjanjian dagang": "economy_trade",
        "penggunaan mata uang lokal": "economy_trade",
        "pemberantasan judi online": "transnational_crime",
        "penipuan daring": "transnational_crime",
        "impor beras": "food_security",
        "penyelenggaraan ibadah haji": "other",
        "pengembangan ekosistem baterai": "energy",
        "rehabilitasi mangrove": "environment_climate",
        "pembayaran digital": "digital_economy",
        "pengadaan kapal selam": "defence",
        "kerja sama intelijen": "defence",
        "pembangunan rumah sakit": "health",
        "riset sains": "science_technology",
        "patroli terkoordinasi": "maritime_security",
    }
    for phrase, slug in cases.items():
        found = areas(MEETING + f"Kedua negara sepakat meningkatkan kerja sama {phrase}.")
        assert slug in found, (phrase, found)


def test_a_digital_divide_inside_a_cybersecurity_guideline_is_no_digital_economy_area():
    found = areas(MEETING + "Kedua pihak sepakat meningkatkan upaya mempersempit kesenjangan digital.")
    assert "digital_economy" not in found


def test_a_business_partnership_is_no_foreign_relations():
    text = (
        "Startup itu menjalin kemitraan dengan 10 pakar teknologi dan fokus pada logistik. "
        "Kedua belah pihak sepakat bekerja sama di bidang teknologi."
    )
    assert areas(text) == {}


def test_an_industrial_estate_is_a_place_not_an_area():
    found = areas(MEETING + "Kedua perusahaan sepakat membangun terminal peti kemas di Kawasan Industri Gresik.")
    assert found == {"connectivity_infrastructure": ["terminal peti kemas"]}


def test_a_stated_readiness_to_help_frames_the_area_it_governs():
    assert areas(MEETING + "Jepang siap membantu pembangunan pelabuhan Patimban.") == {
        "connectivity_infrastructure": ["pelabuhan"]
    }


def test_a_need_wish_or_call_before_an_agreement_cue_voids_it():
    assert areas(MEETING + "Menurut Menlu, kedua negara perlu menandatangani MoU di bidang energi.") == {}
    assert areas(MEETING + "Indonesia berharap dapat sepakat soal kerja sama perikanan.") == {}
    # a document under discussion still names its area
    found = areas(MEETING + "Kedua pihak sedang membahas sebuah dokumen MoU dalam bidang kerja sama penanganan bencana.")
    assert found == {"disaster_management": ["penanganan bencana"]}


def test_a_visit_pursuing_or_launching_cooperation_frames_its_field():
    assert areas(MEETING + "Dalam lawatan itu Presiden akan mengejar kerja sama di bidang investasi.") == {
        "investment": ["investasi"]
    }
    assert areas(MEETING + "Kedua menteri meresmikan kerja sama di bidang keamanan siber.") == {
        "cybersecurity": ["keamanan siber"]
    }


def test_a_predicate_inside_a_discussion_further_back_in_its_clause_frames_nothing():
    sentence = "Keduanya membahas berbagai isu, termasuk bagaimana kedua negara dapat meningkatkan kerja sama di bidang energi."
    assert areas(MEETING + sentence) == {}


def test_a_negated_agreement_or_outcome_frames_nothing():
    for sentence in (
        "Kedua negara belum menyepakati kerja sama di bidang perikanan.",
        "Pertemuan itu tidak menghasilkan kesepakatan soal tarif.",
        "Kedua pihak gagal mencapai kesepakatan di bidang perdagangan.",
    ):
        assert areas(MEETING + sentence) == {}, sentence
    found = areas(MEETING + "Kedua negara tidak hanya sepakat meningkatkan kerja sama di bidang perdagangan.")
    assert found == {"economy_trade": ["perdagangan"]}


def test_an_opportunity_to_cooperate_is_no_plan():
    assert areas(MEETING + "Indonesia-Afghanistan berpeluang meningkatkan kerja sama industri.") == {}
    assert areas(MEETING + "Kedua negara berpotensi menandatangani MoU di bidang energi.") == {}


def test_a_humanitarian_catastrophe_is_no_disaster_management_area():
    assert areas(MEETING + "Kedua pemimpin sepakat bahwa perang itu adalah bencana kemanusiaan.") == {}
    assert areas(MEETING + "Kedua negara sepakat menambah kuota haji.") == {"other": ["kuota haji"]}


def test_an_agreement_with_a_foreign_party_frames_without_a_diplomatic_word():
    text = "Indonesia dan Brasil menandatangani nota kesepahaman (MoU) di bidang energi terbarukan di Rio de Janeiro."
    assert areas(text) == {"energy": ["energi terbarukan"]}
    text = "Indonesia sepakat membeli 11 unit pesawat tempur Sukhoi SU-35 melalui skema imbal beli dengan Rusia."
    assert areas(text) == {"defence": ["pesawat tempur"]}
    # a currency names no party, and one party's focus is no act between parties
    assert areas("Pemerintah sepakat memfokuskan investasi senilai 2 miliar dolar AS pada sektor energi.") == {}
    assert areas("Pertamina akan fokus mengembangkan energi panas bumi seperti Total dari Prancis.") == {}


def test_a_demonstrative_then_fillers_then_a_scope_word_frames_again():
    text = CONTEXT + "Kesepakatan itu antara lain mencakup pembebasan visa bagi pemegang paspor diplomatik."
    assert areas(text) == {"other": ["pembebasan visa"]}
    assert areas(CONTEXT + "Kesepakatan itu antara lain akan dibahas lagi, termasuk soal visa.") == {}


def test_a_counted_agreement_announces_the_ordinal_items_after_it():
    text = CONTEXT + (
        "Dalam pertemuan tersebut, kedua negara menyepakati tiga hal. Pertama, kerja sama perdagangan. "
        "Kedua, investasi di sektor hilirisasi. Ketiga, pertukaran pelajar."
    )
    assert areas(text) == {
        "economy_trade": ["kerja sama perdagangan", "hilirisasi"],
        "investment": ["investasi"],
        "education": ["pertukaran pelajar"],
    }
    # "Kedua negara" opens no item: both states, no enumerator
    text = CONTEXT + "Kedua negara menyepakati tiga hal. Kedua negara juga membahas kerja sama energi."
    assert areas(text) == {}


def test_area_words_of_current_news():
    assert area_slug("usaha kecil") == area_slug("pelaku usaha") == "economy_trade"
    assert area_slug("pusat data") == "digital_economy"
    assert area_slug("pelindungan data pribadi") == "cybersecurity"
    assert area_slug("sepak bola") == area_slug("olahraga") == "culture_people"
    found = areas(CONTEXT + "Fokus pertemuan ini adalah untuk pengembangan produk usaha kecil dan pertanian.")
    assert found == {"economy_trade": ["usaha kecil"], "food_security": ["pertanian"]}


def test_a_meetings_or_a_cooperations_purpose_frames_its_area():
    found = areas(CONTEXT + "Kunjungan kerja Presiden ke Abu Dhabi bertujuan menjemput investasi.")
    assert found == {"investment": ["investasi"]}
    found = areas(CONTEXT + "Kerja sama kedua negara akan diarahkan pada pengembangan energi terbarukan.")
    assert found == {"energy": ["energi terbarukan"]}
    found = areas(CONTEXT + "Tujuan kunjungan tersebut adalah meningkatkan investasi dan perdagangan kedua negara.")
    assert found == {"investment": ["investasi"], "economy_trade": ["perdagangan"]}
    # a program's aim, and a purpose that is a discussion, frame nothing
    assert areas(CONTEXT + "Program beasiswa itu bertujuan memajukan pendidikan di Indonesia.") == {}
    text = CONTEXT + "Tujuan pertemuan tersebut adalah membahas peningkatan kerja sama khususnya di bidang ekonomi."
    assert areas(text) == {}


def test_a_demonstrative_after_a_meeting_noun_points_at_the_meeting():
    text = CONTEXT + "Hasil kunjungan itu antara lain komitmen investasi senilai 10 miliar dolar AS."
    assert areas(text) == {"investment": ["investasi"]}
    assert areas(CONTEXT + "Usulan prioritas kerja sama tersebut, termasuk energi, akan dikaji.") == {}


def test_a_main_aim_frames_only_a_meetings_or_a_cooperations_aim():
    found = areas(CONTEXT + "\"Tujuan utamanya perkuat kerja sama ekonomi. Khususnya mengembangkan pasar,\" tuturnya.")
    assert found == {"economy_trade": ["kerja sama ekonomi"]}
    text = CONTEXT + "Salah satu tujuan utama organisasi itu adalah melindungi hak asasi manusia warga Korea Utara."
    assert areas(text) == {}


def test_an_english_title_ending_in_its_document_noun_names_its_area():
    text = CONTEXT + "Sementara itu, Defence Cooperation Agreement (DCA) Indonesia-Singapura akan diratifikasi DPR."
    assert areas(text) == {"defence": ["Defence"]}
    # an office named after the agreement it negotiates is no title
    text = CONTEXT + "Ketua Tim Perunding Indonesia-Australia Comprehensive Economic Partnership Agreement Deddy Saleh hadir."
    assert areas(text) == {}


def test_digital_and_blue_economy_cooperation_is_not_read_as_economy():
    text = "Kedua negara menyepakati kerja sama ekonomi digital dan ekonomi biru."
    assert areas(text) == {"digital_economy": ["kerja sama ekonomi digital"], "environment_climate": ["ekonomi biru"]}
    assert areas("Kedua negara sepakat memperkuat kerja sama ekonomi.") == {"economy_trade": ["kerja sama ekonomi"]}


def test_prime_minister_and_the_two_leaders_speak_of_foreign_relations():
    text = "Presiden Prabowo bertemu PM Albanese. Kedua pemimpin sepakat memperkuat kerja sama di bidang pertanian."
    assert areas(text) == {"food_security": ["pertanian"]}
    # no word of foreign relations and no foreign party: still nothing
    assert areas("Presiden Prabowo bertemu Albanese. Keduanya sepakat memperkuat kerja sama di bidang pertanian.") == {}


def test_an_understanding_reached_with_a_foreign_state_is_an_agreement():
    assert areas("Indonesia dan Jepang mencapai kesepahaman di bidang energi.") == {"energy": ["energi"]}


def test_agreement_named_after_its_parties_names_its_area():
    assert areas("Kedua negara sepakat menyelesaikan perundingan IA-CEPA.") == {"economy_trade": ["IA-CEPA"]}
    assert areas("Kedua negara membahas IA-CEPA.") == {}
    assert areas("Kedua negara sepakat menyelesaikan perundingan Non-Blok.") == {}


def test_parties_referred_back_to_after_a_foreign_act_frame_their_agreement():
    text = (
        "Menteri Perdagangan Jepang bertemu Menteri Perdagangan Budi Santoso di Jakarta. "
        "Keduanya sepakat memperkuat kerja sama di bidang otomotif."
    )
    assert areas(text) == {"economy_trade": ["otomotif"]}
    # no earlier sentence naming a foreign party in an act: the anaphor opens nothing
    assert areas("Perusahaan itu fokus pada ekspor. Keduanya sepakat memperkuat kerja sama di bidang otomotif.") == {}
    # the anaphor before the act with the foreign party opens nothing either
    text = (
        "Keduanya sepakat memperkuat kerja sama di bidang otomotif. "
        "Menteri Perdagangan Jepang bertemu Menteri Perdagangan Budi Santoso di Jakarta."
    )
    assert areas(text) == {}


def test_discussion_before_a_purpose_voids_the_commitment():
    assert areas("Kedua negara mendiskusikan langkah konkret untuk memperkuat kerja sama kesehatan.") == {}
    assert areas("Keduanya membicarakan upaya untuk meningkatkan kerja sama perdagangan.") == {}
    assert areas("Kedua negara berkomitmen untuk memperkuat kerja sama kesehatan.") == {"health": ["kesehatan"]}


def test_cooperation_established_since_is_a_relationship_not_a_plan():
    assert areas("Indonesia dan Jepang telah menjalin kerja sama di bidang ekonomi sejak lama.") == {}
    assert areas("Kedua negara memperkuat kerja sama di bidang energi.") == {"energy": ["energi"]}
    # an agreement still frames, whatever the relationship's age
    text = "Kedua negara sepakat memperkuat kerja sama di bidang energi yang terjalin sejak 1990."
    assert areas(text) == {"energy": ["energi"]}


def test_english_field_phrase_is_no_office_name():
    text = "Indonesia dan Korea Selatan menandatangani MoU on Cooperation in the Field of Renewable Energy."
    assert areas(text) == {"energy": ["Renewable Energy"]}
    assert areas("Kedua negara sepakat bekerja sama dengan Ministry of Energy.") == {}


def test_english_and_further_indonesian_area_words():
    text = "Kedua negara sepakat memperluas kerja sama di bidang geothermal, healthcare dan higher education."
    assert areas(text) == {"energy": ["geothermal"], "health": ["healthcare"], "education": ["higher education"]}


def test_list_items_joined_by_a_longer_run_of_joiners():
    text = (
        "Kedua negara menyepakati sejumlah hal, termasuk peningkatan kerja sama dalam bidang energi terbarukan, "
        "ketahanan pangan dan penguatan kerja sama di sektor kesehatan."
    )
    assert areas(text) == {
        "energy": ["energi terbarukan"],
        "food_security": ["ketahanan pangan"],
        "health": ["kesehatan"],
    }
    # a clause break ends the list
    text = "Kedua negara menyepakati kerja sama dalam bidang energi terbarukan; dan penguatan kerja sama di sektor kesehatan."
    assert areas(text) == {"energy": ["energi terbarukan"]}


def test_a_process_noun_may_head_the_next_item_of_a_list():
    text = "Menlu kedua negara sepakat meningkatkan kerja sama di bidang energi, investasi, dan penyelenggaraan umrah."
    assert areas(text) == {"energy": ["energi"], "investment": ["investasi"], "other": ["umrah"]}
    # a discussion word is no item head: the list ends
    text = "Menlu kedua negara sepakat meningkatkan kerja sama perdagangan dan pembahasan isu keamanan maritim."
    assert areas(text) == {"economy_trade": ["kerja sama perdagangan"]}


def test_a_commitment_verb_governing_the_area_itself_frames_it():
    text = "Dalam kunjungan itu, kedua negara berkomitmen meningkatkan perdagangan bilateral dan investasi."
    assert areas(text) == {"economy_trade": ["perdagangan"], "investment": ["investasi"]}
    # a bare commitment before another verb still frames nothing
    assert areas("Kedua negara berkomitmen tetap mau impor CPO.") == {}
    # a call before the commitment voids it
    assert areas("Menlu mengajak kedua negara berkomitmen meningkatkan perdagangan.") == {}


def test_a_planned_passive_after_the_area_frames_it():
    text = "Menlu RI bertemu Menlu Jepang. Kerja sama di bidang perdagangan dan investasi juga akan ditingkatkan."
    assert areas(text) == {"economy_trade": ["perdagangan"], "investment": ["investasi"]}
    # a need is no plan
    assert areas("Menlu RI bertemu Menlu Jepang. Kerja sama perdagangan perlu ditingkatkan.") == {}
    # nor is a wish before the area
    assert areas("Menlu RI bertemu Menlu Jepang. Menlu berharap kerja sama pendidikan akan ditingkatkan.") == {}


def test_foreign_relations_named_by_delegations_and_groups_of_states():
    text = "Kedua delegasi menyepakati kerja sama maritim."
    assert areas(text) == {"maritime_security": ["kerja sama maritim"]}
    text = "Pemerintah memprioritaskan kerja sama ketahanan pangan dengan negara-negara Afrika."
    assert areas(text) == {"food_security": ["ketahanan pangan"]}
    # a visit in the -nya form is an act with the foreign state it names
    text = "Presiden menegaskan bahwa peningkatan perdagangan dan investasi menjadi prioritas kunjungannya ke Brasil."
    assert areas(text) == {"economy_trade": ["perdagangan"], "investment": ["investasi"]}
    # a company's strategic partnership is no foreign relation
    assert areas("Grab menjalin kemitraan strategis dengan PT KAI untuk fokus pada transportasi.") == {}


def test_exchanged_cooperation_documents_frame_their_fields():
    text = (
        "Kedua kepala negara menyaksikan pertukaran 10 dokumen kerja sama, antara lain di bidang pertanian, "
        "kesehatan, dan ekonomi kreatif."
    )
    assert areas(text) == {"food_security": ["pertanian"], "health": ["kesehatan"], "economy_trade": ["ekonomi kreatif"]}


def test_readiness_to_cooperate_and_further_cooperation_verbs_frame():
    text = "Menlu RI bertemu Menlu Jepang. Indonesia siap bekerja sama dengan Jepang dalam pengembangan energi hijau."
    assert areas(text) == {"energy": ["energi hijau"]}
    text = "Menlu RI bertemu Menlu Jepang. Kedua negara memperpanjang kerja sama di bidang pendidikan tinggi."
    assert areas(text) == {"education": ["pendidikan tinggi"]}
    text = "Menlu RI bertemu Menlu Jepang. Kedua negara memacu sinergi di sektor ekonomi digital."
    assert areas(text) == {"digital_economy": ["ekonomi digital"]}


def test_a_predicate_marker_a_few_words_before_the_area_extends_the_reach():
    text = (
        "Menlu RI bertemu Menlu Jepang. Menurut Menlu, salah satu fokus utama Indonesia dalam keketuaan ASEAN "
        "tahun ini adalah memperkuat ketahanan kesehatan kawasan."
    )
    assert areas(text) == {"health": ["ketahanan kesehatan"]}
    # a discussion word between the marker and the area still ends the reach
    text = (
        "Menlu RI bertemu Menlu Jepang. Salah satu fokus utama Indonesia dalam keketuaan ASEAN tahun ini "
        "adalah membahas ketahanan kesehatan kawasan."
    )
    assert areas(text) == {}


def test_a_commitment_in_the_nya_form_frames_like_its_head():
    text = "Menlu RI bertemu Menlu Jepang. Jepang menyatakan komitmennya untuk mendukung program makan bergizi gratis."
    assert areas(text) == {"food_security": ["makan bergizi gratis"]}


def test_a_verb_of_one_area_frames_that_area_only():
    text = "Menlu RI bertemu Menlu UEA. Presiden bertolak ke Abu Dhabi untuk menjemput investasi senilai 20 miliar dolar AS."
    assert areas(text) == {"investment": ["investasi"]}
    assert areas("Menlu RI bertemu Menlu UEA. KBRI menjemput WNI di bandara.") == {}
    assert areas("Menlu RI bertemu Menlu UEA. Jokowi ke Abu Dhabi Jemput Investasi") == {"investment": ["Investasi"]}


def test_a_joint_commission_speaks_of_foreign_relations():
    text = "Pertemuan Komisi Bersama itu menyepakati lima bidang prioritas, yakni perdagangan, investasi, dan energi."
    assert areas(text) == {"economy_trade": ["perdagangan"], "investment": ["investasi"], "energy": ["energi"]}
