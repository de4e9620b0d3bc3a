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


# The operator registrations of a fresh interpreter, per dispatch key: those CPU inference runs on
# (CPU, quantized CPU, composite, autograd) and the meta device's; `kept` leaves out the operators
# that the left-out modules define for the compiler (namespaces prims, debugprims, rngprims, export).
_REGISTRATIONS = (
    "import hashlib\n"
    "def registrations(torch, kept=False):\n"
    "    keys = ('CPU', 'QuantizedCPU', 'CompositeImplicitAutograd', 'CompositeExplicitAutograd', 'Autograd', 'Meta')\n"
    "    left_out = ('prims::', 'debugprims::', 'rngprims::', 'export::') if kept else ()\n"
    "    def ops(key):\n"
    "        return sorted(op for op in torch._C._dispatch_get_registrations_for_dispatch_key(key) if not op.startswith(left_out))\n"
    "    return {key: hashlib.sha256('\\n'.join(ops(key)).encode()).hexdigest() for key in keys}\n"
)


@pytest.fixture(scope="module")
def stock_torch_registrations() -> dict:
    return _run(_REGISTRATIONS + "import json, torch\n"
                "print(json.dumps({'all': registrations(torch), 'kept': registrations(torch, kept=True)}))\n")


def test_torch_without_meta_kernels_and_export_with_the_same_cpu_kernels(stock_torch_registrations):
    seen = _run(
        _REGISTRATIONS
        + "import json, sys\n"
        "from extractor.nlp import lean_imports\n"
        "torch = lean_imports.import_torch()\n"
        "for name in sorted(lean_imports.TORCH_INFERENCE_MODULES):\n"  # what inference imports later
        "    __import__(name)\n"
        "lstm = torch.nn.LSTM(4, 3, batch_first=True)\n"
        "quantized = torch.ao.quantization.quantize_dynamic(lstm, {torch.nn.LSTM}, dtype=torch.qint8)\n"
        "output, _ = quantized(torch.ones(1, 2, 4))\n"
        "print(json.dumps({'registrations': registrations(torch, kept=True), 'complete': lean_imports.torch_import_complete(),\n"
        "                  'meta': 'torch._meta_registrations' in sys.modules, 'decomp': 'torch._decomp' in sys.modules,\n"
        "                  'export': lean_imports.deferred(sys.modules['torch.export']),\n"
        "                  'distributions': lean_imports.deferred(sys.modules['torch.distributions']),\n"
        "                  'shape': list(output.shape)}))\n"
    )
    assert seen["complete"] is False and seen["meta"] is False and seen["decomp"] is False
    assert seen["export"] is True and seen["distributions"] is True
    assert seen["shape"] == [1, 2, 3]
    for key, digest in stock_torch_registrations["kept"].items():
        if key != "Meta":  # the kernels eager CPU code runs are torch's own
            assert seen["registrations"][key] == digest, key
    assert seen["registrations"]["Meta"] != stock_torch_registrations["kept"]["Meta"]


@pytest.mark.parametrize(
    "first_use",
    [
        "import torch._dynamo",  # a torch module not loaded yet (in another order: a circular import)
        "torch.distributions.Normal(0.0, 1.0).log_prob(torch.tensor(0.0))",
        "from torch._subclasses.fake_tensor import FakeTensorMode\n"
        "with FakeTensorMode():\n"
        "    assert torch.nn.functional.pad(torch.empty(2, 3), (1, 1)).shape == (2, 5)",
    ],
)
def test_torch_import_completes_before_a_left_out_part_is_used(first_use: str):
    stock = _run(_REGISTRATIONS + "import json, torch\n" + first_use + "\nprint(json.dumps(registrations(torch)))\n")
    seen = _run(
        _REGISTRATIONS
        + "import json, sys\n"
        "from extractor.nlp import lean_imports\n"
        "torch = lean_imports.import_torch()\n"
        "before = lean_imports.torch_import_complete()\n"
        + first_use + "\n"
        "print(json.dumps({'before': before, 'after': lean_imports.torch_import_complete(),\n"
        "                  'registrations': registrations(torch),\n"
        "                  'lazy_left': [n for n in lean_imports.TORCH_LAZY_MODULES if lean_imports.deferred(sys.modules[n])]}))\n"
    )
    assert seen["before"] is False and seen["after"] is True
    assert seen["lazy_left"] == []
    assert seen["registrations"] == stock  # every kernel, meta included, as after torch's whole import


def test_extraction_imports_torch_lean():
    seen = _run(
        "import json, sys\n"
        "from extractor.nlp import lean_imports\n"
        "lean_imports.import_spacy()\n"
        "lean_imports.import_stanza()\n"
        "print(json.dumps([lean_imports.torch_import_complete(), 'torch._meta_registrations' in sys.modules]))\n"
    )
    assert seen == [False, False]


def test_torch_already_imported_is_left_alone():
    seen = _run(
        "import json, sys, torch\n"
        "from extractor.nlp import lean_imports\n"
        "again = lean_imports.import_torch()\n"
        "print(json.dumps([again is torch, lean_imports.torch_import_complete(), 'torch._meta_registrations' in sys.modules]))\n"
    )
    assert seen == [True, True, True]


def test_other_torch_versions_import_as_usual():
    from extractor.nlp import lean_imports

    assert lean_imports._installed_torch_version().startswith(lean_imports.TORCH_LEAN_VERSIONS)
    seen = _run(
        "import json, sys\n"
        "from extractor.nlp import lean_imports\n"
        "lean_imports.TORCH_LEAN_VERSIONS = ('0.0.',)\n"
        "lean_imports.import_torch()\n"
        "print(json.dumps([lean_imports.torch_import_complete(), 'torch._meta_registrations' in sys.modules]))\n"
    )
    assert seen == [True, True]
