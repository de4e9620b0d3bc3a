"""Label Studio import (annotations → gold files) and export (records → pre-annotated tasks).

Every span is a region labelled ``OFFICIAL``, ``EVENT``, ``DATE``, ``FIGURE`` or
``PRIORITY_AREA``. Record fields are per-region ``TextArea``/``Choices`` controls
(``perRegion="true"``) linked to the region by its ``id``, as Label Studio exports them.
Officials and events have several mentions: all regions with the same label and the same
``entity_id`` form one record (without an ``entity_id``, priority-area regions with the same
``area`` choice, and official or event regions with the same ``name``, do; otherwise a region
is a record of its own). A record's fields may sit on any one of its regions; different values on two regions
of one record are an error. See ``docs/labelstudio.md`` for the labelling configuration.

Label Studio offsets count UTF-16 code units (JavaScript strings); they are converted to and
from Python ``str`` indices, so characters outside the BMP do not shift the spans.

Label Studio's own *Export → JSON* lists a task's predictions by id only (each annotation
carries its parent prediction in full); both that and hand-made exports with whole prediction
objects are read (``tests/test_labelstudio_live.py`` checks it against a running server).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any, Optional, Sequence, Union

from ..io.writers import OutputError, atomic_writer
from ..record_types import RegionField, record_types
from ..record_types import record_type as descriptor
from ..records import DocumentRecords
from .gold import (
    GoldError,
    gold_file_path,
    load_gold,
    load_predictions,
    load_raw_documents,
    read_text,
    sorted_records,
    validation_problems,
    write_gold_file,
)

TEXT_NAME = "text"
LABELS_NAME = "label"
GROUP_FIELD = "entity_id"



def label_of_type() -> dict[str, str]:
    """Label Studio label of each registered record type (``officials`` → ``OFFICIAL``)."""
    return {t.name: t.label for t in record_types()}


def type_of_label() -> dict[str, str]:
    return {t.label: t.name for t in record_types()}


def region_fields() -> tuple[RegionField, ...]:
    """Every registered type's per-region controls."""
    return tuple(f for t in record_types() for f in t.region_fields)


def _field_by_control() -> dict[str, RegionField]:
    return {f.control: f for f in region_fields()}


# ----------------------------------------------------------------------------- offsets

def _utf16_units(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


def python_to_utf16(text: str, index: int) -> int:
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def utf16_to_python(text: str, offset: int) -> int:
    units = 0
    for i, ch in enumerate(text):
        if units >= offset:
            return i
        units += _utf16_units(ch)
    return len(text)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _region_offsets(text: str, value: dict[str, Any]) -> Optional[tuple[int, int]]:
    """Python offsets of a region whose ``value.text`` matches the text there, else None."""
    start, end, surface = value.get("start"), value.get("end"), value.get("text")
    if not _is_int(start) or not _is_int(end) or not 0 <= start <= end:
        return None
    if surface is not None and not isinstance(surface, str):
        return None
    candidates = [(utf16_to_python(text, start), utf16_to_python(text, end)), (start, end)]
    for py_start, py_end in candidates:
        if surface is None or text[py_start:py_end] == surface:
            return py_start, py_end
    return None


# ----------------------------------------------------------------------------- configuration

def labeling_config() -> str:
    """The Label Studio labelling configuration (XML) matching :func:`region_fields`."""
    lines = [
        "<View>",
        f'  <Labels name="{LABELS_NAME}" toName="{TEXT_NAME}">',
        *(f'    <Label value="{t.label}" background="{t.label_background}"/>' for t in record_types()),
        "  </Labels>",
        f'  <Text name="{TEXT_NAME}" value="$text" granularity="symbol"/>',
        '  <View visibleWhen="region-selected">',
        '    <Header value="Record id (same id = same official/event)"/>',
        f'    <TextArea name="{GROUP_FIELD}" toName="{TEXT_NAME}" perRegion="true" maxSubmissions="1" editable="true" rows="1"/>',
        "  </View>",
    ]
    for record_type, label in label_of_type().items():
        lines.append(f'  <View visibleWhen="region-selected" whenLabelValue="{label}">')
        for field in region_fields():
            if field.record_type != record_type:
                continue
            lines.append(f'    <Header value="{field.attribute}"/>')
            if field.form == "choice":
                lines.append(
                    f'    <Choices name="{field.control}" toName="{TEXT_NAME}" perRegion="true" choice="single-radio"'
                    + (' layout="select"' if len(field.choices) > 8 else "") + ">"
                )
                lines.extend(f'      <Choice value="{choice}"/>' for choice in field.choices)
                lines.append("    </Choices>")
            else:
                lines.append(
                    f'    <TextArea name="{field.control}" toName="{TEXT_NAME}" perRegion="true" maxSubmissions="1" editable="true" rows="1"/>'
                )
        lines.append("  </View>")
    lines.append("</View>")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- export

def _format_value(field: RegionField, value: Any) -> Optional[str]:
    value = getattr(value, "value", value)
    if value is None or value == []:
        return None
    if field.form == "comma_list":
        return ", ".join(value)
    if field.form == "semicolon_list":
        return "; ".join(value)
    if field.form == "float":
        return repr(float(value))
    return str(value)


def _records_spans(record_type: str, record: Any) -> list[Any]:
    return sorted(record.mentions, key=lambda s: (s.start, s.end)) if descriptor(record_type).has_mentions else [record]


def records_to_results(records: DocumentRecords, text: str) -> list[dict[str, Any]]:
    """Label Studio ``result`` items for every span of ``records`` (fields on the first region)."""
    results: list[dict[str, Any]] = []
    for record_type, label in label_of_type().items():
        prefix = label[0].lower()
        for i, record in enumerate(getattr(records, record_type), start=1):
            group = f"{prefix}{i}"
            for j, span in enumerate(_records_spans(record_type, record), start=1):
                region_id = f"{group}_{j}"
                position = {"start": python_to_utf16(text, span.start), "end": python_to_utf16(text, span.end)}
                base = {"id": region_id, "to_name": TEXT_NAME, "origin": "prediction"}
                results.append({**base, "from_name": LABELS_NAME, "type": "labels",
                                "value": {**position, "text": span.text, "labels": [label]}})
                if descriptor(record_type).has_mentions:
                    results.append({**base, "from_name": GROUP_FIELD, "type": "textarea",
                                    "value": {**position, "text": [group]}})
                if j > 1:
                    continue
                for field in region_fields():
                    if field.record_type != record_type:
                        continue
                    formatted = _format_value(field, getattr(record, field.attribute))
                    if formatted is None:
                        continue
                    if field.form == "choice":
                        results.append({**base, "from_name": field.control, "type": "choices",
                                        "value": {**position, "choices": [formatted]}})
                    else:
                        results.append({**base, "from_name": field.control, "type": "textarea",
                                        "value": {**position, "text": [formatted]}})
    return results


def records_to_task(records: DocumentRecords, text: str, as_annotation: bool = False, model_version: str = "extractor") -> dict[str, Any]:
    """One Label Studio task: ``data`` (text, doc_id, published) and the records as a
    prediction (pre-annotation) or, with ``as_annotation``, as a submitted annotation."""
    data: dict[str, Any] = {"text": text, "doc_id": records.doc_id}
    if records.published:
        data["published"] = records.published
    results = records_to_results(records, text)
    task: dict[str, Any] = {"data": data}
    if as_annotation:
        task["annotations"] = [{"result": results, "was_cancelled": False}]
    else:
        task["predictions"] = [{"model_version": model_version, "result": results}]
    return task


# ----------------------------------------------------------------------------- import

def _parse_value(field: RegionField, raw: str, where: str) -> Any:
    raw = raw.strip()
    if field.form == "int":
        try:
            return int(raw)
        except ValueError:
            raise GoldError([f"{where}: {field.attribute}: {raw!r} is not an integer"]) from None
    if field.form == "float":
        try:
            number = float(raw.replace(" ", ""))
        except ValueError:
            raise GoldError([f"{where}: {field.attribute}: {raw!r} is not a number"]) from None
        if not math.isfinite(number):
            raise GoldError([f"{where}: {field.attribute}: {raw!r} is not a finite number"])
        return number
    if field.form == "comma_list":
        return sorted({part.strip() for part in raw.split(",") if part.strip()})
    if field.form == "semicolon_list":
        return [part.strip() for part in raw.split(";") if part.strip()]
    return raw


def _control_value(item: dict[str, Any]) -> Optional[str]:
    value = item.get("value", {})
    where = f"region {item.get('id')}: {item.get('from_name')}"
    if item.get("type") == "choices":
        choices = value.get("choices") or []
        if not isinstance(choices, list) or not all(isinstance(choice, str) for choice in choices):
            raise ValueError(f"{where}: choices must be a list of strings, got {choices!r}")
        return choices[0] if choices else None
    texts = value.get("text")
    if isinstance(texts, list):
        if not all(isinstance(t, str) for t in texts):
            raise ValueError(f"{where}: text must be a list of strings, got {texts!r}")
        texts = " ".join(t for t in texts if t)
    elif texts is not None and not isinstance(texts, str):
        raise ValueError(f"{where}: text must be a string or a list of strings, got {texts!r}")
    return texts if isinstance(texts, str) and texts.strip() else None


def task_shape_problems(task: Any, where: str) -> list[str]:
    """What keeps ``task`` from being read as a Label Studio task (types of its parts)."""
    if not isinstance(task, dict):
        return [f"{where}: a task must be a JSON object, got {type(task).__name__}"]
    problems = []
    if not isinstance(task.get("data", {}), dict):
        problems.append(f"{where}: data must be an object")
    for key in ("annotations", "predictions"):
        entries = task.get(key) or []
        if not isinstance(entries, list):
            problems.append(f"{where}: {key} must be a list")
            continue
        for number, entry in enumerate(entries):
            if key == "predictions" and _is_int(entry):
                continue  # Label Studio's JSON export lists predictions by id
            if not isinstance(entry, dict):
                problems.append(f"{where}: {key}[{number}] must be an object" + (" or a prediction id" if key == "predictions" else ""))
                continue
            result = entry.get("result") or []
            if not isinstance(result, list):
                problems.append(f"{where}: {key}[{number}].result must be a list")
                continue
            for index, item in enumerate(result):
                if not isinstance(item, dict) or not isinstance(item.get("value", {}), dict):
                    problems.append(f"{where}: {key}[{number}].result[{index}] must be an object with an object `value`")
    return problems


def _chosen_result(task: dict[str, Any], from_predictions: bool, where: str = "task") -> Optional[list[dict[str, Any]]]:
    annotations = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if annotations:
        latest = max(enumerate(annotations), key=lambda ia: (str(ia[1].get("updated_at") or ""), ia[0]))[1]
        return latest.get("result") or []
    predictions = task.get("predictions") or []
    if from_predictions and predictions:
        full = [p for p in predictions if isinstance(p, dict)]
        if not full:
            raise GoldError([
                f"{where}: predictions: the export lists prediction ids only ({', '.join(map(str, predictions))}), "
                "not their regions, as Label Studio's Export → JSON does; the pre-annotation is in the tasks file "
                "imported into Label Studio, or in a snapshot export (POST /api/projects/ID/exports) made with "
                "serialization_options {\"predictions\": {\"only_id\": false}}"
            ])
        return full[-1].get("result") or []
    return None


def _words(text: str) -> str:
    return " ".join(text.split())


def task_to_records(task: dict[str, Any], where: str, text: Optional[str] = None) -> DocumentRecords:
    """Gold records from one exported task; ``text`` (the raw article) overrides ``data.text``
    after checking they are equal. Raises :class:`GoldError` naming task, region and field."""
    data = task.get("data") or {}
    doc_id = str(data.get("doc_id") or task.get("id"))
    where = f"{where} (doc_id {doc_id})"
    task_text = data.get("text")
    if text is None:
        if not isinstance(task_text, str):
            raise GoldError([f"{where}: data.text missing"])
        text = task_text
    elif task_text is not None and task_text != text:
        raise GoldError([f"{where}: data.text differs from the raw article text"])
    result = _chosen_result(task, from_predictions=True, where=where) or []

    problems: list[str] = []
    regions: dict[str, dict[str, Any]] = {}
    fields: dict[str, dict[str, str]] = {}
    for item in result:
        region_id = str(item.get("id"))
        if item.get("type") == "labels":
            value = item.get("value") or {}
            labels = value.get("labels") or []
            if len(labels) != 1 or labels[0] not in type_of_label():
                problems.append(f"{where}: region {region_id}: labels {labels!r} (need exactly one of {sorted(type_of_label())})")
                continue
            offsets = _region_offsets(text, value)
            if offsets is None:
                problems.append(
                    f"{where}: region {region_id}: span: text {value.get('text')!r} not found at {value.get('start')}-{value.get('end')}"
                )
                continue
            regions[region_id] = {"label": labels[0], "start": offsets[0], "end": offsets[1]}
        elif item.get("type") in ("textarea", "choices"):
            control_value = _control_value(item)
            if control_value is not None:
                fields.setdefault(region_id, {})[str(item.get("from_name"))] = control_value

    groups: dict[tuple[str, str], list[str]] = {}
    for region_id, region in sorted(regions.items(), key=lambda kv: (kv[1]["start"], kv[1]["end"], kv[0])):
        record_type = type_of_label()[region["label"]]
        own = fields.get(region_id, {})
        if own.get(GROUP_FIELD):
            key = "id:" + own[GROUP_FIELD].strip()
        elif record_type == "priority_areas" and own.get("priority_area"):
            key = "area:" + own["priority_area"]
        elif record_type in ("officials", "events") and own.get(f"{record_type[:-1]}_name"):
            key = "name:" + _words(own[f"{record_type[:-1]}_name"]).casefold()
        else:
            key = f"region:{region_id}"
        groups.setdefault((record_type, key), []).append(region_id)

    document: dict[str, Any] = {"doc_id": doc_id, **{t: [] for t in label_of_type()}}
    if data.get("published"):
        document["published"] = str(data["published"])[:10]
    for (record_type, _), region_ids in groups.items():
        record: dict[str, Any] = {}
        record_where = f"{where}: {label_of_type()[record_type]} region {region_ids[0]}"
        for region_id in region_ids:
            for control, raw in fields.get(region_id, {}).items():
                field = _field_by_control().get(control)
                if field is None or field.record_type != record_type:
                    continue
                try:
                    value = _parse_value(field, raw, f"{where}: region {region_id}")
                except GoldError as exc:
                    problems.extend(exc.problems)
                    continue
                if field.attribute in record and record[field.attribute] != value:
                    problems.append(
                        f"{where}: region {region_id}: {field.attribute}: {value!r} conflicts with {record[field.attribute]!r} on another region of the record"
                    )
                    continue
                record[field.attribute] = value
        spans = [{"start": regions[r]["start"], "end": regions[r]["end"], "text": text[regions[r]["start"]:regions[r]["end"]]} for r in region_ids]
        if descriptor(record_type).has_mentions:
            record["mentions"] = spans
            if record_type in ("officials", "events") and "name" not in record:
                record["name"] = _words(max((s["text"] for s in spans), key=len))
        else:
            record.update(spans[0])
            if record_type == "dates" and "granularity" not in record and record.get("value"):
                record["granularity"] = {4: "year", 7: "month"}.get(len(record["value"]), "day")
        for attribute in descriptor(record_type).required:
            if attribute not in record:
                problems.append(f"{record_where}: {attribute}: missing")
        document[record_type].append(record)
    if problems:
        raise GoldError(problems)
    records, problems = validation_problems(document, where, text)
    if problems:
        raise GoldError(problems)
    return sorted_records(records)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def read_export(path: str | Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(read_text(path), parse_constant=_no_constant)
    except (json.JSONDecodeError, ValueError) as exc:  # NaN and Infinity are not JSON
        raise GoldError([f"{path}: invalid JSON: {exc}"]) from None
    except UnicodeDecodeError as exc:
        raise GoldError([f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"]) from None
    except OSError as exc:
        raise GoldError([f"{path}: cannot read: {exc.strerror or exc}"]) from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise GoldError([f"{path}: expected a list of Label Studio tasks"])
    return data


def import_export(path: str | Path, raw: Union[str, Path, Sequence[str | Path], None], from_predictions: bool = False) -> list[DocumentRecords]:
    """Gold ``DocumentRecords`` from a Label Studio JSON export (tasks without an annotation are
    skipped unless ``from_predictions``). With ``raw``, spans are checked against the raw articles."""
    tasks = read_export(path)
    problems: list[str] = []
    for i, task in enumerate(tasks):
        problems.extend(task_shape_problems(task, f"{path}: task[{i}]"))
    if problems:
        raise GoldError(problems)
    texts: dict[str, str] = {}
    if raw is not None:
        ids = [_task_doc_id(t) for t in tasks]
        texts = {doc_id: a.text for doc_id, a in load_raw_documents(raw, ids).items()}
    out: list[DocumentRecords] = []
    seen: dict[str, str] = {}
    for i, task in enumerate(tasks):
        where = f"{path}: task[{i}]"
        try:
            if _chosen_result(task, from_predictions, where) is None:
                continue
            doc_id = _task_doc_id(task)
            if raw is not None and doc_id not in texts:
                problems.append(f"{where}: doc_id: no raw document {doc_id!r} in the raw input")
                continue
            if doc_id in seen:
                problems.append(f"{where}: doc_id: {doc_id!r} is also the document of {seen[doc_id]}")
                continue
            seen[doc_id] = where
            out.append(task_to_records(task if from_predictions else _without_predictions(task), where, texts.get(doc_id)))
        except GoldError as exc:
            problems.extend(exc.problems)
        except (TypeError, AttributeError, KeyError, IndexError, ValueError) as exc:  # any other shape Label Studio never writes
            problems.append(f"{where}: malformed task ({type(exc).__name__}: {exc})")
    if problems:
        raise GoldError(problems)
    return out


def _task_doc_id(task: dict[str, Any]) -> str:
    data = task.get("data") or {}
    doc_id = data.get("doc_id") if isinstance(data, dict) else None
    return str(doc_id or task.get("id"))


def _without_predictions(task: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in task.items() if k != "predictions"}


# ----------------------------------------------------------------------------- CLI

def _load_records(source: str, raw: Sequence[str]) -> tuple[list[DocumentRecords], dict[str, str]]:
    path = Path(source)
    if path.is_dir():
        gold, articles = load_gold(path, raw)
        return [gold[d] for d in sorted(gold)], {d: a.text for d, a in articles.items()}
    predictions, warnings = load_predictions(path)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    articles = load_raw_documents(raw, list(predictions))
    missing = sorted(set(predictions) - set(articles))
    if missing:
        raise GoldError([f"{path}: doc_id: no raw document for {', '.join(missing)} in the raw input"])
    return list(predictions.values()), {d: a.text for d, a in articles.items()}


def export_command(args: argparse.Namespace) -> int:
    try:
        records, texts = _load_records(args.records, args.raw)
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    tasks = [records_to_task(r, texts[r.doc_id], as_annotation=args.as_annotations) for r in records]
    try:
        with atomic_writer(args.output) as handle:
            handle.write(json.dumps(tasks, ensure_ascii=False, indent=1, allow_nan=False) + "\n")
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(tasks)} tasks to {args.output}", file=sys.stderr)
    return 0


def import_command(args: argparse.Namespace) -> int:
    try:
        documents = import_export(args.export, args.raw, from_predictions=args.from_predictions)
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    output = Path(args.output)
    if output.exists() and not output.is_dir():
        print(f"error: {output}: not a directory", file=sys.stderr)
        return 2
    try:
        output.mkdir(parents=True, exist_ok=True)
        paths = {d.doc_id: gold_file_path(output, d.doc_id) for d in documents}
    except (OSError, ValueError) as exc:
        print(f"error: {output}: {exc}", file=sys.stderr)
        return 2
    existing = [doc_id for doc_id, path in paths.items() if path.exists()]
    if existing and not args.force:
        print(f"error: {output}: gold files exist for {', '.join(map(repr, existing))} (use --force to overwrite)", file=sys.stderr)
        return 2
    for document in documents:
        write_gold_file(document, output)
    renamed = [f"{doc_id!r} -> {path.name}" for doc_id, path in paths.items() if path.stem != doc_id]
    if renamed:
        print(f"note: ids that are not plain file names were sanitised: {'; '.join(renamed)}", file=sys.stderr)
    print(f"wrote {len(documents)} gold files to {output}", file=sys.stderr)
    return 0


def config_command(args: argparse.Namespace) -> int:
    sys.stdout.write(labeling_config())
    return 0


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("labelstudio", help="Label Studio import/export of annotations")
    commands = parser.add_subparsers(dest="labelstudio_command", required=True)

    imp = commands.add_parser("import", help="Label Studio JSON export -> gold files <doc_id>.json")
    imp.add_argument("export", metavar="EXPORT.json")
    imp.add_argument("--raw", required=True, action="append", metavar="RAW", help="raw articles (folder or .jsonl corpus); repeat for several")
    imp.add_argument("-o", "--output", required=True, metavar="GOLD_DIR")
    imp.add_argument("--from-predictions", action="store_true",
                     help="use a task's pre-annotation when it has no submitted annotation")
    imp.add_argument("--force", action="store_true", help="overwrite existing gold files")
    imp.set_defaults(func=import_command)

    exp = commands.add_parser("export", help="predictions JSONL (or a gold folder) -> Label Studio tasks")
    exp.add_argument("records", metavar="PRED.jsonl", help="DocumentRecords JSONL, or a folder of gold files")
    exp.add_argument("--raw", required=True, action="append", metavar="RAW", help="raw articles (folder or .jsonl corpus); repeat for several")
    exp.add_argument("-o", "--output", required=True, metavar="TASKS.json")
    exp.add_argument("--as-annotations", action="store_true",
                     help="write the records as submitted annotations instead of predictions")
    exp.set_defaults(func=export_command)

    cfg = commands.add_parser("config", help="print the labelling configuration XML")
    cfg.set_defaults(func=config_command)
    return parser
