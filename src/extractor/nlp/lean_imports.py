"""Importing Stanza and spaCy without the parts of them that extraction never runs.

Both libraries import, at ``import`` time, code that only some of their own entry points use:

- ``import spacy`` imports ``spacy.cli`` (the whole ``spacy`` command: typer, weasel, the
  download and training commands; about half a second) only to offer ``spacy.info``. Here the
  package is imported with a stand-in for ``spacy.cli.info`` whose ``info`` imports the real one
  when called; ``spacy.cli`` is then removed from ``sys.modules``, so that ``import spacy.cli``
  later imports the real package as usual.
- ``import stanza`` imports ``networkx`` (dependency graphs of parses, coreference), ``emoji``
  (the language-id processor), ``requests`` (model downloads; with urllib3 and charset_normalizer)
  and IPython (to learn whether it runs in a notebook; over a second). The first three are
  imported lazily (a module's code runs on first use of one of its names); IPython is not imported at all outside IPython.

Where the library is already imported (or IPython runs) nothing is changed.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import sys
import threading
import types
from contextlib import contextmanager
from typing import Iterator

# Modules Stanza imports at import time that the tokenize and NER processors never use.
# (networkx: parse graphs; emoji: the language-id processor; requests: model downloads.)
STANZA_LAZY_MODULES = frozenset({"networkx", "emoji", "requests"})


class _DeferredLoader(importlib.abc.Loader):
    """Runs a module's code on the first access to an attribute that its code defines.

    Unlike :class:`importlib.util.LazyLoader`, the attributes the import system sets
    (``__spec__``, ``__file__``, ``__path__``, ...) do not trigger it: importing the module a second
    time, or ``inspect.getmodule`` walking ``sys.modules``, leaves it unloaded.
    """

    def __init__(self, loader: importlib.abc.Loader):
        self.loader = loader
        self.lock = threading.Lock()

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        def load_on_first_use(name: str):
            with self.lock:
                if module.__dict__.get("__getattr__") is load_on_first_use:
                    del module.__dict__["__getattr__"]
                    self.loader.exec_module(module)
            return getattr(module, name)

        module.__getattr__ = load_on_first_use  # module-level __getattr__: only for missing names


class _LazyModules(importlib.abc.MetaPathFinder):
    """Finds ``names`` as the other finders do, but defers running their code to first use."""

    def __init__(self, names: frozenset[str]):
        self.names = names

    def find_spec(self, name, path, target=None):
        if name not in self.names:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        spec.loader = _DeferredLoader(spec.loader)
        return spec


@contextmanager
def lazy_modules(names: frozenset[str]) -> Iterator[None]:
    """While the block runs, the first import of each of ``names`` gives a lazily loaded module."""
    finder = _LazyModules(frozenset(name for name in names if name not in sys.modules))
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


def import_stanza() -> types.ModuleType:
    """``import stanza`` without importing IPython and with ``networkx`` loaded lazily; inside
    IPython, IPython is already loaded and found as usual."""
    if "stanza" in sys.modules or "IPython" in sys.modules:
        import stanza

        return stanza
    sys.modules["IPython"] = None  # `from IPython import ...` raises ImportError
    try:
        with lazy_modules(STANZA_LAZY_MODULES):
            import stanza
    finally:
        if "IPython" in sys.modules and sys.modules["IPython"] is None:
            del sys.modules["IPython"]
    return stanza


def import_spacy() -> types.ModuleType:
    """``import spacy`` without importing the ``spacy`` command line (``spacy.cli``)."""
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []  # a package with no submodules of its own
    info_module = types.ModuleType("spacy.cli.info")

    def info(*args, **kwargs):
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    info.__doc__ = "spacy.info: the real ``spacy.cli.info.info``, imported on first call."
    info_module.info = info
    cli.info = info_module
    sys.modules["spacy.cli"] = cli
    sys.modules["spacy.cli.info"] = info_module
    try:
        import spacy
    finally:
        for name, stand_in in (("spacy.cli.info", info_module), ("spacy.cli", cli)):
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
        package = sys.modules.get("spacy")
        if package is not None and getattr(package, "cli", None) is cli:
            del package.cli
    return spacy
