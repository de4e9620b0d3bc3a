"""extractor: information extraction from Indonesian diplomacy news."""

import os

# Before torch loads: OpenMP threads that wait for work sleep instead of spinning, so that torch's
# threads do not fight another busy process for the cores (a many-fold slow-down otherwise).
# An OMP_WAIT_POLICY already in the environment wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from extractor.io.text_check import InvalidTextError, TextTooLongError  # noqa: E402
from extractor.nlp.stanza_models import ModelError, stanza_pipeline  # noqa: E402

__version__ = "0.1.0"

__all__ = ["Extractor", "InvalidTextError", "ModelError", "TextTooLongError", "stanza_pipeline", "__version__"]


def __getattr__(name: str):
    # Lazy: `import extractor` stays cheap; the extraction stages load with the first Extractor.
    if name == "Extractor":
        from extractor.core import Extractor

        return Extractor
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
