"""extractor: information extraction from Indonesian diplomacy news."""

from extractor.io.text_check import InvalidTextError, TextTooLongError
from extractor.nlp.stanza_models import ModelError, stanza_pipeline

__version__ = "0.1.0"

__all__ = ["Extractor", "InvalidTextError", "ModelError", "TextTooLongError", "stanza_pipeline", "__version__"]


def __getattr__(name: str):
    # Lazy: `import extractor` stays cheap; the extraction stages load with the first Extractor.
    if name == "Extractor":
        from extractor.core import Extractor

        return Extractor
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
