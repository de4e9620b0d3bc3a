"""Surface strings as values."""

from extractor.normalize.text import collapse_spaces


def test_collapse_spaces():
    assert collapse_spaces(" Retno\u00a0 L.P.\nMarsudi ") == "Retno L.P. Marsudi"
    assert collapse_spaces("") == ""
