"""Stanza and spaCy imported without the parts extraction never runs (each check in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def _run(code: str) -> dict:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_spacy_without_its_command_line_then_the_real_one_on_demand():
    seen = _run(
        "import json, sys\n"
        "from extractor.nlp.lean_imports import import_spacy\n"
        "spacy = import_spacy()\n"
        "before = {'cli': 'spacy.cli' in sys.modules, 'weasel': 'weasel' in sys.modules, 'typer': 'typer' in sys.modules}\n"
        "doc = spacy.blank('id')('Menteri Luar Negeri tiba')\n"
        "import spacy.cli\n"
        "from spacy.cli.download import download\n"
        "print(json.dumps({'before': before, 'tokens': len(doc), 'cli': spacy.cli.__file__,\n"
        "                  'info': callable(spacy.info), 'download': callable(download)}))\n"
    )
    assert seen["before"] == {"cli": False, "weasel": False, "typer": False}
    assert seen["tokens"] == 4
    assert seen["cli"].endswith("spacy/cli/__init__.py")  # the real package, imported when asked for
    assert seen["info"] and seen["download"]


def test_spacy_info_works_through_the_stand_in():
    seen = _run(
        "import json\n"
        "from extractor.nlp.lean_imports import import_spacy\n"
        "spacy = import_spacy()\n"
        "print(json.dumps(spacy.info(silent=True)['spacy_version']))\n"
    )
    import spacy

    assert seen == spacy.__version__


def test_stanza_without_running_networkx_until_used():
    seen = _run(
        "import json, sys, inspect\n"
        "from extractor.nlp.lean_imports import import_stanza\n"
        "stanza = import_stanza()\n"
        "import networkx\n"  # a second import, and a walk over sys.modules, leave it unloaded
        "inspect.getmodule(json.dumps)\n"
        "loaded = 'networkx.classes' in sys.modules\n"
        "ipython = 'IPython' in sys.modules\n"
        "graph = networkx.MultiDiGraph()\n"
        "graph.add_edge(1, 2)\n"
        "from stanza.models.common.doc import Document\n"
        "print(json.dumps({'loaded_before_use': loaded, 'ipython': ipython, 'edges': graph.number_of_edges(),\n"
        "                  'document': Document.__name__}))\n"
    )
    assert seen == {"loaded_before_use": False, "ipython": False, "edges": 1, "document": "Document"}


@pytest.mark.parametrize("module", ["spacy", "stanza"])
def test_an_already_imported_library_is_left_alone(module: str):
    seen = _run(
        "import json, sys\n"
        f"import {module}\n"
        "first = sys.modules[" + repr(module) + "]\n"
        "from extractor.nlp import lean_imports\n"
        f"again = lean_imports.import_{module}()\n"
        "print(json.dumps(again is first))\n"
    )
    assert seen is True
