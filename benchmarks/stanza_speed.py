"""The shipped tokenize + NER stage against stock fp32 Stanza on the same model files, side by side.

    python benchmarks/stanza_speed.py [--n 200] [--threads 1] [--baseline-models DIR] [--processors tokenize] [--scores] [--json]

One process loads two pipelines: stock Stanza (`optimize=False`) on the wave-1 files in
``--baseline-models`` (default: the package's models, which are those files) and the shipped
stage (`optimize=True`: the tokenizer's faster path, int8 NER LSTMs, length-sorted NER
batches, frozen heap; `extractor.nlp.inference`, `extractor.nlp.tokenizer_inference`);
``--processors tokenize`` loads the tokenizer alone (with the sentence-break correction).
Batch by batch, alternating which goes first, both tag the same articles with
``bulk_process``; wall-clock and CPU seconds are summed per side, so that load on a shared
machine hits both alike. The stock side runs with the garbage collector as stock
(heap unfrozen). Reports tokens/s per side, the speed-up, how many articles get other tokens,
sentences or entities, and with ``--scores`` the held-out scores of both sides
(`extractor train evaluate`'s code: GSD token/sentence F1, idner-news-2k test entity F1).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_CORPUS, load_articles  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def analysis(documents) -> list:
    return [
        ([(t.start_char, t.end_char) for s in d.sentences for t in s.tokens],
         [len(s.tokens) for s in d.sentences],
         [(e.start_char, e.end_char, e.type) for e in d.ents])
        for d in documents
    ]


def compare(articles: list, batch_size: int, baseline_models: Path, processors: str = "tokenize,ner") -> dict:
    import stanza

    from extractor.core import _batched
    from extractor.nlp.stanza_models import stanza_pipeline

    started = time.perf_counter()
    stock = stanza_pipeline(model_dir=baseline_models, optimize=False, processors=processors)
    stock_load_s = time.perf_counter() - started
    started = time.perf_counter()
    shipped = stanza_pipeline(optimize=True, processors=processors)
    shipped_load_s = time.perf_counter() - started
    sides = {"stock": stock, "shipped": shipped}
    wall = dict.fromkeys(sides, 0.0)
    cpu = dict.fromkeys(sides, 0.0)
    tokens = dict.fromkeys(sides, 0)
    differing = {"tokens_or_sentences": 0, "entities": 0}
    batches = list(_batched([a.text for a in articles if a.text.strip()], batch_size))
    for name, pipeline in sides.items():  # warm-up: first calls allocate
        pipeline.bulk_process([stanza.Document([], text=t) for t in batches[0][:2]])
    for index, texts in enumerate(batches):
        order = ("stock", "shipped") if index % 2 else ("shipped", "stock")
        outputs = {}
        for name in order:
            if name == "stock":
                gc.unfreeze()  # stock Stanza in a process that does not freeze its heap
            documents = [stanza.Document([], text=t) for t in texts]
            t0, c0 = time.perf_counter(), time.process_time()
            sides[name].bulk_process(documents)
            wall[name] += time.perf_counter() - t0
            cpu[name] += time.process_time() - c0
            outputs[name] = analysis(documents)
            tokens[name] += sum(len(spans) for spans, _, _ in outputs[name])
            del documents
            gc.collect()
            gc.freeze()
        for (s_tok, s_sent, s_ent), (o_tok, o_sent, o_ent) in zip(outputs["stock"], outputs["shipped"]):
            differing["tokens_or_sentences"] += (s_tok, s_sent) != (o_tok, o_sent)
            differing["entities"] += s_ent != o_ent
    import torch

    return {
        "articles": sum(len(b) for b in batches),
        "processors": processors,
        "batch_size": batch_size,
        "torch_threads": torch.get_num_threads(),
        "load_s": {"stock": round(stock_load_s, 2), "shipped": round(shipped_load_s, 2)},
        "tokens": tokens["stock"],
        "wall_s": {name: round(value, 3) for name, value in wall.items()},
        "cpu_s": {name: round(value, 3) for name, value in cpu.items()},
        "tokens_per_s": {name: round(tokens[name] / wall[name], 1) for name in sides},
        "speedup_wall": round(wall["stock"] / wall["shipped"], 3),
        "speedup_cpu": round(cpu["stock"] / cpu["shipped"], 3),
        "articles_differing": differing,
    }


def held_out_scores(baseline_models: Path) -> dict:
    from extractor.nlp.stanza_models import PACKAGE_MODEL_DIR
    from extractor.training import evaluate
    from extractor.training.paths import shared_data_dir

    data_dir = shared_data_dir(None)
    tokenizer = {
        "stock": evaluate.evaluate_tokenizer(data_dir, baseline_models)["without_optimization"],
        "shipped": evaluate.evaluate_tokenizer(data_dir, PACKAGE_MODEL_DIR)["shipped"],
    }
    ner_baseline = evaluate.evaluate_ner(data_dir, baseline_models)["without_optimization"]
    ner_shipped = evaluate.evaluate_ner(data_dir, PACKAGE_MODEL_DIR)
    ner_shipped.pop("without_optimization")
    scores = {
        "gsd_token_f1": {side: tokenizer[side]["token"]["f1"] for side in tokenizer},
        "gsd_sentence_f1": {side: tokenizer[side]["sentence"]["f1"] for side in tokenizer},
        "idner_entity_f1": {"stock": ner_baseline["overall"]["f1"], "shipped": ner_shipped["overall"]["f1"]},
        "idner_entity_f1_per_type": {
            side: {t: s[t]["f1"] for t in ("PER", "ORG", "LOC")}
            for side, s in (("stock", ner_baseline), ("shipped", ner_shipped))
        },
    }
    scores["cost"] = {
        key: round(scores[key]["stock"] - scores[key]["shipped"], 2)
        for key in ("gsd_token_f1", "gsd_sentence_f1", "idner_entity_f1")
    }
    return scores


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="IndoSum articles.jsonl")
    parser.add_argument("--n", type=int, default=200, help="first N articles (default 200)")
    parser.add_argument("--batch-size", type=int, default=16, help="articles per bulk_process call (default 16)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1)")
    parser.add_argument("--baseline-models", type=Path, default=None,
                        help="model directory of the stock side (default: the package's wave-1 files)")
    parser.add_argument("--processors", default="tokenize,ner",
                        help="Stanza processors of both sides (default tokenize,ner; `tokenize` times and "
                             "compares the tokenizer alone)")
    parser.add_argument("--scores", action="store_true", help="also score both sides on the held-out test sets")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    import torch

    from extractor.nlp.stanza_models import PACKAGE_MODEL_DIR

    torch.set_num_threads(args.threads)
    baseline = args.baseline_models or PACKAGE_MODEL_DIR
    report = {"corpus": str(args.corpus), "baseline_models": str(baseline), "load_average": os.getloadavg()}
    report["speed"] = compare(load_articles(args.corpus, args.n), args.batch_size, baseline, args.processors)
    if args.scores:
        report["scores"] = held_out_scores(baseline)
    report["load_average_after"] = os.getloadavg()
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        speed = report["speed"]
        print(f"{speed['articles']} articles, {speed['tokens']} tokens, {speed['torch_threads']} torch threads, "
              f"load average {report['load_average'][0]:.1f}")
        for side in ("stock", "shipped"):
            print(f"  {side:8s} {speed['wall_s'][side]:8.2f} s wall  {speed['cpu_s'][side]:8.2f} s CPU  "
                  f"{speed['tokens_per_s'][side]:8.0f} tokens/s")
        print(f"  speed-up {speed['speedup_wall']}x wall, {speed['speedup_cpu']}x CPU; articles differing: "
              f"{speed['articles_differing']}")
        if "scores" in report:
            print(f"  scores (stock -> shipped): {json.dumps(report['scores'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
