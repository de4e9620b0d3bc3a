"""The language's resource files (lexicons and patterns), found, validated and loaded once.

The Indonesian data ship in ``extractor/resources/id/``. Another folder laid out the same way
(the same file names; copy ``resources/id`` and edit it) is used when it is named by
``Extractor(resources=DIR)`` or by ``$EXTRACTOR_RESOURCES``. Every file is checked against its
schema (:mod:`extractor.resource_schemas`) on first load.

One process uses one resource folder at a time: the loaders and matchers built from the data
are cached per process, and :func:`use_resources` clears those caches when the folder changes.
"""

from __future__ import annotations

import copy
import json
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Union

from pydantic import ValidationError

RESOURCES_ENV = "EXTRACTOR_RESOURCES"
LANGUAGE = "id"
PACKAGE_RESOURCES = Path(__file__).resolve().parent / "resources" / LANGUAGE

_chosen: Optional[Path] = None  # set by use_resources(); else the environment, else the package


class ResourceError(ValueError):
    """A resource file is missing, not JSON, or does not fit its schema."""


def resource_dir() -> Path:
    """The folder resources are read from now."""
    if _chosen is not None:
        return _chosen
    configured = os.environ.get(RESOURCES_ENV)
    return Path(configured) if configured else PACKAGE_RESOURCES


def use_resources(folder: Union[str, os.PathLike, None]) -> Path:
    """Read resources from ``folder`` from now on (None: back to ``$EXTRACTOR_RESOURCES`` or the
    shipped ones); every cache built from the previous folder's data is cleared."""
    global _chosen
    previous = resource_dir()
    chosen = Path(folder) if folder is not None else None
    if chosen is not None and not chosen.is_dir():
        raise ResourceError(f"resource folder {chosen} does not exist (set by Extractor(resources=...) or ${RESOURCES_ENV})")
    _chosen = chosen
    if resource_dir().resolve() != previous.resolve():
        clear_caches()
    return resource_dir()


_KEPT_MODULES = frozenset({"extractor.nlp.spacy_doc", "extractor.nlp.stanza_models"})


def clear_caches() -> None:
    """Forget every per-process cache of the extractor's modules (loaded resources, compiled
    patterns, matchers built once per vocab), so that they are rebuilt from the current folder.
    The shared spaCy vocabulary and the Stanza pipelines hold no resource data and are kept."""
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith("extractor.") or name in _KEPT_MODULES:
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == name:
                value.cache_clear()
            cache = getattr(value, "cache", None)
            if isinstance(cache, dict) and getattr(value, "__module__", None) == name:
                cache.clear()


def _without_comments(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_comments(v) for k, v in value.items() if not (isinstance(k, str) and k.startswith("_comment"))}
    if isinstance(value, list):
        return [_without_comments(v) for v in value]
    return value


def _entry(location: tuple[Any, ...], data: Any) -> str:
    """``heads["sidang"].named_onyl`` for an error location, with the entry's name where it has one."""
    parts = []
    node = data
    for key in location:
        if isinstance(key, int):
            name = node[key].get("name") or node[key].get("title") or node[key].get("portfolio") if isinstance(node, list) and key < len(node) and isinstance(node[key], dict) else None
            parts.append(f"[{key}]" + (f" ({name})" if name else ""))
        else:
            parts.append(f".{key}" if parts else str(key))
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            node = None
    return "".join(parts) or "(top level)"


def validate_resource(name: str, data: Any, where: Union[str, Path]) -> None:
    """Raise :class:`ResourceError` naming ``where`` and each wrong entry if ``data`` does not
    fit the schema of resource file ``name``."""
    from .resource_schemas import SCHEMAS

    schema = SCHEMAS.get(name)
    if schema is None:
        raise ResourceError(f"{where}: no schema for a resource file named {name!r} (known: {', '.join(sorted(SCHEMAS))})")
    cleaned = _without_comments(data)
    try:
        schema.model_validate(cleaned)
    except ValidationError as error:
        problems = []
        for item in error.errors():
            message = "unknown key (a typo?)" if item["type"] == "extra_forbidden" else item["msg"]
            problems.append(f"{_entry(item['loc'], cleaned)}: {message}")
        raise ResourceError(f"{where}: " + "; ".join(problems)) from None


@lru_cache(maxsize=None)
def _load(folder: Path, name: str) -> Any:
    path = folder / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ResourceError(f"resource file {path} is missing (resource folder {folder})") from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ResourceError(f"resource file {path} cannot be read: {error}") from None
    validate_resource(name, data, path)
    return data


def load_resource(name: str) -> Any:
    """The validated content of resource file ``name`` (``"events.json"``) of the current folder.

    Each call returns a fresh copy, which the caller may keep and change.
    """
    return copy.deepcopy(_load(resource_dir(), name))
