"""Resource files: found in resources/id (or another folder), each checked against its schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from extractor.resource_data import (
    PACKAGE_RESOURCES,
    RESOURCES_ENV,
    ResourceError,
    load_resource,
    resource_dir,
    use_resources,
    validate_resource,
)
from extractor.resource_schemas import SCHEMAS


@pytest.fixture
def resource_copy(tmp_path: Path):
    folder = tmp_path / "id"
    shutil.copytree(PACKAGE_RESOURCES, folder)
    yield folder
    use_resources(None)


def edit(folder: Path, name: str, change) -> None:
    path = folder / name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_every_shipped_file_has_a_schema_and_fits_it():
    names = {path.name for path in PACKAGE_RESOURCES.glob("*.json")}
    assert names == set(SCHEMAS)
    for name in sorted(names):
        assert load_resource(name)


def test_a_misspelt_flag_names_the_file_and_the_entry():
    data = json.loads((PACKAGE_RESOURCES / "events.json").read_text(encoding="utf-8"))
    data["heads"]["rapat"]["named_onyl"] = True
    with pytest.raises(ResourceError, match=r"events\.json: heads\.rapat\.named_onyl: unknown key"):
        validate_resource("events.json", data, "events.json")


def test_a_missing_field_and_a_wrong_value_are_errors():
    data = json.loads((PACKAGE_RESOURCES / "titles.json").read_text(encoding="utf-8"))
    del data["ministries"][0]["organization"]
    data["titles"][0]["forms"] = "Menlu"
    with pytest.raises(ResourceError) as error:
        validate_resource("titles.json", data, "titles.json")
    message = str(error.value)
    assert "ministries[0]" in message and ".organization: Field required" in message
    assert "titles[0]" in message and ".forms:" in message


def test_an_unknown_event_type_is_an_error():
    data = json.loads((PACKAGE_RESOURCES / "events.json").read_text(encoding="utf-8"))
    data["verbs"]["bertemu"]["type"] = "meting"
    with pytest.raises(ResourceError, match=r"verbs\.bertemu\.type"):
        validate_resource("events.json", data, "events.json")


def test_comments_are_allowed_anywhere():
    data = json.loads((PACKAGE_RESOURCES / "dates.json").read_text(encoding="utf-8"))
    data["_comment_new"] = "a note"
    data["calendar_nouns"]["_comment"] = "another"
    validate_resource("dates.json", data, "dates.json")


def test_the_environment_names_another_folder(resource_copy: Path, monkeypatch):
    monkeypatch.setenv(RESOURCES_ENV, str(resource_copy))
    use_resources(None)
    assert resource_dir() == resource_copy
    monkeypatch.delenv(RESOURCES_ENV)
    use_resources(None)
    assert resource_dir() == PACKAGE_RESOURCES


def test_a_bad_file_in_another_folder_fails_at_load(resource_copy: Path):
    edit(resource_copy, "countries.json", lambda data: data.update(countrys={}))
    use_resources(resource_copy)
    with pytest.raises(ResourceError, match=r"countries\.json: countrys: unknown key"):
        load_resource("countries.json")
    with pytest.raises(ResourceError, match="does not exist"):
        use_resources(resource_copy / "missing")


def test_extractor_reads_the_resources_it_is_given(resource_copy: Path):
    from extractor.core import Extractor

    text = "Menteri Luar Negeri Retno Marsudi bersua Menteri Luar Negeri Rusia Sergey Lavrov di Jakarta, Rabu."
    assert not Extractor(warm_up=False).extract(text, published="2017-08-09").events
    edit(resource_copy, "events.json", lambda data: data["verbs"].update(bersua={"type": "meeting"}))
    extractor = Extractor(resources=resource_copy, warm_up=False)
    assert extractor.resources == resource_copy
    events = extractor.extract(text, published="2017-08-09").events
    assert [(e.type.value, e.mentions[0].text) for e in events] == [("meeting", "bersua")]
    assert not Extractor(warm_up=False).extract(text, published="2017-08-09").events


def test_docs_extending_examples_work(resource_copy: Path):
    """The priority-area phrase and framing cue of docs/extending.md, applied to a copy."""
    from extractor.extractors.priority_areas import extract_priority_areas

    from conftest import make_context

    def areas(text: str) -> list[tuple[str, str]]:
        context = make_context(text)
        return [(a.area.value, a.mentions[0].text) for a in extract_priority_areas(context.doc, context)]

    phrase = "Kunjungan kenegaraan Presiden ke Singapura menghasilkan kesepakatan kerja sama di bidang pendidikan dan biodiesel."
    cue = "Dalam kunjungan kenegaraan ke Singapura, Presiden menekankan kerja sama di bidang pendidikan."
    assert areas(phrase) == [("education", "pendidikan")] and areas(cue) == []

    def change(data):
        data["areas"]["energy"].append("biodiesel")
        data["cues"].append("menekankan")

    edit(resource_copy, "priority_areas.json", change)
    use_resources(resource_copy)
    assert areas(phrase) == [("energy", "biodiesel"), ("education", "pendidikan")]
    assert areas(cue) == [("education", "pendidikan")]
