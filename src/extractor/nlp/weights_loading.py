"""``torch.load(weights_only=True)`` at the speed of pickle's C unpickler.

Stanza reads every model file with ``torch.load(..., weights_only=True)``, whose unpickler is
written in Python: the shipped NER model and word vectors (vocabularies of ~24,000 words) take
about 0.6 s to read that way and 0.04 s with pickle's C unpickler. While
:func:`fast_weights_only_loads` is active, such a call is served by the C unpickler restricted to
exactly the globals that ``weights_only=True`` allows (torch's own allowlist plus any
``torch.serialization.add_safe_globals``): a file that names any other global (pickled code) is
refused by it, as by torch. Whatever the fast path cannot load, for any reason, is loaded again by
the stock ``torch.load``, so that errors and results are torch's own.
"""

from __future__ import annotations

import _compat_pickle
import os
import pickle
import types
from contextlib import contextmanager
from typing import Any, Iterator


class AllowedGlobalsUnpickler(pickle.Unpickler):
    """pickle's C unpickler that resolves only the globals ``torch.load(weights_only=True)`` allows."""

    def find_class(self, module: str, name: str) -> Any:
        from torch import _weights_only_unpickler as weights_only

        # Python 2 names, as pickle maps them for protocols < 3 (torch.save writes protocol 2)
        if (module, name) in _compat_pickle.NAME_MAPPING:
            module, name = _compat_pickle.NAME_MAPPING[(module, name)]
        elif module in _compat_pickle.IMPORT_MAPPING:
            module = _compat_pickle.IMPORT_MAPPING[module]
        path = f"{module}.{name}"
        for allowed in (weights_only._get_allowed_globals(), weights_only._get_user_allowed_globals()):
            if path in allowed:
                return allowed[path]
        raise pickle.UnpicklingError(f"{path} is not allowed in a weights-only model file")


def _load(file, **kwargs) -> Any:
    return AllowedGlobalsUnpickler(file, **kwargs).load()


# What torch.load takes as ``pickle_module``: ``load`` and ``Unpickler``.
RESTRICTED_PICKLE = types.ModuleType("extractor_weights_only_pickle")
RESTRICTED_PICKLE.Unpickler = AllowedGlobalsUnpickler
RESTRICTED_PICKLE.load = _load


@contextmanager
def fast_weights_only_loads() -> Iterator[None]:
    """While the block runs, ``torch.load(f, ..., weights_only=True)`` goes through
    :class:`AllowedGlobalsUnpickler`; other calls (``weights_only=False``, an explicit
    ``pickle_module``) and ``$TORCH_FORCE_WEIGHTS_ONLY_LOAD`` are left to torch."""
    import torch

    if os.environ.get("TORCH_FORCE_WEIGHTS_ONLY_LOAD", "0").lower() not in ("", "0", "false"):
        yield
        return
    stock_load = torch.load

    def load(f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None, **kwargs):
        if weights_only is not True or pickle_module is not None or kwargs:
            return stock_load(f, map_location, pickle_module, weights_only=weights_only, mmap=mmap, **kwargs)
        position = f.tell() if hasattr(f, "tell") else None
        try:
            return stock_load(f, map_location, RESTRICTED_PICKLE, weights_only=False, mmap=mmap)
        except Exception:
            if position is not None:
                f.seek(position)
            return stock_load(f, map_location, weights_only=True, mmap=mmap)

    torch.load = load
    try:
        yield
    finally:
        torch.load = stock_load
