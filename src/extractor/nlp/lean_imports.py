"""Importing torch, Stanza and spaCy without the parts of them that extraction never runs.

The three libraries import, at ``import`` time, code that only some of their own entry points use:

- ``import torch`` (2.13) runs ``torch._meta_registrations``, the Python kernels of the ``meta``
  device that ``torch.compile``, ``torch.export`` and fake tensors infer shapes with, and
  ``torch.export`` itself: together about a third of torch's import, none of it used by CPU
  inference in eager mode. Here torch is imported without running them, and ``torch.distributions``
  is loaded lazily. The first time anything later imports a torch module that is not loaded yet
  (``import torch._dynamo``, ``torch.compile``, a fake tensor), or uses a name of ``torch.export`` or
  ``torch.distributions``, the rest of torch's import runs first, in torch's own order, so that
  those features work as usual (:func:`complete_torch_import`). Only the few modules that tokenize
  and NER inference import on first use (:data:`TORCH_INFERENCE_MODULES`) load without it. Another
  torch version is imported as usual.

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

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import re
import sys
import threading
import types
from contextlib import contextmanager
from typing import Callable, Iterator, Optional

# Modules Stanza imports at import time that the tokenize and NER processors never use.
# (networkx: parse graphs; emoji: the language-id processor; requests: model downloads.)
STANZA_LAZY_MODULES = frozenset({"networkx", "emoji", "requests"})


class _DeferredLoader(importlib.abc.Loader):
    """Runs a module's code on the first access to an attribute that its code defines.

    Unlike :class:`importlib.util.LazyLoader`, the attributes the import system sets
    (``__spec__``, ``__file__``, ``__path__``, ...) do not trigger it: importing the module a second
    time, or ``inspect.getmodule`` walking ``sys.modules``, leaves it unloaded. ``on_first_use``
    (default: :meth:`run`) is called with the module at that first access.
    """

    def __init__(self, loader: importlib.abc.Loader, on_first_use: Optional[Callable[[types.ModuleType], None]] = None):
        self.loader = loader
        self.lock = threading.RLock()
        self.on_first_use = on_first_use or self.run

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        def load_on_first_use(name: str):
            if self.pending(module):
                self.on_first_use(module)
                self.run(module)
            return getattr(module, name)

        self.trigger = load_on_first_use
        module.__getattr__ = load_on_first_use  # module-level __getattr__: only for missing names

    def pending(self, module: types.ModuleType) -> bool:
        """Whether the module's code has not run yet."""
        trigger = getattr(self, "trigger", None)
        return trigger is not None and module.__dict__.get("__getattr__") is trigger

    def run(self, module: types.ModuleType) -> None:
        """Run the module's code now, if it has not run yet."""
        with self.lock:
            if self.pending(module):
                del module.__dict__["__getattr__"]
                self.loader.exec_module(module)


def deferred(module: types.ModuleType) -> bool:
    """Whether ``module`` was imported lazily and its code has not run yet."""
    loader = getattr(getattr(module, "__spec__", None), "loader", None)
    return isinstance(loader, _DeferredLoader) and loader.pending(module)


class _LazyModules(importlib.abc.MetaPathFinder):
    """Finds ``names`` as the other finders do, but defers running their code to first use."""

    def __init__(self, names: frozenset[str], on_first_use: Optional[Callable[[types.ModuleType], None]] = None):
        self.names = names
        self.on_first_use = on_first_use

    def find_spec(self, name, path, target=None):
        if name not in self.names:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        spec.loader = _DeferredLoader(spec.loader, self.on_first_use)
        return spec


@contextmanager
def lazy_modules(names: frozenset[str], on_first_use: Optional[Callable[[types.ModuleType], None]] = None) -> Iterator[None]:
    """While the block runs, the first import of each of ``names`` gives a lazily loaded module
    (``on_first_use``: see :class:`_DeferredLoader`)."""
    finder = _LazyModules(frozenset(name for name in names if name not in sys.modules), on_first_use)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


# torch: what its import runs that CPU inference never uses (checked on these versions only).
TORCH_LEAN_VERSIONS = ("2.13.",)
TORCH_META_REGISTRATIONS = "torch._meta_registrations"  # left out; runs when completed
TORCH_LAZY_MODULES = ("torch.distributions", "torch.export")  # in the order torch imports them
# torch modules that tokenize and NER inference import on first use, after torch's import: they
# need nothing that was left out, so they load without completing it (torch.load, the DataLoader's
# profiler hook, printing a tensor).
TORCH_INFERENCE_MODULES = frozenset({
    "torch.utils.serialization",
    "torch.utils.serialization.config",
    "torch.profiler._cupti_monitor",
    "torch._subclasses.schema_check_mode",
})

_torch_lock = threading.RLock()


class _ExistingModule(importlib.abc.Loader):
    """Hands the import system a module that is already in ``sys.modules``, as it was."""

    def __init__(self, module: types.ModuleType):
        self.module = module
        self.spec = module.__spec__

    def create_module(self, spec):
        return self.module

    def exec_module(self, module: types.ModuleType) -> None:
        module.__spec__ = self.spec


class _TorchCompletion(importlib.abc.MetaPathFinder):
    """Completes torch's import before the first import of a torch module that is not loaded yet."""

    def find_spec(self, name, path, target=None):
        if not name.startswith("torch.") or name in sys.modules or name in TORCH_INFERENCE_MODULES:
            return None
        complete_torch_import()
        module = sys.modules.get(name)
        if module is None or getattr(module, "__spec__", None) is None:
            return None  # the other finders find it, as usual
        # Completing imported it: give the import system that module, not a second copy.
        return importlib.machinery.ModuleSpec(name, _ExistingModule(module), origin=module.__spec__.origin)


_completion = _TorchCompletion()


def torch_import_complete() -> bool:
    """False while torch is imported without the parts :func:`import_torch` leaves out."""
    return _completion not in sys.meta_path


def complete_torch_import() -> None:
    """Run what :func:`import_torch` left out of torch's import (the lazy modules, then the meta
    registrations), in torch's order; nothing if nothing was left out."""
    with _torch_lock:
        if _completion not in sys.meta_path:
            return
        sys.meta_path.remove(_completion)
        for name in TORCH_LAZY_MODULES:
            module = sys.modules.get(name)
            if module is not None and deferred(module):
                module.__spec__.loader.run(module)
        importlib.import_module(TORCH_META_REGISTRATIONS)


def _installed_torch_version() -> Optional[str]:
    """torch's version from its ``version.py``, read without importing torch."""
    spec = importlib.util.find_spec("torch")
    if spec is None or not spec.submodule_search_locations:
        return None
    try:
        with open(f"{list(spec.submodule_search_locations)[0]}/version.py", encoding="utf-8") as handle:
            found = re.search(r"^__version__\s*=\s*['\"]([^'\"]+)['\"]", handle.read(), re.MULTILINE)
    except OSError:
        return None
    return found.group(1) if found else None


def import_torch() -> types.ModuleType:
    """``import torch`` without its meta-device kernels and ``torch.export`` (see the module's
    docstring); as usual where torch is already imported or is not a version checked here."""
    with _torch_lock:
        if "torch" in sys.modules or TORCH_META_REGISTRATIONS in sys.modules:
            import torch

            return torch
        version = _installed_torch_version()
        if version is None or not version.startswith(TORCH_LEAN_VERSIONS):
            import torch

            return torch
        stand_in = types.ModuleType(TORCH_META_REGISTRATIONS)
        sys.modules[TORCH_META_REGISTRATIONS] = stand_in  # torch's `from torch import _meta_registrations`
        try:
            with lazy_modules(frozenset(TORCH_LAZY_MODULES), on_first_use=lambda module: complete_torch_import()):
                import torch
            sys.meta_path.insert(0, _completion)
        finally:
            if sys.modules.get(TORCH_META_REGISTRATIONS) is stand_in:
                del sys.modules[TORCH_META_REGISTRATIONS]
            package = sys.modules.get("torch")
            if package is not None and package.__dict__.get("_meta_registrations") is stand_in:
                del package._meta_registrations
        return torch


def import_stanza() -> types.ModuleType:
    """``import stanza`` without importing IPython and with ``networkx`` loaded lazily; inside
    IPython, IPython is already loaded and found as usual."""
    import_torch()
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
    """``import spacy`` without importing the ``spacy`` command line (``spacy.cli``); torch (which
    thinc imports) as :func:`import_torch` imports it."""
    import_torch()
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
