"""extractor: information extraction from Indonesian diplomacy news."""

__version__ = "0.1.0"
