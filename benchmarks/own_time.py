"""The extractor's own work alone (everything but Stanza), on Stanza output recorded once.

    python benchmarks/own_time.py --n 400 --cache /tmp/stanza400.pkl [--reps 3] [--json]

The first run with a ``--cache`` path that does not exist runs Stanza (1 torch thread) over the
first N IndoSum articles and stores each one's token offsets, sentences and entities there; every
run then builds the records from those offsets (spaCy Doc, components, stages, records, the output
line) N articles at a time, ``--reps`` times after one warm-up pass, and reports the fastest pass
in CPU seconds per 100 articles, split by phase and by component. Without Stanza in the loop a
change to the own work can be timed in seconds, and two checkouts can be alternated on the same
cache (``PYTHONPATH=<checkout>/src``). The warm-up pass puts every word in the vocabulary, so
this leaves out what a new word costs (its lexeme, some 18 µs); ``throughput.py`` measures that
too. ``--digest`` prints a hash of the output lines, to compare two checkouts' output.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import pickle
import sys
import time
from collections import defaultdict
from itertools import islice
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "indosum" / "articles.jsonl"


class _Token:
    __slots__ = ("start_char", "end_char")

    def __init__(self, start: int, end: int):
        self.start_char, self.end_char = start, end


class _Entity:
    __slots__ = ("start_char", "end_char", "type")

    def __init__(self, start: int, end: int, label: str):
        self.start_char, self.end_char, self.type = start, end, label


def record_stanza(corpus: Path, n: int, cache: Path, batch_size: int = 16) -> None:
    import stanza

    from extractor.core import Extractor, _batched
    from extractor.document import Article
    from extractor.io.readers import read_file

    articles = [a for a in islice((a for a in read_file(corpus) if isinstance(a, Article)), n) if a.text.strip()]
    extractor = Extractor(torch_threads=1, warm_up=False)
    recorded = []
    for chunk in _batched(articles, batch_size):
        for article, document in zip(chunk, extractor.nlp.bulk_process([stanza.Document([], text=a.text) for a in chunk])):
            sentences = [[(token.start_char, token.end_char) for token in sentence.tokens] for sentence in document.sentences]
            entities = [(entity.start_char, entity.end_char, entity.type) for entity in document.ents]
            recorded.append((article, sentences, entities))
    with open(cache, "wb") as handle:
        pickle.dump(recorded, handle)


def stanza_like(sentences: list, entities: list) -> SimpleNamespace:
    """What :func:`extractor.nlp.spacy_doc.to_spacy_doc` reads of a Stanza document."""
    return SimpleNamespace(
        sentences=[SimpleNamespace(tokens=[_Token(s, e) for s, e in sentence]) for sentence in sentences],
        ents=[_Entity(*entity) for entity in entities],
    )


def own_time(cache: Path, n: int, reps: int) -> dict:
    from extractor.nlp.lean_imports import import_spacy

    import_spacy()
    import extractor.core as core
    from extractor.components import annotation_nlp
    from extractor.core import Extractor, Timings, _collector_paused, default_stages
    from extractor.io.writers import record_line
    from extractor.nlp.inference import freeze_heap
    from extractor.pipeline import ExtractionPipeline
    from extractor.records import DocumentRecords

    with open(cache, "rb") as handle:
        recorded = pickle.load(handle)[:n]
    documents = [(article, stanza_like(sentences, entities)) for article, sentences, entities in recorded]
    extractor = object.__new__(Extractor)  # the stages and components, without Stanza
    extractor.pipeline = ExtractionPipeline(default_stages())
    extractor.timeout_per_doc, extractor.progress, extractor.timings = None, None, Timings()
    component_s: dict = defaultdict(float)

    def timed(name, process):
        def run(doc):
            started = time.process_time()
            doc = process(doc)
            component_s[name] += time.process_time() - started
            return doc

        return run

    extractor.annotation = SimpleNamespace(pipeline=[(name, timed(name, process)) for name, process in annotation_nlp().pipeline])
    core.time = SimpleNamespace(perf_counter=time.process_time)  # the phases in CPU seconds

    def one_pass() -> list[str]:
        lines = []
        for article, document in documents:
            with _collector_paused():
                records = extractor._records(article, document)
            if not isinstance(records, DocumentRecords):
                raise RuntimeError(f"extraction failed: {records}")
            lines.append(record_line(records))
        return lines

    lines = one_pass()  # loads the lazy resources and puts the words in the vocabulary
    freeze_heap()
    passes = []
    for _ in range(reps):
        extractor.timings = Timings()
        component_s.clear()
        gc.collect()
        started = time.process_time()
        lines = one_pass()
        passes.append((time.process_time() - started, dict(extractor.timings.seconds), dict(component_s)))
    seconds, phases, components = min(passes, key=lambda p: p[0])
    per_100 = 100 / len(documents)
    return {
        "articles": len(documents),
        "own_cpu_s_per_100": round(seconds * per_100, 3),
        "passes_cpu_s_per_100": [round(p[0] * per_100, 3) for p in passes],
        "phases_cpu_s_per_100": {k: round(v * per_100, 3) for k, v in sorted(phases.items(), key=lambda kv: -kv[1])},
        "components_cpu_s_per_100": {k: round(v * per_100, 3) for k, v in sorted(components.items(), key=lambda kv: -kv[1])},
        "digest": hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()[:16],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="IndoSum articles.jsonl")
    parser.add_argument("--n", type=int, default=400, help="first N articles (default 400)")
    parser.add_argument("--cache", type=Path, required=True, help="the recorded Stanza output (written when missing)")
    parser.add_argument("--reps", type=int, default=3, help="timed passes after the warm-up (the fastest is reported)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if not args.cache.exists():
        record_stanza(args.corpus, args.n, args.cache)
    report = own_time(args.cache, args.n, args.reps)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{report['articles']} articles: own work {report['own_cpu_s_per_100']} CPU s per 100 articles "
              f"(passes {report['passes_cpu_s_per_100']}), output digest {report['digest']}")
        print(f"  phases    : {report['phases_cpu_s_per_100']}")
        print(f"  components: {report['components_cpu_s_per_100']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
