"""Jinja2 templates and static assets of the HTML views, all shipped inside the package
(``report/templates``, ``report/static``): nothing is fetched from anywhere when a page opens."""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

ASSETS = ("report.css", "report.js")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("extractor.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["asset_text"] = asset_text
    return env


@lru_cache(maxsize=None)
def asset_text(name: str) -> Markup:
    """A shipped asset's text, for inlining (the assets are the package's own files)."""
    text = resources.files("extractor.report").joinpath("static", name).read_text(encoding="utf-8")
    if "</" in text:
        raise ValueError(f"asset {name} contains '</', which would end its inline element")
    return Markup(text)


def asset_bytes(name: str) -> bytes:
    return resources.files("extractor.report").joinpath("static", name).read_bytes()


def content_security_policy(inline_assets: bool) -> str:
    """Nothing may be fetched, framed or sent; scripts and styles are the shipped assets only
    (inline: pinned by their sha256, so an injected ``<script>`` would not run either)."""
    if inline_assets:
        style, script = (f"'sha256-{_digest(name)}'" for name in ASSETS)
    else:
        style = script = "'self'"
    return (
        f"default-src 'none'; style-src {style}; script-src {script}; img-src data:; "
        "connect-src 'none'; form-action 'none'; base-uri 'none'"
    )


@lru_cache(maxsize=None)
def _digest(name: str) -> str:
    return base64.b64encode(hashlib.sha256(str(asset_text(name)).encode("utf-8")).digest()).decode("ascii")


def render(template: str, context: dict[str, Any], root: str, inline_assets: bool = False, site: bool = False) -> str:
    """Render a template; ``root`` is the relative path from the page to the site's root."""
    return environment().get_template(template).render(
        root=root, inline_assets=inline_assets, site=site, csp=content_security_policy(inline_assets), **context
    )
