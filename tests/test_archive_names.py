"""Name keys: initials, honorifics, old spellings, known aliases; parts and variants."""

from extractor.archive.names import initials_fit, is_part, is_variant, name_key, slug


def test_forms_of_one_name_share_the_core():
    keys = [name_key(n) for n in ("Retno L.P. Marsudi", "Retno LP Marsudi", "Retno Marsudi")]
    assert {k.core for k in keys} == {("retno", "marsudi")}
    assert keys[0].initials == ("l", "p") and keys[1].initials == ("l", "p") and keys[2].initials == ()


def test_honorifics_and_old_spellings_are_set_aside():
    assert name_key("Dr. H. Luhut Binsar Pandjaitan").core == ("luhut", "binsar", "panjaitan")
    assert name_key("Tjahjo Kumolo").core == name_key("Cahjo Kumolo").core
    assert name_key("Ma'ruf Amin").core == name_key("Ma’ruf Amin").core


def test_a_known_alias_keys_as_its_person():
    jokowi = name_key("Jokowi")
    assert jokowi.core == ("joko", "widodo") and jokowi.alias_of == ("jokowi",)
    assert name_key("SBY").core == name_key("Susilo Bambang Yudhoyono").core


def test_initials_only_name_is_its_own_core():
    assert name_key("JK", resolve_aliases=False).core == ("jk",)


def test_parts_and_variants():
    assert is_part(("retno",), ("retno", "marsudi"))
    assert is_part(("luhut", "panjaitan"), ("luhut", "binsar", "panjaitan"))
    assert not is_part(("marsudi", "retno"), ("retno", "marsudi"))
    assert not is_part(("guterres",), ("guterres",))
    assert is_variant(("sergey", "lavrov"), ("sergei", "lavrov"))
    assert not is_variant(("antonio", "guterres"), ("aurelio", "guterres"))


def test_initials_must_fit_the_other_name():
    assert initials_fit(("l",), name_key("Retno L.P. Marsudi"))
    assert not initials_fit(("k",), name_key("Retno L.P. Marsudi"))


def test_slug():
    assert slug("Retno L.P. Marsudi") == "retno-l-p-marsudi"
    assert slug("Ma’ruf Amín") == "ma-ruf-amin"


def test_offices_and_ranks_written_in_front_of_a_name_are_set_aside():
    assert name_key("Menlu Retno Marsudi").core == name_key("Menteri Luar Negeri Retno Marsudi").core == ("retno", "marsudi")
    assert name_key("Kombes Pol Argo Yuwono").core == name_key("Argo Yuwono").core
    assert name_key("Dr. H. Presiden Joko Widodo").core == ("joko", "widodo")
    assert name_key("Raja Salman").core == ("salman",)
    assert name_key("Presiden").core == ("presiden",)  # a name part is always left
    assert name_key("Sri Mulyani Indrawati").core == ("sri", "mulyani", "indrawati")  # a title's word alone is no title
