"""HTML views: one article with its records highlighted (:func:`render_article_page`, behind
``extractor show --html``), and a static site over an archive (:func:`build_report`, behind
``extractor report``). Templates (Jinja2), styles and script ship in the package; charts are
plain SVG written by :mod:`extractor.report.svg`; no page makes a network request."""

from .article import article_view, render_article_page

__all__ = ["article_view", "render_article_page"]
